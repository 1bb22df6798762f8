from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView

from indicators.models import ReportedValue
from people.models import Area, Person

from .filters import MeetingFilter
from .forms import SearchForm
from .models import Meeting, Participation, Resolution
from .search import site_search

HOME_MEETINGS = 6


@require_GET
def home(request):
    """The latest meetings and the ways into the archive."""
    published = Meeting.objects.published()
    return render(
        request,
        "meetings/home.html",
        {
            "meetings": published.newest_first().for_cards()[:HOME_MEETINGS],
            "officials": Person.objects.with_published_meetings().order_by(
                "-meeting_count", "sort_key"
            )[:12],
            "resolutions": Resolution.objects.discussed().with_meeting_counts()[:12],
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

    def get_queryset(self):
        self.filterset = MeetingFilter(
            self.request.GET or None,
            queryset=Meeting.objects.published().newest_first(),
        )
        if self.filterset.is_bound and not self.filterset.is_valid():
            return Meeting.objects.none()
        return self.filterset.qs.for_cards()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        valid = not self.filterset.is_bound or self.filterset.is_valid()
        context.update(
            filter=self.filterset,
            active_filters=self.filterset.active_filters(),
            facets=self.filterset.facets() if valid else None,
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
