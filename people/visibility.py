"""What the public may see: one rule for every model, assembled from the apps that know it.

A record is public if and only if a published meeting refers to it, by any path. What
"published" means and every path a meeting's rows take to a record are listed once, in
`meetings/visibility.py`, and registered here when the apps are ready (the way the admin is
assembled): this bottom layer cannot import the meetings that decide it. Each model's
`public()` QuerySet method asks `public()` below; nothing else decides.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, reduce
from operator import or_

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.lookups import IsNull


@dataclass(frozen=True)
class Path:
    """One way a published meeting reaches records of a model: `condition()` is a
    `Reference` (public rows that name the record), or a condition on the record itself."""

    name: str
    condition: Callable[[], "Reference | Q"]


class Registry:
    """The published condition and the paths to each model, filled by `AppConfig.ready()`."""

    def __init__(self):
        self.published_condition: Callable[[str], Q] | None = None
        self.scheduled_condition: Callable[[str], Q] | None = None
        self.paths: dict[type, list[Path]] = {}

    def register_published(
        self, condition: Callable[[str], Q], scheduled: Callable[[str], Q]
    ) -> None:
        self.published_condition = condition
        self.scheduled_condition = scheduled

    def register(self, model: type, name: str, condition: Callable[[], "Reference | Q"]) -> None:
        self.paths.setdefault(model, []).append(Path(name, condition))

    def paths_to(self, model: type) -> list[Path]:
        paths = self.paths.get(model)
        if not paths:
            raise ImproperlyConfigured(f"No path to {model.__name__} is registered as public.")
        return paths


registry = Registry()


def published(path: str = "") -> Q:
    """What a published meeting is, for rows that reach their meeting through `path`
    ("meeting__"): published, and its publication time has come."""
    if registry.published_condition is None:
        raise ImproperlyConfigured("The meetings app registers what a published meeting is.")
    return registry.published_condition(path)


def scheduled(path: str = "") -> Q:
    """Meetings published for a later time, for rows that reach them through `path`: the ones
    a tally of published rows counts before the public may see them."""
    if registry.scheduled_condition is None:
        raise ImproperlyConfigured("The meetings app registers what a published meeting is.")
    return registry.scheduled_condition(path)


@dataclass(frozen=True)
class Reference:
    """Public rows, `referrers`, that name a record in their `field`."""

    referrers: object
    field: str

    def rows(self, *, first_only: bool):
        """The referrers that name the record of the outer query; with `first_only`, at most
        one, so that PostgreSQL plans each part of the union to find its first row fast."""
        one = Value(1, output_field=IntegerField())
        rows = self.referrers.filter(**{self.field: OuterRef("pk")}).order_by().values_list(one)
        return rows[:1] if first_only else rows


def referred_by(referrers, field: str) -> Reference:
    """A record that one of `referrers` (public rows) names in `field` is public."""
    return Reference(referrers, field)


def public(queryset):
    """The records of `queryset` that a published meeting reaches by any registered path.

    The references are asked as one EXISTS over their UNION ALL, which PostgreSQL answers by
    probing each path's index for the rows it reads: as an OR of EXISTS it hashed every public
    row of each path first (the home page's twelve documents: 450 ms against 13 ms at 100,000
    meetings). Each part is limited to one row, or PostgreSQL may hash every published meeting
    to find it (the busiest organization's page: 174 ms)."""
    # SQLite cannot limit the parts of a union.
    first_only = connections[queryset.db].features.supports_slicing_ordering_in_compound
    return queryset.filter(condition(queryset.model, first_only=first_only))


def first_row_exists(rows):
    """Whether `rows` (a subquery of the outer row) has a first row, asked as "its first row is
    not null": PostgreSQL turns a lone EXISTS into a semi join that reads every public row of
    the path before the first candidate (the indicators index: 56 indicators, 475,000
    figures, 190 ms a query), and probes the path's index row by row for this (0.1 ms)."""
    return IsNull(Subquery(rows.order_by()[:1]), False)


@cache
def condition(model: type, *, first_only: bool) -> Q:
    """The condition `public()` adds, built once: it reads the clock in the database (the
    published condition uses `Now()`), so it holds at any time, and building its nested
    QuerySets took longer than running it (the busiest organization's page: 7 ms of 50)."""
    conditions = [path.condition() for path in registry.paths_to(model)]
    references = [condition for condition in conditions if isinstance(condition, Reference)]
    others = [condition for condition in conditions if not isinstance(condition, Reference)]
    if len(references) == 1:
        others.append(first_row_exists(references[0].rows(first_only=False)))
    elif references:
        first, *rest = [reference.rows(first_only=first_only) for reference in references]
        others.append(Exists(first.union(*rest, all=True)))
    return reduce(or_, [Q(other) if not isinstance(other, Q) else other for other in others])
