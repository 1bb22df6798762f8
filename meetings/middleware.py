"""Request handling shared by every page of the site."""

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


class VietnameseUnlessChosenMiddleware:
    """The interface is Vietnamese until the visitor picks English in the footer.

    Many Vietnamese readers run browsers set to English; the archive's content is Vietnamese,
    so the browser's Accept-Language is not consulted. The choice is Django's language cookie,
    set by `set_language`. Placed before LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class QueryStringLimitMiddleware:
    """An absurd query string is refused with a 400 and a message before any view reads it.

    Pages read a handful of parameters; their forms bound each value (with friendly
    messages). Beyond `QUERY_STRING_MAX_PARAMETERS` parameters or `QUERY_STRING_MAX_BYTES`
    bytes (as sent, percent-encoded) a request is no reader's.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        count = sum(1 for part in query.split("&") if part)
        if count > settings.QUERY_STRING_MAX_PARAMETERS:
            message = _("The address has too many parameters: %(size)s, at most %(limit)s.")
            values = {"size": count, "limit": settings.QUERY_STRING_MAX_PARAMETERS}
        elif len(query) > settings.QUERY_STRING_MAX_BYTES:
            message = _("The address is too long: %(size)s bytes of parameters, at most %(limit)s.")
            values = {"size": len(query), "limit": settings.QUERY_STRING_MAX_BYTES}
        else:
            return self.get_response(request)
        return HttpResponseBadRequest(message % values, content_type="text/plain; charset=utf-8")
