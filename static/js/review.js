/* The review screen: a fact and the words it came from are shown together. Following a link
   between them (or clicking the marked words) marks both as current and brings each into view
   in its own pane. Without this script the links still lead from one to the other. */
'use strict';
{
    // A reader who asks for less motion is brought there at once.
    const behavior = window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';

    function show(key, from) {
        document.querySelectorAll('.is-current').forEach(function(element) {
            element.classList.remove('is-current');
        });
        const fact = document.getElementById('fact-' + key);
        const words = document.getElementById('src-' + key);
        [fact, words].forEach(function(element) {
            if (element) {
                element.classList.add('is-current');
                if (element !== from) {
                    element.scrollIntoView({block: 'center', behavior: behavior});
                }
            }
        });
        return fact;
    }

    document.addEventListener('click', function(event) {
        const link = event.target.closest('a.src-go, a.fact-go');
        const mark = event.target.closest('mark.src');
        if (link) {
            event.preventDefault();
            const key = link.hash.replace(/^#(fact|src)-/, '');
            const target = show(key, null);
            const focusable = link.classList.contains('src-go') ? target : document.getElementById('src-' + key);
            if (focusable) {
                focusable.setAttribute('tabindex', '-1');
                focusable.focus({preventScroll: true});
            }
            history.replaceState(null, '', link.hash);
        } else if (mark) {
            show(mark.dataset.fact, mark);
        }
    });

    window.addEventListener('load', function() {
        const key = window.location.hash.replace(/^#(fact|src)-/, '');
        if (key && key !== window.location.hash) {
            show(key, null);
        }
    });
}
