from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView

from indicators.models import ReportedValue
from people.models import Area, Person
from people.pagination import KnownCountPaginator
from people.search.expressions import index_scans

from .filters import MeetingFilter
from .forms import SearchForm
from .models import Meeting, Participation, Resolution
from .search.page import site_search

HOME_MEETINGS = 6
# The home page's officials are those most present in this many of the latest meetings: who
# is active now, at a cost that does not grow with the archive.
HOME_RECENT_MEETINGS = 200
# Up to this many results, the archive reads its page by primary key (`pinned()`).
FEW_RESULTS = 2000


@require_GET
def home(request):
    """The latest meetings and the ways into the archive."""
    published = Meeting.objects.published()
    return render(
        request,
        "meetings/home.html",
        {
            "meetings": published.newest_first().for_cards()[:HOME_MEETINGS],
            "officials": Person.objects.with_published_meetings().most_present_in(
                published.newest_first().values("pk")[:HOME_RECENT_MEETINGS]
            )[:12],
            "resolutions": Resolution.objects.discussed()[:12],
            "areas": Area.objects.with_meeting_counts()
            .filter(meeting_count__gt=0)
            .order_by("-meeting_count", "name")[:12],
            "years": published.filter(date__isnull=False).dates("date", "year", order="DESC"),
            "meeting_count": published.count(),
        },
    )


class MeetingListView(ListView):
    """The archive: every published meeting, filtered, faceted and paginated."""

    paginate_by = 20
    template_name = "meetings/meeting_list.html"

    def get(self, request, *args, **kwargs):
        if not request.GET.get("q", "").strip():
            return super().get(request, *args, **kwargs)
        # A text search: rendered here, so that every query of the page, the template's too,
        # keeps to the search indexes (see `index_scans`).
        with index_scans():
            return super().get(request, *args, **kwargs).render()

    def get_queryset(self):
        self.filterset = MeetingFilter(
            self.request.GET or None,
            queryset=Meeting.objects.published().newest_first(),
        )
        self.facets = None
        if self.filterset.is_bound and not self.filterset.is_valid():
            return Meeting.objects.none()
        self.facets = self.filterset.facets()
        meetings = self.filterset.qs
        if self.facets["total"] <= FEW_RESULTS:
            meetings = meetings.pinned()
        return meetings.for_cards()

    def get_paginator(self, queryset, per_page, **kwargs):
        count = self.facets["total"] if self.facets else 0
        return KnownCountPaginator(queryset, per_page, count=count, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            filter=self.filterset,
            suggestions=self.filterset.suggestions(),
            active_filters=self.filterset.active_filters(),
            facets=self.facets,
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        if self.filterset.is_bound and not self.filterset.is_valid():
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


class MeetingDetailView(DetailView):
    """One published meeting with everything the report recorded."""

    def get_queryset(self):
        return Meeting.objects.published().for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object
        published = Meeting.objects.published()
        participations = list(meeting.participations.all())
        head_id = meeting.delegation.head_id if hasattr(meeting, "delegation") else None
        delegation = [p for p in participations if p.side == p.Side.DELEGATION]
        delegation.sort(key=lambda p: (p.person_id != head_id, p.order))
        photo_people = {tag.person_id for photo in meeting.photos.all() for tag in photo.tags.all()}
        context.update(
            delegation_members=delegation,
            host_participants=[p for p in participations if p.side == p.Side.HOST],
            other_participants=[p for p in participations if p.side == p.Side.OTHER],
            photo_people=photo_people,
            previous_meeting=published.before(meeting).first(),
            next_meeting=published.after(meeting).first(),
        )
        return context


class ResolutionDetailView(DetailView):
    """A document, the published meetings that discussed it and the figures they reported."""

    template_name = "meetings/resolution_detail.html"
    context_object_name = "resolution"

    def get_queryset(self):
        return Resolution.objects.discussed().select_related("issuer")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        resolution = self.object
        meetings = Meeting.objects.published().about(resolution)
        context.update(
            meetings=meetings.newest_first().for_cards(),
            figures=ReportedValue.objects.published()
            .filter(resolution=resolution)
            .for_table()
            .order_by("meeting__published_at", "order", "pk"),
            officials=Person.objects.took_part_in(meetings).prefetch_related(
                Prefetch("participations", queryset=_titles_in(meetings), to_attr="titles")
            ),
        )
        return context


def _titles_in(meetings):
    return Participation.objects.filter(meeting__in=meetings).order_by("-meeting__published_at")


@require_GET
def robots_txt(request):
    """Everything public may be crawled; the admin may not. Points crawlers at the sitemap."""
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def search(request):
    """The search page: officials, documents, meetings, organizations and indicators."""
    form = SearchForm(request.GET if "q" in request.GET else None)
    groups = site_search(form.cleaned_data["q"]) if form.is_valid() else []
    return render(request, "meetings/search.html", {"form": form, "groups": groups})
