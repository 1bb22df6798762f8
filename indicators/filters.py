"""The filters of the indicators index and of an indicator's page: FilterSets written like
ModelForms."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from people.filters import IntegerFilter
from people.models import Area
from people.search.query import analyse

from .downloads import csv_parts
from .models import FigureTally, Indicator, ReportedValue

FIRST_YEAR = 1900
LAST_YEAR = 2100


class ReportedValueFilterForm(forms.Form):
    def clean(self):
        cleaned_data = super().clean()
        first, last = cleaned_data.get("year_from"), cleaned_data.get("year_to")
        if first is not None and last is not None and first > last:
            raise forms.ValidationError(
                _("The first year (%(first)s) is after the last (%(last)s)."),
                code="years_reversed",
                params={"first": first, "last": last},
            )
        return cleaned_data


class ReportedValueFilter(django_filters.FilterSet):
    """An area and a span of years, over one indicator's published figures.

    The area choices are the areas of the figures the FilterSet is given (one query), so an
    area reported only in drafts is never offered and an area with no figure is refused.
    """

    area = django_filters.ChoiceFilter(
        label=_("Province or area"), empty_label=_("All"), method="filter_area"
    )
    year_from = IntegerFilter(
        label=_("From year"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        method="filter_year_from",
    )
    year_to = IntegerFilter(
        label=_("To year"), min_value=FIRST_YEAR, max_value=LAST_YEAR, method="filter_year_to"
    )

    class Meta:
        model = ReportedValue
        fields = ["area", "year_from", "year_to"]
        form = ReportedValueFilterForm

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        areas = Area.objects.filter(Exists(self.queryset.filter(area=OuterRef("pk"))))
        self.areas = {
            slug: (pk, name)
            for pk, slug, name in areas.order_by("name_folded").values_list("pk", "slug", "name")
        }
        self.filters["area"].extra["choices"] = [
            (slug, name) for slug, (_pk, name) in self.areas.items()
        ]
        self._tallied = None

    def filter_area(self, queryset, name, value):
        return queryset.filter(area_id=self.areas[value][0])

    def filter_year_from(self, queryset, name, value):
        return queryset.within_years(first=value)

    def filter_year_to(self, queryset, name, value):
        return queryset.within_years(last=value)

    def tallied_areas(self, indicator) -> list[tuple[int | None, str, int]] | None:
        """(area id, name, figures) of each area the filters leave, in the table's order,
        counted by the tallies; None when a span of years narrows the figures, which tallies
        do not know."""
        data = self.form.cleaned_data
        if data.get("year_from") is not None or data.get("year_to") is not None:
            return None
        return self._areas_in_order(indicator)

    def csv_parts(self, indicator):
        """The parts of the CSV of what the filters leave (`indicators.downloads`), sized by
        the tallies: a span of years can only make a part smaller than they say."""
        return csv_parts(self._areas_in_order(indicator))

    def _areas_in_order(self, indicator) -> list[tuple[int | None, str, int]]:
        """(area id, name, published figures) of the chosen area or of every area, the
        figures of no area last; the tallies read once."""
        if self._tallied is None:
            among = {"indicator": indicator}
            if chosen := self.form.cleaned_data.get("area"):
                among["area"] = self.areas[chosen][0]
            counts = FigureTally.objects.public_counts(**among)
            tallies = {area: n for (_indicator, area), n in counts.items()}
            areas = [self.areas[chosen]] if chosen else list(self.areas.values())
            if not chosen and tallies.get(None):
                areas.append((None, ""))
            self._tallied = [(pk, name, tallies.get(pk, 0)) for pk, name in areas]
        return self._tallied

    def chart_area(self):
        """`(id, name)` of the one area the chart follows over time: the area chosen, or the
        only one the figures name; None when the figures cover several areas (or none)."""
        chosen = self.form.cleaned_data.get("area") if self.is_valid() else None
        if chosen:
            return self.areas[chosen]
        if len(self.areas) == 1:
            return next(iter(self.areas.values()))
        return None


def reported_areas(request=None):
    """Areas with a published figure: the indicators index's area choices."""
    reported = FigureTally.objects.public_area_ids()
    return Area.objects.filter(pk__in=reported).order_by("name_folded", "pk")


def public_units():
    """The units public indicators are measured in: the index's groups, since indicators
    carry no theme of their own."""
    units = Indicator.objects.public().exclude(default_unit="").values_list("default_unit")
    return [(unit, unit) for (unit,) in units.order_by("default_unit").distinct()]


class IndicatorIndexFilter(django_filters.FilterSet):
    """The indicators index: words of the name, the unit measured in, a province reported."""

    q = django_filters.CharFilter(label=_("Name"), method="filter_text")
    unit = django_filters.ChoiceFilter(
        label=_("Unit"), empty_label=_("All"), field_name="default_unit"
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Province or area"),
        queryset=reported_areas,
        to_field_name="slug",
        empty_label=_("All"),
        method="filter_area",
    )

    class Meta:
        model = Indicator
        fields = ["q", "unit", "area"]

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        # Read once: a callable would be read again to validate the choice.
        self.filters["unit"].extra["choices"] = public_units()

    def filter_text(self, queryset, name, value):
        return queryset.search(analyse(value))

    def filter_area(self, queryset, name, value):
        return queryset.reported_in(value)
