"""Columns a row derives from its own fields (folded names, sort keys, search text), and setting
right the stored rows whose copy is stale.

A model that stores such columns mixes in `DerivedColumns`; its `derived_values()` is the rule,
the only one. `save()`, `bulk_create()` and `update()` (`people.history.RecordedQuerySet`) apply
it as rows are written. What writes rows without them leaves the stored values as they were:
the base manager's `update()`, `loaddata` (restoring an archive), SQL of one's own, and any
change to the folding rules of `people.text`, after which every row is stale. `refresh()` reads
a model's rows in batches, compares each with its rule, and writes only the rows that differ,
without touching their version or history: a derived column is no editorial change. It runs
as the "refresh search data" job (`meetings.tasks`, `manage.py refresh_search`).

On PostgreSQL, triggers rewrite a search text from the same fields whenever it is written, and
the search vector with it, so writing a stale row also rebuilds its vector; a row whose vector
is missing (as migrations leave rows to refresh, or SQL run with triggers off) is written too.
The value the triggers store is the database's (`public.ma_search_document()`): a row it folds
otherwise than Python is counted as unsettled rather than written again and again unnoticed.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.postgres.search import SearchVectorField
from django.db import connections, transaction
from django.db.models import BooleanField, ExpressionWrapper, Q

from .pagecache import archive_changed

logger = logging.getLogger(__name__)

# Rows read, compared and written at once, in one transaction: meetings carry their whole
# report, so a batch stays within a few megabytes.
BATCH_SIZE = 200


class DerivedColumns:
    """A row that stores columns derived from its own fields (`people.derived`)."""

    def derived_values(self) -> dict[str, str]:
        """Each derived column's name and the value the row's own fields give it."""
        raise NotImplementedError

    def derive_fields(self):
        """Set the derived columns from the row's own fields, as `save()` does."""
        for name, value in self.derived_values().items():
            setattr(self, name, value)


@dataclass
class Refreshed:
    """What `refresh()` found in one model's rows."""

    rows: int = 0
    stale: int = 0  # written (or, in a dry run, to be written)
    unsettled: int = 0  # written, yet the database stored another value (its own folding)


def derived_models() -> list:
    """Every installed model with derived columns, in a stable order."""
    models = [model for model in apps.get_models() if issubclass(model, DerivedColumns)]
    return sorted(models, key=lambda model: model._meta.label_lower)


def refresh(model, *, write: bool = True, progress: Callable | None = None) -> Refreshed:
    """Compare every row of `model` with its `derived_values()` and write the stale ones, a
    batch at a time; `progress(rows)` hears of each batch read. Run twice, the second run
    writes nothing."""
    tally = Refreshed()
    rows = _rows(model)
    after = None
    while True:
        with transaction.atomic():
            batch = list((rows if after is None else rows.filter(pk__gt=after))[:BATCH_SIZE])
            if not batch:
                break
            stale = _stale_rows(batch)
            if stale and write:
                tally.unsettled += _write(model, stale)
        tally.rows += len(batch)
        tally.stale += len(stale)
        after = batch[-1].pk
        if progress:
            progress(len(batch))
    if tally.stale and write:
        archive_changed()
    return tally


def _rows(model):
    """The rows of `model` by id, through the base manager, whose plain `update()` bumps no
    version and records no history. The search vectors are the database's to write, and
    large: never read, only whether one is missing (PostgreSQL's alone are kept)."""
    vectors = [f.name for f in model._meta.concrete_fields if isinstance(f, SearchVectorField)]
    rows = model._base_manager.order_by("pk").defer(*vectors)
    if vectors and connections[rows.db].vendor == "postgresql":
        missing = Q.create([(f"{name}__isnull", True) for name in vectors], connector=Q.OR)
        rows = rows.annotate(vector_missing=ExpressionWrapper(missing, BooleanField()))
    return rows


def _stale_rows(batch) -> dict:
    """{row: the values it should store} for the rows of `batch` that store others, or lack
    their search vector."""
    stale = {}
    for row in batch:
        wanted = row.derived_values()
        differs = any(getattr(row, name) != value for name, value in wanted.items())
        if differs or getattr(row, "vector_missing", False):
            stale[row] = wanted
    return stale


def settle(model, rows) -> int:
    """Write the derived columns of those `rows` (just written otherwise) that store stale
    values; how many were."""
    stale = _stale_rows(rows)
    if stale:
        _write(model, stale)
    return len(stale)


def _write(model, stale: dict) -> int:
    """Write the derived values of `stale` rows; how many the database then stores otherwise."""
    fields = list(next(iter(stale.values())))
    for row, wanted in stale.items():
        for name, value in wanted.items():
            setattr(row, name, value)
    model._base_manager.bulk_update(list(stale), fields)
    wanted_by_pk = {row.pk: wanted for row, wanted in stale.items()}
    stored = model._base_manager.filter(pk__in=wanted_by_pk).values_list("pk", *fields)
    unsettled = [
        pk for pk, *values in stored if dict(zip(fields, values, strict=True)) != wanted_by_pk[pk]
    ]
    if unsettled:
        logger.warning(
            "%s: the database stores other derived values than Python's rule for %s rows "
            "(first: %s)",
            model._meta.label,
            len(unsettled),
            unsettled[:10],
        )
    return len(unsettled)
