"""The indicators index: every public indicator, filtered and paginated like the archive."""

from collections import Counter

from people.models import Area
from people.views import FilteredListView

from .filters import IndicatorIndexFilter
from .models import FigureTally, Indicator


class IndicatorIndexView(FilteredListView):
    """Public indicators by name, each with its published figures and their provinces, in a
    fixed number of queries: the counts are the tallies of the page's rows only."""

    paginate_by = 50
    template_name = "indicators/indicator_list.html"
    filterset_class = IndicatorIndexFilter

    def get_filterset(self):
        indicators = Indicator.objects.public().order_by("name", "pk")
        return IndicatorIndexFilter(self.params or None, queryset=indicators)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        page.object_list = with_figure_counts(list(page.object_list), "indicator")
        return context


def with_figure_counts(rows, field: str):
    """`rows` (a page of indicators or areas), each given `figure_count`, the published
    figures naming it in `field`, and `province_count`, the provinces of those figures."""
    counts = FigureTally.objects.public_counts(**{f"{field}__in": [row.pk for row in rows]})
    areas = {area for _, area in counts}
    provinces = set(
        Area.objects.filter(pk__in=areas, kind=Area.Kind.PROVINCE).values_list("pk", flat=True)
    )
    figures, province_counts = Counter(), Counter()
    for (indicator, area), count in counts.items():
        key = indicator if field == "indicator" else area
        figures[key] += count
        province_counts[key] += area in provinces
    for row in rows:
        row.figure_count = figures[row.pk]
        row.province_count = province_counts[row.pk]
    return rows
