"""Request handling shared by every page of the site."""

import math

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import translation
from django.utils.translation import gettext as _


class VietnameseUnlessChosenMiddleware:
    """The interface is Vietnamese until the visitor picks English in the footer.

    Many Vietnamese readers run browsers set to English; the archive's content is Vietnamese,
    so the browser's Accept-Language is not consulted. The choice is Django's language cookie,
    set by `people.views.choose_language`. Placed before LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class RequestSizeLimitMiddleware:
    """Refuse a request body larger than `MAX_REQUEST_BYTES` before reading any of it.

    The declared `Content-Length` decides: over the limit is 413. A body sent without one
    (chunked) is 411: Django under WSGI would silently read it as empty, and an honest client
    (every browser's form) declares its length. Placed first, so nothing reads the body before.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with translation.override(settings.LANGUAGE_CODE):
            refusal = _refusal(request.META)
        return self.get_response(request) if refusal is None else refusal


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


def _refusal(meta) -> HttpResponse | None:
    """The answer to a body that must not be read, or None when it may be."""
    declared = meta.get("CONTENT_LENGTH") or ""
    if not declared:
        if "chunked" in meta.get("HTTP_TRANSFER_ENCODING", "").lower():
            return _plain(411, _("Send the request with its Content-Length."))
        return None
    if not declared.isdigit():
        return _plain(400, _("The request's Content-Length is not a number."))
    if int(declared) > settings.MAX_REQUEST_BYTES:
        message = _(
            "The data sent (%(size)s MB) is over the %(limit)s MB limit. "
            "Save fewer photos at a time."
        ) % {"size": _megabytes(int(declared)), "limit": _megabytes(settings.MAX_REQUEST_BYTES)}
        return _plain(413, message)
    return None


def _megabytes(size: int) -> int:
    """Rounded up, so that a body just over the limit never reads as equal to it."""
    return math.ceil(size / 1024 / 1024)


def _plain(status: int, message: str) -> HttpResponse:
    return HttpResponse(str(message), status=status, content_type="text/plain; charset=utf-8")
