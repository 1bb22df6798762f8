"""What every public page shares: the methods it answers, the query parameters it knows,
the list view with strict filters, the site's icon and the language choice; and what the
operator's monitors read: health and metrics."""

import ipaddress
from functools import cache, cached_property, wraps
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import (
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    JsonResponse,
    QueryDict,
)
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import ListView
from django_prometheus.exports import ExportToDjangoView

from . import health
from .metrics import exposition

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def safe_methods(view):
    """A page for reading: GET and HEAD (link checkers, feed readers and monitors send HEAD)
    are served, OPTIONS says what is allowed, anything else is 405. Class-based views get the
    same from Django's `View`."""

    @wraps(view)
    def page(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(headers={"Allow": ", ".join(SAFE_METHODS)})
            response["Content-Length"] = "0"
            return response
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(SAFE_METHODS)
        return view(request, *args, **kwargs)

    return page


def known_params(query: QueryDict, names) -> QueryDict:
    """The parameters of `query` named in `names`, and no others: the links a page builds
    carry what the page reads, never `?utm_source=…&evil=1`."""
    names, known = set(names), QueryDict(mutable=True)
    for name, values in query.lists():
        if name in names:
            known.setlist(name, values)
    return known


class FilteredListView(ListView):
    """A list narrowed by a FilterSet in strict mode: filters that do not validate show no
    rows, the form with its errors, and answer HTTP 400.

    Subclasses name their `filterset_class`, make the FilterSet from `params` in
    `get_filterset()` and build on `filtered_queryset()`.
    """

    filterset_class = None

    @cached_property
    def params(self) -> QueryDict:
        """The query parameters this page knows (its filters and the page number), all that
        its links carry (`{% querystring query … %}`)."""
        names = [*self.filterset_class.base_filters, self.page_kwarg]
        return known_params(self.request.GET, names)

    @cached_property
    def filterset(self):
        return self.get_filterset()

    def get_filterset(self):
        raise NotImplementedError

    @property
    def refused(self) -> bool:
        return self.filterset.is_bound and not self.filterset.is_valid()

    def get_queryset(self):
        if self.refused:
            return self.filterset.queryset.none()
        return self.filtered_queryset()

    def filtered_queryset(self):
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, query=self.params, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        if self.refused:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


@cache
def _icon() -> bytes:
    return Path(finders.find("favicon.svg")).read_bytes()


@safe_methods
def favicon(request):
    """The site's icon at `/favicon.ico`, where browsers ask for it before reading any page's
    `<link rel="icon">`: the static SVG, cached for a day."""
    response = HttpResponse(_icon(), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@safe_methods
def choose_language(request):
    """The footer's language choice, sent by GET: a form without a CSRF token leaves the
    public pages the same for every reader, so they can be cached whole. It changes nothing
    but the reader's own language cookie, and returns only to a page of this site."""
    language = request.GET.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseBadRequest(
            _("Unknown language: choose one the footer lists."),
            content_type="text/plain; charset=utf-8",
        )
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    response["Cache-Control"] = "no-store"
    return response


@safe_methods
def healthz(request):
    """Liveness: the process answers. It reads neither the database nor the cache, so a
    database that is down never gets the web processes restarted."""
    return HttpResponse("ok", content_type="text/plain", headers={"Cache-Control": "no-store"})


@safe_methods
def readyz(request):
    """Readiness: 200 when the databases, the cache and the broker answer and every migration
    is applied, else 503; each check's result in a JSON object (`people.health`)."""
    ready, results = health.readiness()
    response = JsonResponse(results, status=200 if ready else 503)
    response["Cache-Control"] = "no-store"
    return response


def _from_operator(request) -> bool:
    """The client's address, read as login throttling reads it (REMOTE_ADDR unless proxies of
    ours are declared), is in `METRICS_ALLOWED_NETWORKS`; an IPv4 address a dual-stack server
    reports as IPv6 (`::ffff:127.0.0.1`) counts as itself."""
    try:
        address = ipaddress.ip_address(settings.AXES_CLIENT_IP_CALLABLE(request) or "")
    except ValueError:
        return False
    address = getattr(address, "ipv4_mapped", None) or address
    return any(address in network for network in settings.METRICS_ALLOWED_NETWORKS)


@safe_methods
def metrics(request):
    """Prometheus metrics (django-prometheus, then `people.metrics`), for the operator's
    networks only (`METRICS_ALLOWED_NETWORKS`): they tell which pages are slow and how often,
    and how the background jobs fare."""
    if not _from_operator(request):
        return HttpResponseForbidden(
            _("Metrics are for the operator's network."), content_type="text/plain; charset=utf-8"
        )
    response = ExportToDjangoView(request)
    response.content += exposition()  # what tables hold, read now (`people.metrics`)
    response["Cache-Control"] = "no-store"
    return response
