"""Revision history for every editorial model, bulk edits included (django-simple-history).

django-simple-history records `save()` and `delete()` through signals, but `QuerySet.update()`
sends none. Our models' QuerySets derive from `RecordedQuerySet`, whose `update()` writes one
historical row per changed record, in the same transaction, so bulk edits are never silent.
"""

from django.db import models, transaction


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

    def _clean_text_values(self, values):
        """Text written by `update()` is sanitised as `save()` would sanitise it."""
        from .text import clean_field_value

        rich = getattr(self.model, "rich_text_fields", ())
        return {
            name: clean_field_value(self.model._meta.get_field(name), value, rich=name in rich)
            for name, value in values.items()
        }
