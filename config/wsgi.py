"""WSGI entry point."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()


def warm_up():
    """Do before the server hands this process a request what Django does lazily on the first
    one: import the URLconf with every view, and load each language's catalogs. A worker that
    gunicorn starts in place of a recycled one (`max_requests`) made its first readers wait for
    that, 0.3 s even for a page served from the cache."""
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 (the property imports them)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            pass


warm_up()
