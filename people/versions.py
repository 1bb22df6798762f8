"""Optimistic locking: a save from a form opened at an older version is refused, never merged.

Every editable model has a `version` column. An UPDATE is written as
`UPDATE … SET …, version = version + 1 WHERE pk = … AND version = <the version the form was
opened with>`, so the check and the increment are one statement and no lock is held while an
editor types; 0 rows updated while the row still exists means someone saved in between
(`EditConflict`). `RecordedQuerySet.update()` bumps the version too. The history
(django-simple-history) keeps each version, which says who changed what since.

No library fitted: django-concurrency (maintained, Django 5.2) checks with an extra SELECT before
each UPDATE, writes the new version as a literal, signs the form value, and re-inserts a row
that was deleted while a stale form was open.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class EditConflict(Exception):
    """A save from a stale version: someone else saved or deleted the row since it was read."""

    def __init__(self, instance, version):
        self.instance = instance
        self.version = version
        super().__init__(f"{instance._meta.label} #{instance.pk}: version {version} is stale")


class VersionedModel(models.Model):
    """A row whose every UPDATE checks and increments its `version`."""

    version = models.PositiveIntegerField(_("version"), default=0, db_default=0)

    class Meta:
        abstract = True

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update, *a, **kw):
        field = self._meta.get_field("version")
        values = [value for value in values if value[0] is not field]
        values.append((field, None, F("version") + 1))
        read = self.version
        checked = base_qs.filter(version=read)
        updated = super()._do_update(
            checked, using, pk_val, values, update_fields, forced_update, *a, **kw
        )
        if updated:
            self.version = read + 1
        elif base_qs.filter(pk=pk_val).exists():
            raise EditConflict(self, read)
        return updated


@dataclass(frozen=True)
class Change:
    """One recorded change: who, when, and the names of the fields changed (or deleted)."""

    user: str
    when: object
    fields: tuple[str, ...]
    deleted: bool = False


def changes_since(model, pk, version) -> list[Change]:
    """What was recorded for row `pk` of `model` after `version`, oldest first, read from its
    history: every record from `version` on, each compared with the one before it."""
    records = list(
        model.history.filter(**{model._meta.pk.attname: pk, "version__gte": version})
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    changes, previous = [], None
    for record in records:
        user = str(record.history_user or _("someone (not signed in)"))
        if record.history_type == "-":
            changes.append(Change(user, record.history_date, (), deleted=True))
        elif record.version > version:
            changes.append(Change(user, record.history_date, _changed_fields(previous, record)))
        previous = record
    return changes


def _changed_fields(previous, record) -> tuple[str, ...]:
    """The verbose names of the fields that differ between two history records (every field
    when there is no earlier record to compare with)."""
    model = record.instance_type
    if previous is None:
        return ()
    delta = record.diff_against(previous, foreign_keys_are_objs=False)
    ignored = {"version", "updated_at"}
    return tuple(
        str(model._meta.get_field(name).verbose_name)
        for name in delta.changed_fields
        if name not in ignored
    )
