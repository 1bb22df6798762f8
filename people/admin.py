"""Admin for places, organizations and officials; search folds diacritics like the public site."""

from django import forms
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .images import check_image_upload
from .models import Area, Organization, Person, Position
from .search.query import analyse
from .services import person_merge
from .text import fold


class CheckedImageForm(forms.ModelForm):
    """A model form whose uploaded images are checked by content (see `people.images`)."""

    def clean(self):
        cleaned_data = super().clean()
        for name, field in self.fields.items():
            upload = cleaned_data.get(name)
            if isinstance(field, forms.ImageField) and isinstance(upload, UploadedFile):
                try:
                    check_image_upload(upload)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned_data


class FoldedSearchMixin:
    """Search that finds "Phạm Hoàng Sơn" when the editor types "pham hoang son".

    Models with a `search()` QuerySet method use it, so editors get the public site's folding,
    abbreviations and document codes. Others need every folded word of the query in one of
    `folded_search_fields`.
    """

    folded_search_fields = ("name_folded",)

    def get_search_results(self, request, queryset, search_term):
        if hasattr(queryset, "search"):
            query = analyse(search_term)
            return (queryset.search(query) if query else queryset), False
        words = fold(search_term).split()
        if not words:
            return queryset, False
        condition = Q()
        for word in words:
            any_field = Q()
            for field in self.folded_search_fields:
                any_field |= Q(**{f"{field}__contains": word})
            condition &= any_field
        return queryset.filter(condition), False


@admin.register(Area)
class AreaAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent", "valid_from", "valid_until", "successor"]
    list_filter = ["kind"]
    list_select_related = ["parent", "successor"]
    search_fields = ["name"]
    autocomplete_fields = ["parent", "successor"]
    readonly_fields = ["slug"]


@admin.register(Organization)
class OrganizationAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
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
class PersonAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    form = CheckedImageForm
    list_display = ["full_name", "current_titles", "slug"]
    search_fields = ["full_name"]
    readonly_fields = ["slug"]
    inlines = [PositionInline]
    actions = ["merge"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("positions")

    @admin.display(description=_("titles"))
    def current_titles(self, person):
        return "; ".join(p.title for p in person.positions.all() if p.end_date is None)

    def has_merge_permission(self, request):
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(
        permissions=["merge"], description=_("Merge selected people into the oldest record")
    )
    def merge(self, request, queryset):
        """The oldest record (lowest id) is kept; the others are folded into it."""
        people = list(queryset.order_by("pk"))
        if len(people) < 2:
            self.message_user(request, _("Select at least two people to merge."), messages.ERROR)
            return
        keep, *duplicates = people
        for duplicate in duplicates:
            person_merge(keep=keep, duplicate=duplicate)
        self.message_user(
            request,
            _("Merged %(count)d records into “%(name)s” (#%(pk)d).")
            % {"count": len(duplicates), "name": keep.full_name, "pk": keep.pk},
            messages.SUCCESS,
        )


@admin.register(Position)
class PositionAdmin(SimpleHistoryAdmin):
    list_display = ["person", "title", "organization", "start_date", "end_date"]
    list_select_related = ["person", "organization"]
    list_filter = ["organization__kind"]
    search_fields = ["title", "person__full_name"]
    autocomplete_fields = ["person", "organization"]

    def get_search_results(self, request, queryset, search_term):
        words = fold(search_term).split()
        if not words:
            return queryset, False
        matches = Person.objects.search(analyse(search_term)).order_by().values("pk")
        by_title, _distinct = super().get_search_results(request, queryset, search_term)
        return queryset.filter(person__in=matches) | by_title, False
