"""Revision history for every editorial model, bulk edits included (django-simple-history).

django-simple-history records `save()` and `delete()` through signals, but `QuerySet.update()`
sends none, and neither does `bulk_create()`. Our models' QuerySets derive from
`RecordedQuerySet`, whose `update()` and `bulk_create()` write one historical row per record,
in the same transaction, so bulk edits and bulk imports are never silent (`bulk_update()` goes
through `update()`).
"""

from django.db import models, transaction

from .text import clean_field_value, clean_text_fields


class RecordedQuerySet(models.QuerySet):
    """A QuerySet whose `update()` is recorded in the model's history like a save."""

    def update(self, **kwargs):
        kwargs = self._clean_text_values(kwargs)
        history = getattr(self.model, "history", None)
        if history is None:
            return super().update(**kwargs)
        with transaction.atomic(using=self.db):
            pks = list(self.values_list("pk", flat=True))
            count = super().update(**kwargs)
            changed = list(self.model._base_manager.using(self.db).filter(pk__in=pks))
            history.bulk_history_create(changed, update=True, default_change_reason="bulk update")
        return count

    update.alters_data = True

    def bulk_create(self, objs, *args, record_history: bool = True, **kwargs):
        """`bulk_create()` with text cleaned and, unless `record_history` is False (rows that
        are no editorial act, such as a synthetic benchmark archive), history recorded."""
        history = getattr(self.model, "history", None) if record_history else None
        objs = list(objs)
        for obj in objs:
            clean_text_fields(obj)
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
