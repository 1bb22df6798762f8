"""The indexes of documents, organizations and areas: every public record of a kind, filtered
and paginated like the archive, each page in a fixed number of queries."""

from indicators.indexes import with_figure_counts
from people.filters import AreaIndexFilter, OrganizationIndexFilter
from people.models import Area, Organization
from people.views import FilteredListView

from . import presence
from .filters import ResolutionIndexFilter
from .models import Resolution


class IndexView(FilteredListView):
    """A FilterSet over `records()`, 50 rows a page, and the counts each row shows asked of
    the page's rows alone by `counted()`: a count in the listing's own query is computed for
    every row an offset skips too (page 20 of the documents: 1,000 counts, 155 ms)."""

    paginate_by = 50

    def records(self):
        raise NotImplementedError

    def counted(self, rows: list) -> list:
        return rows

    def get_filterset(self):
        return self.filterset_class(self.params or None, queryset=self.records())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        page.object_list = self.counted(list(page.object_list))
        return context


def with_counts_of(rows: list, counted_rows, *names: str) -> list:
    """`rows`, each given the attributes `names` of the same record in `counted_rows` (a
    QuerySet annotated with them), read in one query."""
    found = {
        row[0]: row[1:]
        for row in counted_rows.filter(pk__in=[row.pk for row in rows]).values_list("pk", *names)
    }
    for row in rows:
        for name, value in zip(names, found[row.pk], strict=True):
            setattr(row, name, value)
    return rows


class ResolutionIndexView(IndexView):
    """Public documents in the order of their codes, each with its published meetings."""

    template_name = "meetings/resolution_list.html"
    filterset_class = ResolutionIndexFilter

    def records(self):
        return Resolution.objects.public().in_code_order().select_related("issuer")

    def counted(self, rows):
        return with_counts_of(rows, Resolution.objects.with_meeting_counts(), "meeting_count")


class OrganizationIndexView(IndexView):
    """Public organizations by name, with the organization each belongs to."""

    template_name = "people/organization_list.html"
    filterset_class = OrganizationIndexFilter

    def records(self):
        return Organization.objects.public().select_related("parent").order_by("name", "pk")


class AreaIndexView(IndexView):
    """Public areas by name, each with its published meetings and figures."""

    template_name = "people/area_list.html"
    filterset_class = AreaIndexFilter

    def records(self):
        return Area.objects.public().select_related("parent").order_by("name_folded", "pk")

    def counted(self, rows):
        rows = with_counts_of(rows, presence.with_area_counts(Area.objects), "meeting_count")
        return with_figure_counts(rows, "area")
