"""Admin for places, organizations and officials, and what every app's admin shares: search
that folds diacritics like the public site, image checks, and versioned forms that refuse stale
saves and restore from history within each role's rights."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import to_historic
from simple_history.utils import get_m2m_reverse_field_name

from . import admin_site  # noqa: F401  (the site's name; axes' records moved out)
from .admin_layout import CompactInline
from .admin_widgets import (
    AutocompleteLabelsFormSet,
    LabelledAutocompleteSelect,
    LabelledSplitDateTime,
    ListedAutocompleteSelectMultiple,
    LocalizedDecimalField,
)
from .history import RestoreRefused, deleted_with, restore_rows
from .images import check_image_upload
from .models import Area, Organization, Person, Position
from .search.query import analyse
from .services import person_merge
from .text import fold
from .versions import EditConflict, changes_since


def conflict_message(model, pk, version, reload_url=None):
    """Who changed what in row `pk` since `version`, that nothing was saved, and a link to
    reload the page (by default the record's change page; see `people.versions`)."""
    changes = [
        format_html(
            gettext("{user} deleted it at {when}")
            if change.deleted
            else gettext("{user} changed {fields} at {when}"),
            user=change.user,
            fields=", ".join(change.fields) or gettext("its related rows"),
            when=date_format(timezone.localtime(change.when), "DATETIME_FORMAT"),
        )
        for change in changes_since(model, pk, version)
    ] or [gettext("someone else saved it")]
    url = reload_url or reverse(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[pk]
    )
    return format_html(
        gettext(
            "Not saved: since you opened this form, {changes}. Nothing was written. "
            '<a href="{url}">Reload the latest version</a> and make your changes again.'
        ),
        changes=format_html_join("; ", "{}", ((change,) for change in changes)),
        url=url,
    )


class VersionedForm(forms.ModelForm):
    """A model form that carries, hidden, the version it was opened with; a save from a form
    opened before someone else's save is refused (see `people.versions`)."""

    reload_url = None  # an inline's rows reload the page they are edited on

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "version" in self.fields:
            self.fields["version"].widget = forms.HiddenInput()
            self.fields["version"].required = not self.instance._state.adding
        record = to_historic(self.instance)
        if record is not None:
            # Restoring an old version: the form is opened against the current one.
            stored = self._stored_version()
            if "version" in self.fields and stored is not None:
                self.initial["version"] = stored
            self._initial_links_from(record)

    def clean(self):
        cleaned_data = super().clean()
        opened = cleaned_data.get("version")
        if opened is not None and self.instance.pk is not None:
            stored = self._stored_version()
            if stored is not None and stored != opened:
                raise ValidationError(
                    conflict_message(
                        type(self.instance), self.instance.pk, opened, self.reload_url
                    ),
                    code="stale",
                )
        return cleaned_data

    def _initial_links_from(self, record):
        """A version's many-to-many links (a meeting's resolutions) as its history recorded
        them; a deletion's record holds none, so the version before it speaks for it."""
        if record.history_type == "-":
            record = record.prev_record or record
        for field in record._history_m2m_fields:
            if field.name in self.fields:
                target = get_m2m_reverse_field_name(field)
                links = getattr(record, field.name).values_list(f"{target}_id", flat=True)
                self.initial[field.name] = list(links)

    def _stored_version(self):
        """The version stored now: the instance's own, read with the request, or for an old
        version being restored, the current row's (None when it was deleted)."""
        if to_historic(self.instance) is None:
            return None if self.instance._state.adding else self.instance.version
        stored = type(self.instance)._base_manager.filter(pk=self.instance.pk)
        return stored.values_list("version", flat=True).first()


class CheckedImageForm(VersionedForm):
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


# Decimals in the interface's own notation (`58,4` in Vietnamese), in every admin of ours.
DESK_FORMFIELD_OVERRIDES = {
    models.DecimalField: {"form_class": LocalizedDecimalField},
    models.DateTimeField: {"widget": LabelledSplitDateTime},
}


class DeskWidgetsMixin:
    """Our widgets (people.admin_widgets) for decimals, times and every autocomplete field."""

    formfield_overrides = DESK_FORMFIELD_OVERRIDES

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = LabelledAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ListedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class VersionedInline(DeskWidgetsMixin):
    """An inline whose rows carry their versions (see `VersionedForm`)."""

    form = VersionedForm

    def get_fieldsets(self, request, obj=None):
        return with_version(super().get_fieldsets(request, obj))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = type(formset.form.__name__, (formset.form,), {"reload_url": request.path})
        return type(formset.__name__, (AutocompleteLabelsFormSet, formset), {})


def with_version(fieldsets):
    """`fieldsets` with the hidden version field in a hidden fieldset of its own (where our
    change form renders it without a label, which would label nothing)."""
    version = (None, {"fields": ["version"], "classes": ["hidden"]})
    if version in fieldsets:
        return fieldsets
    return [
        *[
            (name, {**options, "fields": [f for f in options["fields"] if f != "version"]})
            for name, options in fieldsets
        ],
        version,
    ]


class VersionedAdmin(DeskWidgetsMixin, SimpleHistoryAdmin):
    """The admin of a versioned, recorded model: stale saves are refused with who changed
    what; restoring from history keeps the record whole and the roles intact."""

    form = VersionedForm
    restore_reason = "restored"
    restored_with = ()

    def get_fieldsets(self, request, obj=None):
        return with_version(super().get_fieldsets(request, obj))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A row changed between reading and writing (the UPDATE found a newer version) rolls
        the whole save back, inlines included, and says why."""
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict as conflict:
            return self._refuse_stale(request, conflict)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Restore a version in one transaction. A deleted record comes back only for those
        who may delete it: an editor restores only what an editor may delete."""
        pk = self._checked_id(self.model, unquote(object_id))
        self._checked_id(self.model.history.model, version_id)
        exists = self.model._base_manager.filter(pk=pk).exists()
        may_restore = exists or self.has_delete_permission(request)
        if not may_restore:
            if request.method == "POST":
                message = gettext(
                    "Only those who may delete a %(what)s may restore a deleted one."
                ) % {"what": self.model._meta.verbose_name}
                return self._refuse(request, object_id, message, status=403)
            extra_context = {**(extra_context or {}), "revert_disabled": True}
        try:
            with transaction.atomic(using=self.model._base_manager.db):
                return super().history_form_view(request, object_id, version_id, extra_context)
        except EditConflict as conflict:
            return self._refuse_stale(request, conflict)
        except RestoreRefused as refusal:
            return self._refuse(request, object_id, str(refusal), status=409)

    def history_view(self, request, object_id, extra_context=None):
        self._checked_id(self.model, unquote(object_id))
        return super().history_view(request, object_id, extra_context)

    @staticmethod
    def _checked_id(model, value):
        """`value` as `model`'s primary key; 404 for what cannot be one ("abc")."""
        try:
            return model._meta.pk.to_python(value)
        except ValidationError as error:
            raise Http404 from error

    def save_model(self, request, obj, form, change):
        """A deleted record restored from history comes back through `restore_deleted`."""
        if to_historic(obj) is not None and not type(obj)._base_manager.filter(pk=obj.pk).exists():
            obj._history_user = request.user
            obj._change_reason = self.restore_reason
            obj.version += 1  # forms opened before the deletion stay stale
            self.restore_deleted(request, obj)
            return
        super().save_model(request, obj, form, change)

    def restore_deleted(self, request, obj):
        """Insert the deleted record again, as the restore form has it, with the rows deleted
        along with it (`restored_with`: model and the field that names this record)."""
        obj.save(force_insert=True)
        for model, field in self.restored_with:
            rows = deleted_with(model, self.model, **{field: obj.pk})
            restore_rows(model, rows, user=request.user, reason=self.restore_reason)

    def _refuse(self, request, object_id, message, *, status):
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": gettext("Not restored"),
            "message": message,
            "back_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_history", args=[object_id]
            ),
        }
        return TemplateResponse(request, "admin/refused.html", context, status=status)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        """A record deleted while it was being edited: say who deleted it, and when."""
        if request.method != "POST":
            return super()._get_obj_does_not_exist_redirect(request, opts, object_id)
        try:
            deleted = self.model.history.filter(
                **{opts.pk.attname: unquote(object_id), "history_type": "-"}
            ).latest()
        except (self.model.history.model.DoesNotExist, ValueError, ValidationError):
            return super()._get_obj_does_not_exist_redirect(request, opts, object_id)
        history_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[object_id])
        self.message_user(
            request,
            conflict_message(self.model, object_id, deleted.version, history_url),
            messages.ERROR,
        )
        return HttpResponseRedirect(history_url)

    def _refuse_stale(self, request, conflict):
        obj = conflict.instance
        self.message_user(
            request, conflict_message(type(obj), obj.pk, conflict.version), messages.ERROR
        )
        return HttpResponseRedirect(request.get_full_path())


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
class AreaAdmin(FoldedSearchMixin, VersionedAdmin):
    list_display = ["name", "kind", "parent", "valid_from", "valid_until", "successor"]
    list_filter = ["kind"]
    list_select_related = ["parent", "successor"]
    search_fields = ["name"]
    autocomplete_fields = ["parent", "successor"]
    readonly_fields = ["slug"]


@admin.register(Organization)
class OrganizationAdmin(FoldedSearchMixin, VersionedAdmin):
    list_display = ["name", "abbreviation", "kind", "parent", "area"]
    list_filter = ["kind", "area"]
    list_select_related = ["parent", "area"]
    search_fields = ["name", "abbreviation"]
    autocomplete_fields = ["parent", "area"]
    readonly_fields = ["slug"]


class PositionInline(CompactInline, VersionedInline, admin.TabularInline):
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
class PersonAdmin(FoldedSearchMixin, VersionedAdmin):
    form = CheckedImageForm
    list_display = ["full_name", "current_titles", "slug"]
    search_fields = ["full_name"]
    readonly_fields = ["slug"]
    inlines = [PositionInline]
    restored_with = [(Position, "person_id")]
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
class PositionAdmin(VersionedAdmin):
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
