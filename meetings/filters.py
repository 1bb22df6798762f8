"""The public archive's filters: a FilterSet written like a ModelForm."""

import django_filters
from django import forms
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from people.models import Area, Organization, Person

from .models import Meeting, Resolution


class IntegerFilter(django_filters.Filter):
    field_class = forms.IntegerField


class MeetingFilter(django_filters.FilterSet):
    """Free text, dates, year, place, organization, official, document and kind.

    Choice lists are callables: `published()` reads the clock, so it must run per request,
    not once when this module is imported.
    """

    q = django_filters.CharFilter(label=_("Text"), method="filter_text")
    date_from = django_filters.DateFilter(
        label=_("From"),
        field_name="date",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=_("Until"),
        field_name="date",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    year = IntegerFilter(label=_("Year"), method="filter_year", min_value=1945, max_value=2100)
    area = django_filters.ModelChoiceFilter(
        label=_("Province or area"),
        queryset=lambda request: Area.objects.public(),
        to_field_name="slug",
        empty_label=_("All"),
        method="filter_area",
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Organization"),
        queryset=lambda request: Organization.objects.public(),
        to_field_name="slug",
        empty_label=_("All"),
        method="filter_organization",
    )
    person = django_filters.ModelChoiceFilter(
        label=_("Official"),
        queryset=lambda request: Person.objects.took_part_in(Meeting.objects.published()),
        to_field_name="slug",
        empty_label=_("All"),
        method="filter_person",
    )
    resolution = django_filters.ModelChoiceFilter(
        label=_("Resolution"),
        queryset=lambda request: Resolution.objects.discussed(),
        to_field_name="slug",
        empty_label=_("All"),
        method="filter_resolution",
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Meeting.Kind.choices, empty_label=_("All")
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=[("newest", _("Newest first")), ("oldest", _("Oldest first"))],
        empty_label=None,
        method="filter_sort",
    )

    class Meta:
        model = Meeting
        fields = ["q", "date_from", "date_to", "year", "area", "organization", "person"]

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_year(self, queryset, name, value):
        return queryset.in_year(value)

    def filter_area(self, queryset, name, value):
        return queryset.in_area(value)

    def filter_organization(self, queryset, name, value):
        return queryset.involving(value)

    def filter_person(self, queryset, name, value):
        return queryset.attended_by(value)

    def filter_resolution(self, queryset, name, value):
        return queryset.about(value)

    def filter_sort(self, queryset, name, value):
        return queryset.oldest_first() if value == "oldest" else queryset.newest_first()

    def active_filters(self):
        """The filters in force, each with the query string that removes it alone."""
        if not self.is_bound or not self.is_valid():
            return []
        active = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, "") or name == "sort":
                continue
            field = self.form.fields[name]
            if name == "kind":
                shown = Meeting.Kind(value).label
            elif hasattr(value, "strftime"):
                shown = value.strftime("%d/%m/%Y")
            else:
                shown = str(value)
            remaining = self.data.copy()
            remaining.pop(name, None)
            remaining.pop("page", None)
            active.append(
                {"name": name, "label": field.label, "value": shown, "query": remaining.urlencode()}
            )
        return active

    def facets(self):
        """Meeting counts by year, area and resolution within the current results: three
        queries whatever the archive holds."""
        results = self.qs.order_by()
        years = (
            results.filter(date__isnull=False)
            .annotate(year=ExtractYear("date"))
            .values("year")
            .annotate(count=Count("pk"))
            .order_by("-year")
        )
        areas = (
            results.filter(area__isnull=False)
            .values("area__slug", "area__name")
            .annotate(count=Count("pk"))
            .order_by("-count", "area__name")
        )
        resolutions = (
            Meeting.resolutions.through.objects.filter(meeting__in=results.values("pk"))
            .values("resolution__slug", "resolution__code")
            .annotate(count=Count("meeting"))
            .order_by("-count", "resolution__code")
        )
        return {"years": list(years), "areas": list(areas), "resolutions": list(resolutions)}
