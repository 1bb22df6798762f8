"""Revision history for every editorial model, bulk edits included (django-simple-history).

django-simple-history records `save()` and `delete()` through signals, but `QuerySet.update()`
sends none, and neither does `bulk_create()`. Our models' QuerySets derive from
`RecordedQuerySet`, whose `update()` and `bulk_create()` write one historical row per record,
in the same transaction, so bulk edits and bulk imports are never silent (`bulk_update()` goes
through `update()`). Both also derive the columns `save()` derives (`people.derived`).
"""

from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from . import derived
from .derived import DerivedColumns
from .pagecache import archive_changed
from .text import clean_field_value, clean_text_fields
from .versions import VersionedModel


class RecordedQuerySet(models.QuerySet):
    """A QuerySet whose `update()` is recorded in the model's history like a save."""

    def update(self, **kwargs):
        archive_changed()  # it sends no signal the page cache hears
        kwargs = self._clean_text_values(kwargs)
        if issubclass(self.model, VersionedModel):
            # A bulk edit is a new version too: forms opened before it are stale.
            kwargs.setdefault("version", F("version") + 1)
        history = getattr(self.model, "history", None)
        if history is None:
            return super().update(**kwargs)
        with transaction.atomic(using=self.db):
            pks = list(self.values_list("pk", flat=True))
            count = super().update(**kwargs)
            changed = list(self.model._base_manager.using(self.db).filter(pk__in=pks))
            if issubclass(self.model, DerivedColumns):
                derived.settle(self.model, changed)  # what save() would derive, as it would
            history.bulk_history_create(changed, update=True, default_change_reason="bulk update")
        return count

    update.alters_data = True

    def bulk_create(self, objs, *args, record_history: bool = True, **kwargs):
        """`bulk_create()` with text cleaned, fields derived as `save()` derives them and,
        unless `record_history` is False (rows that are no editorial act, such as a synthetic
        benchmark archive), history recorded."""
        history = getattr(self.model, "history", None) if record_history else None
        archive_changed()  # it sends no signal the page cache hears
        objs = list(objs)
        for obj in objs:
            clean_text_fields(obj)
            if hasattr(obj, "derive_fields"):
                obj.derive_fields()  # what `save()` derives from the row's own fields
        if history is None:
            return super().bulk_create(objs, *args, **kwargs)
        with transaction.atomic(using=self.db):
            created = super().bulk_create(objs, *args, **kwargs)
            history.bulk_history_create(
                [obj for obj in created if obj.pk is not None],
                default_change_reason="bulk create",
            )
        return created

    bulk_create.alters_data = True

    def _clean_text_values(self, values):
        """Text written by `update()` is prepared as `save()` would prepare it."""
        rich = getattr(self.model, "rich_text_fields", ())
        verbatim = getattr(self.model, "verbatim_text_fields", ())
        return {
            name: clean_field_value(
                self.model._meta.get_field(name),
                value,
                rich=name in rich,
                verbatim=name in verbatim,
            )
            for name, value in values.items()
        }


def cascade_reason(model) -> str:
    """The change reason of a row deleted because a row of `model` was."""
    return f"deleted with {model._meta.label_lower}"


def mark_cascaded_deletion(sender, instance, origin=None, **kwargs):
    """pre_delete: a row deleted along with another (a meeting's participations with the
    meeting) says so in its history, so restoring the other can bring it back."""
    model = origin.model if isinstance(origin, models.QuerySet) else type(origin)
    if origin is not None and model is not sender:
        instance._change_reason = cascade_reason(model)


def deleted_with(model, parent_model, **lookup) -> list:
    """The rows of `model` matching `lookup` that were deleted along with a `parent_model` row
    and are still deleted, as they were at deletion (from their last history record)."""
    pk_name = model._meta.pk.attname
    records = model.history.filter(**lookup).order_by(pk_name, "-history_date", "-history_id")
    latest = {}
    for record in records:
        latest.setdefault(getattr(record, pk_name), record)
    reason = cascade_reason(parent_model)
    return [
        record.instance
        for record in latest.values()
        if record.history_type == "-" and record.history_change_reason == reason
    ]


class RestoreRefused(Exception):
    """A deleted row cannot come back as it was (a record it refers to is gone)."""


def restore_rows(model, rows, *, user, reason: str) -> list:
    """Insert deleted `rows` again with their own ids and record it; refused, writing nothing
    of them, when a record they refer to has been deleted since."""
    for field in model._meta.concrete_fields:
        if not field.is_relation or not rows:
            continue
        wanted = {getattr(row, field.attname) for row in rows} - {None}
        found = set(
            field.related_model._base_manager.filter(pk__in=wanted).values_list("pk", flat=True)
        )
        if wanted - found:
            raise RestoreRefused(
                _("%(rows)s refer to a deleted %(what)s (#%(ids)s): restore it first.")
                % {
                    "rows": model._meta.verbose_name_plural,
                    "what": field.related_model._meta.verbose_name,
                    "ids": ", #".join(str(pk) for pk in sorted(wanted - found)),
                }
            )
    for row in rows:
        row.version += 1
    created = model.objects.bulk_create(rows, record_history=False)
    model.history.bulk_history_create(created, default_user=user, default_change_reason=reason)
    return created
