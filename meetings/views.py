"""The archive's public pages: home, the archive, meetings, documents, the search page, and
the pages of officials, organizations and areas, which show the meetings they took part in."""

from contextlib import nullcontext

from django.db.models import F, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.generic import DetailView

from indicators.models import ReportedValue
from people.filters import OfficialFilter
from people.models import Area, Organization, Person, Position
from people.pagination import KnownCountPaginator, newest, requested_page
from people.search.expressions import index_scans
from people.views import FilteredListView, known_params, safe_methods

from . import media as stored_files
from . import presence, profile
from .filters import MeetingFilter
from .forms import SearchForm
from .models import ArchiveTally, Meeting, Participation, Resolution
from .search.page import site_search

HOME_MEETINGS = 6
# The home page's officials are those most present in this many of the latest meetings: who
# is active now, at a cost that does not grow with the archive.
HOME_RECENT_MEETINGS = 200
# A page about an organization or an area shows its newest meetings; the archive, filtered,
# lists them all.
MEETINGS_SHOWN = 10
# An area's or an organization's page lists its officials this many at a time: a province or
# a ministry has hundreds at 100,000 meetings, thousands at a million, and listing every one
# was most of the page's time.
OFFICIALS_PER_PAGE = 50


@safe_methods
def home(request):
    """The latest meetings and the ways into the archive."""
    published = Meeting.objects.published()
    years, meeting_count = ArchiveTally.objects.public_years_and_total()
    return render(
        request,
        "meetings/home.html",
        {
            "meetings": published.newest_first().for_cards()[:HOME_MEETINGS],
            "officials": presence.most_present_in(
                presence.with_meeting_counts(Person.objects.all()),
                published.newest_first().values("pk")[:HOME_RECENT_MEETINGS],
            )[:12],
            "resolutions": Resolution.objects.public()[:12],
            "areas": presence.busiest_areas(Area.objects.all(), 12),
            "years": years,
            "meeting_count": meeting_count,
        },
    )


class MeetingListView(FilteredListView):
    """The archive: every published meeting, filtered, faceted and paginated."""

    paginate_by = 20
    template_name = "meetings/meeting_list.html"
    filterset_class = MeetingFilter

    def get_filterset(self):
        return MeetingFilter(
            self.params or None, queryset=Meeting.objects.published().newest_first()
        )

    def get(self, request, *args, **kwargs):
        # A text search is rendered here, so that every query of the page, the template's
        # too, keeps to the search indexes (see `index_scans`).
        with index_scans() if self.filterset.searches_text() else nullcontext():
            return super().get(request, *args, **kwargs).render()

    def filtered_queryset(self):
        self.facets, results = self.filterset.counted_results()
        return results.for_cards()

    def get_paginator(self, queryset, per_page, **kwargs):
        count = 0 if self.refused else self.facets["total"]
        return KnownCountPaginator(queryset, per_page, count=count, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            suggestions=self.filterset.suggestions(),
            active_filters=self.filterset.active_filters(),
            facets=None if self.refused else self.facets,
            **kwargs,
        )


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
            permanent_url=self.request.build_absolute_uri(meeting.get_absolute_url()),
            previous_meeting=published.before(meeting).first(),
            next_meeting=published.after(meeting).first(),
        )
        return context


class ResolutionDetailView(DetailView):
    """A document, the newest published meetings that discussed it (the archive lists them
    all), the figures they reported and the officials who took part, a page at a time."""

    template_name = "meetings/resolution_detail.html"
    context_object_name = "resolution"

    def get_queryset(self):
        return Resolution.objects.public().select_related("issuer")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        resolution = self.object
        meetings = Meeting.objects.published().about(resolution)
        officials = presence.took_part_in(Person.objects.all(), meetings).order_by("sort_key", "pk")
        context.update(
            meetings=newest(meetings.newest_first().for_cards(), MEETINGS_SHOWN),
            figures=ReportedValue.objects.public()
            .filter(resolution=resolution)
            .for_table()
            .order_by("meeting__published_at", "meeting", "order", "pk"),
            officials=requested_page(
                self.request,
                officials.prefetch_related(
                    Prefetch("participations", queryset=_titles_in(meetings), to_attr="titles")
                ),
                OFFICIALS_PER_PAGE,
            ),
        )
        return context


def _titles_in(meetings):
    return Participation.objects.filter(meeting__in=meetings).order_by("-meeting__published_at")


@safe_methods
def robots_txt(request):
    """Everything public may be crawled; the admin may not. Points crawlers at the sitemap."""
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@safe_methods
def media(request, name):
    """A stored photo, rendition or portrait, for whoever may see it (`meetings.media`)."""
    audience = stored_files.audience(request.user, name)
    if audience is None:
        raise Http404
    return stored_files.media_response(name, audience)


@safe_methods
def search(request):
    """The search page: officials, documents, meetings, organizations and indicators."""
    query = known_params(request.GET, SearchForm.base_fields)
    form = SearchForm(query or None)
    groups = site_search(form.cleaned_data["q"]) if form.is_valid() else []
    return render(request, "meetings/search.html", {"form": form, "groups": groups, "query": query})


class PersonListView(FilteredListView):
    """Officials the public may see, by given name as Vietnamese readers look them up, a page
    at a time, one letter at a time if asked."""

    paginate_by = 100
    template_name = "people/person_list.html"
    filterset_class = OfficialFilter

    def get_filterset(self):
        return OfficialFilter(
            self.params or None, queryset=Person.objects.public().order_by("sort_key", "pk")
        )

    @property
    def letter(self) -> str:
        return "" if self.refused or not self.filterset.is_bound else self.filterset.chosen_letter()

    def get_paginator(self, queryset, per_page, **kwargs):
        self.letters = presence.public_index_letters()
        if self.refused:
            count = 0
        else:
            count = self.letters.get(self.letter, 0) if self.letter else sum(self.letters.values())
        return KnownCountPaginator(queryset, per_page, count=count, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Counts and titles for the page's hundred only: asked of every official, they would
        # read every participation.
        shown = context["page_obj"].object_list.values("pk")
        context.update(
            letter=self.letter,
            letters=self.letters,
            people=presence.with_meeting_counts(Person.objects.filter(pk__in=shown)).order_by(
                "sort_key", "pk"
            ),
        )
        return context


class PersonDetailView(DetailView):
    """An official's profile: positions and titles over time, first and last appearance, how
    often on each side and in each role, whom they met, the documents and figures of their
    meetings, their newest meetings and photos, in a fixed number of queries
    (`meetings.profile`)."""

    context_object_name = "person"
    template_name = "people/person_detail.html"

    def get_queryset(self):
        return presence.with_title(Person.objects.public())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        context.update(
            positions=person.positions.select_related("organization").order_by(
                F("start_date").desc(nulls_last=True), "-pk"
            ),
            titles=profile.titles(person),
            tallies=profile.tallies(person),
            first_participation=profile.first_participation(person),
            participations=profile.newest_participations(person),
            met=profile.met_most(person),
            documents=profile.documents(person),
            figures=profile.figures(person),
            photos=profile.photos(person),
        )
        return context


class OrganizationDetailView(DetailView):
    """An organization: its people and the meetings it hosted, led, was visited at or attended."""

    context_object_name = "organization"
    template_name = "people/organization_detail.html"

    def get_queryset(self):
        return Organization.objects.public().select_related("parent", "area")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization = self.object
        published = Meeting.objects.published().newest_first().for_cards()
        context.update(
            positions=requested_page(
                self.request,
                organization.positions.filter(person__in=Person.objects.public())
                .select_related("person")
                .order_by("person__sort_key", "start_date", "pk"),
                OFFICIALS_PER_PAGE,
            ),
            hosted=newest(published.filter(host_organizations=organization), MEETINGS_SHOWN),
            led=newest(
                published.filter(delegation__lead_organization=organization), MEETINGS_SHOWN
            ),
            visited=newest(published.filter(visited_organizations=organization), MEETINGS_SHOWN),
            attended=newest(published.represented_by(organization), MEETINGS_SHOWN),
        )
        return context


class AreaDetailView(DetailView):
    """An area: the meetings held there, the officials of its organizations, and the figures
    reported about it."""

    context_object_name = "area"
    template_name = "people/area_detail.html"

    def get_queryset(self):
        return Area.objects.public().select_related("parent")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        area = self.object
        context.update(
            meetings=newest(
                Meeting.objects.published().in_area(area).newest_first().for_cards(),
                MEETINGS_SHOWN,
            ),
            officials=requested_page(self.request, _officials_of(area), OFFICIALS_PER_PAGE),
            organizations=Organization.objects.public().filter(area=area),
            figures=ReportedValue.objects.public()
            .filter(area=area)
            .latest_per_indicator()
            .for_table()
            .order_by("indicator__name"),
        )
        return context


def _officials_of(area):
    """The public officials who held a position in the area's organizations, each once (an
    official with two positions there was listed twice), with those positions as `held`."""
    positions = (
        Position.objects.filter(organization__area=area)
        .select_related("organization")
        .order_by("start_date", "pk")
    )
    return (
        Person.objects.public()
        .filter(positions__organization__area=area)
        .distinct()
        .order_by("sort_key", "pk")
        .prefetch_related(Prefetch("positions", queryset=positions, to_attr="held"))
    )
