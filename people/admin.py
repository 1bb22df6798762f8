"""Admin for places, organizations and officials; search folds diacritics like the public site."""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Area, Organization, Person, Position
from .text import fold


class FoldedSearchMixin:
    """Search that finds "Phạm Hoàng Sơn" when the editor types "pham hoang son".

    Models with a `search()` QuerySet method use it, so editors get the public site's folding,
    abbreviations and document codes. Others need every folded word of the query in one of
    `folded_search_fields`.
    """

    folded_search_fields = ("name_folded",)

    def get_search_results(self, request, queryset, search_term):
        words = fold(search_term).split()
        if not words:
            return queryset, False
        if hasattr(queryset, "search"):
            return queryset.search(search_term), False
        condition = Q()
        for word in words:
            any_field = Q()
            for field in self.folded_search_fields:
                any_field |= Q(**{f"{field}__contains": word})
            condition &= any_field
        return queryset.filter(condition), False


@admin.register(Area)
class AreaAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "valid_from", "valid_until", "successor"]
    list_filter = ["kind"]
    list_select_related = ["parent", "successor"]
    search_fields = ["name"]
    autocomplete_fields = ["parent", "successor"]
    readonly_fields = ["slug"]


@admin.register(Organization)
class OrganizationAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "abbreviation", "kind", "parent", "area"]
    list_filter = ["kind", "area"]
    list_select_related = ["parent", "area"]
    search_fields = ["name", "abbreviation"]
    autocomplete_fields = ["parent", "area"]
    readonly_fields = ["slug"]


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["organization"]
    fields = [
        "title",
        "organization",
        "start_date",
        "start_precision",
        "end_date",
        "end_precision",
    ]


@admin.register(Person)
class PersonAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["full_name", "current_titles", "slug"]
    search_fields = ["full_name"]
    readonly_fields = ["slug"]
    inlines = [PositionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("positions")

    @admin.display(description=_("titles"))
    def current_titles(self, person):
        return "; ".join(p.title for p in person.positions.all() if p.end_date is None)


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["person", "title", "organization", "start_date", "end_date"]
    list_select_related = ["person", "organization"]
    list_filter = ["organization__kind"]
    search_fields = ["title", "person__full_name"]
    autocomplete_fields = ["person", "organization"]

    def get_search_results(self, request, queryset, search_term):
        words = fold(search_term).split()
        if not words:
            return queryset, False
        matches = Person.objects.search(search_term).order_by().values("pk")
        by_title, _distinct = super().get_search_results(request, queryset, search_term)
        return queryset.filter(person__in=matches) | by_title, False
