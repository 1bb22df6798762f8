"""The indicators index: every public indicator, filtered and paginated like the archive."""

from people.views import FilteredListView

from .filters import IndicatorIndexFilter
from .models import Indicator, ReportedValue


class IndicatorIndexView(FilteredListView):
    """Public indicators by name, each with its published figures and their provinces, in a
    fixed number of queries: the counts are asked of the page's rows only."""

    paginate_by = 50
    template_name = "indicators/indicator_list.html"
    filterset_class = IndicatorIndexFilter

    def get_filterset(self):
        indicators = Indicator.objects.public().order_by("name", "pk").with_province_counts()
        return IndicatorIndexFilter(self.params or None, queryset=indicators)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        page.object_list = with_figure_counts(list(page.object_list), "indicator")
        return context


def with_figure_counts(rows, field: str):
    """`rows` (a page of indicators or areas), each given `figure_count`: the published
    figures naming it in `field`."""
    counts = ReportedValue.objects.public().counted_by(field, [row.pk for row in rows])
    for row in rows:
        row.figure_count = counts.get(row.pk, 0)
    return rows
