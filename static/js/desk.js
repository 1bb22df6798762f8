/* The editors' desk: select2 (Django's autocomplete) draws its own box and search field beside
   the hidden <select>, and names neither; give both the name of the select's <label>. */
'use strict';
{
    function labelFor(select) {
        const label = select.id && document.querySelector('label[for="' + select.id + '"]');
        return label ? label.textContent.trim().replace(/:$/, '') : '';
    }

    function nameAutocompletes() {
        document.querySelectorAll('select.admin-autocomplete').forEach(function(select) {
            const name = labelFor(select);
            const container = select.nextElementSibling;
            if (!name || !container || !container.classList.contains('select2')) {
                return;
            }
            container.querySelectorAll(
                '.select2-selection__rendered[role="textbox"], .select2-search__field'
            ).forEach(function(element) {
                element.setAttribute('aria-label', name);
            });
        });
    }

    // After Django's autocomplete.js, whose jQuery ready handler was registered first.
    if (window.django && window.django.jQuery) {
        window.django.jQuery(nameAutocompletes);
    }
    window.addEventListener('load', nameAutocompletes);
    document.addEventListener('formset:added', function() {
        window.setTimeout(nameAutocompletes, 0);
    });
}
