from django.db.models import F
from django.views.generic import DetailView, ListView

from indicators.models import ReportedValue
from meetings.models import Meeting, Participation, Photo

from .filters import OfficialFilter
from .models import Area, Organization, Person, Position
from .pagination import KnownCountPaginator, newest

# A page about an organization or an area shows its newest meetings; the archive, filtered,
# lists them all.
MEETINGS_SHOWN = 10


class PersonListView(ListView):
    """Officials with a published meeting, by given name as Vietnamese readers look them up,
    a page at a time, one letter at a time if asked."""

    paginate_by = 100
    template_name = "people/person_list.html"

    def get_queryset(self):
        self.filterset = OfficialFilter(
            self.request.GET or None, queryset=Person.objects.officials().order_by("sort_key", "pk")
        )
        self.letters = Person.objects.officials().index_letters()
        valid = self.filterset.is_bound and self.filterset.is_valid()
        self.refused = self.filterset.is_bound and not valid
        self.letter = self.filterset.form.cleaned_data["letter"] if valid else ""
        if self.refused:
            return Person.objects.none()
        return self.filterset.qs

    def get_paginator(self, queryset, per_page, **kwargs):
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
            filter=self.filterset,
            letter=self.letter,
            letters=self.letters,
            people=Person.objects.with_published_meetings()
            .filter(pk__in=shown)
            .order_by("sort_key", "pk"),
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        if self.refused:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


class PersonDetailView(DetailView):
    """An official: positions over time, titles as reported, meetings attended, photos."""

    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.with_published_meetings()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        published = Meeting.objects.published()
        context.update(
            positions=person.positions.select_related("organization").order_by("start_date", "pk"),
            participations=Participation.objects.filter(person=person, meeting__in=published)
            .select_related("meeting__area", "organization")
            .order_by(
                F("meeting__date").desc(nulls_last=True),
                "-meeting__published_at",
                "-meeting__pk",
            ),
            photos=Photo.objects.filter(people=person, meeting__in=published)
            .select_related("meeting")
            .order_by("-meeting__published_at", "order"),
        )
        return context


class OrganizationDetailView(DetailView):
    """An organization: its people and the meetings it hosted, led, was visited at or attended."""

    context_object_name = "organization"

    def get_queryset(self):
        return Organization.objects.public().select_related("parent", "area")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization = self.object
        published = Meeting.objects.published().newest_first().for_cards()
        officials = Person.objects.officials()
        context.update(
            positions=organization.positions.filter(person__in=officials)
            .select_related("person")
            .order_by("person__sort_key", "start_date"),
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
            positions=Position.objects.filter(
                organization__area=area, person__in=Person.objects.officials()
            )
            .select_related("person", "organization")
            .order_by("person__sort_key", "start_date", "pk"),
            organizations=Organization.objects.public().filter(area=area),
            figures=ReportedValue.objects.published()
            .filter(area=area)
            .latest_per_indicator()
            .for_table()
            .order_by("indicator__name"),
        )
        return context
