"""The indicators index: every public indicator, filtered and paginated like the archive."""

from people.views import FilteredListView

from .filters import IndicatorIndexFilter
from .models import Indicator


class IndicatorIndexView(FilteredListView):
    """Public indicators by name, each with its published figures and their provinces, in a
    fixed number of queries: the counts are subqueries of the page's rows."""

    paginate_by = 50
    template_name = "indicators/indicator_list.html"
    filterset_class = IndicatorIndexFilter

    def get_filterset(self):
        indicators = Indicator.objects.public().order_by("name", "pk").with_figure_counts()
        return IndicatorIndexFilter(self.params or None, queryset=indicators)
