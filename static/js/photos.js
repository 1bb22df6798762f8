/* A meeting's photos open large on the page: a link to the widest rendition becomes a dialog
   showing it with its caption; Escape, the close button or a click outside closes it. Without
   this script the link opens the image itself. No inline code: the CSP allows this file only. */
'use strict';
{
    function dialog() {
        let box = document.getElementById('photo-dialog');
        if (box) {
            return box;
        }
        box = document.createElement('dialog');
        box.id = 'photo-dialog';
        box.className = 'photo-dialog';
        const close = document.createElement('button');
        close.type = 'button';
        close.className = 'photo-dialog__close';
        close.textContent = document.documentElement.lang === 'en' ? 'Close' : 'Đóng';
        close.addEventListener('click', function() { box.close(); });
        const figure = document.createElement('figure');
        figure.append(document.createElement('img'), document.createElement('figcaption'));
        box.append(close, figure);
        box.addEventListener('click', function(event) {
            if (event.target === box) {
                box.close();
            }
        });
        document.body.append(box);
        return box;
    }

    document.addEventListener('click', function(event) {
        const link = event.target.closest('a.photo-open');
        if (!link || event.ctrlKey || event.metaKey || event.shiftKey || typeof HTMLDialogElement !== 'function') {
            return;
        }
        event.preventDefault();
        const box = dialog();
        const thumbnail = link.querySelector('img');
        const image = box.querySelector('img');
        image.src = link.href;
        image.alt = thumbnail ? thumbnail.alt : '';
        box.querySelector('figcaption').textContent = link.dataset.caption || '';
        box.showModal();
    });
}
