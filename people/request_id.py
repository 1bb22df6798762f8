"""The id of the request being served, for its log lines and its response's X-Request-ID.

A proxy or a client may send an id of its own, so that one request can be followed through
every service it crosses; one that is too long or holds anything but plain characters is
replaced, so that nothing a client writes reaches the logs unchecked.
"""

import contextvars
import logging
import re
import uuid

HEADER = "X-Request-ID"
# Room for a UUID, a trace id or a proxy's own format; never a line break or a quote.
VALID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
NONE = "-"

_current: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default=NONE)


def current() -> str:
    """The id of the request this code serves, or "-" outside of any."""
    return _current.get()


def _chosen(sent: str) -> str:
    return sent if VALID.fullmatch(sent) else uuid.uuid4().hex


class RequestIdMiddleware:
    """Give the request an id, kept for its log lines and echoed in the response header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.request_id = _chosen(request.headers.get(HEADER, ""))
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Add `request_id` to every record, so that formatters may print it. Django logs a 4xx or
    5xx answer once the middleware are done, with the request attached to the record."""

    def filter(self, record):
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "request_id", None) or current()
        return True
