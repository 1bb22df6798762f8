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
    """A FilterSet over `records()`, 50 rows a page. The counts a page shows are subqueries
    of its rows, so they cost the page's rows only, and the total leaves them out."""

    paginate_by = 50

    def records(self):
        raise NotImplementedError

    def get_filterset(self):
        return self.filterset_class(self.params or None, queryset=self.records())


class ResolutionIndexView(IndexView):
    """Public documents in the order of their codes, each with its published meetings."""

    template_name = "meetings/resolution_list.html"
    filterset_class = ResolutionIndexFilter

    def records(self):
        return (
            Resolution.objects.public()
            .in_code_order()
            .with_meeting_counts()
            .select_related("issuer")
        )


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
        areas = Area.objects.public().select_related("parent").order_by("name_folded", "pk")
        return presence.with_area_counts(areas)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        page.object_list = with_figure_counts(list(page.object_list), "area")
        return context
