"""What the public may see: one rule for every model, assembled from the apps that know it.

A record is public if and only if a published meeting refers to it, by any path. What
"published" means and every path a meeting's rows take to a record are listed once, in
`meetings/visibility.py`, and registered here when the apps are ready (the way the admin is
assembled): this bottom layer cannot import the meetings that decide it. Each model's
`public()` QuerySet method asks `public()` below; nothing else decides.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Exists, OuterRef, Q


@dataclass(frozen=True)
class Path:
    """One way a published meeting reaches records of a model: `condition()` is true of a
    record reached this way."""

    name: str
    condition: Callable[[], Q]


class Registry:
    """The published condition and the paths to each model, filled by `AppConfig.ready()`."""

    def __init__(self):
        self.published_condition: Callable[[str], Q] | None = None
        self.paths: dict[type, list[Path]] = {}

    def register_published(self, condition: Callable[[str], Q]) -> None:
        self.published_condition = condition

    def register(self, model: type, name: str, condition: Callable[[], Q]) -> None:
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


def referred_by(referrers, field: str) -> Q:
    """True of a record that one of `referrers` (public rows) names in `field`."""
    return Exists(referrers.filter(**{field: OuterRef("pk")}))


def public(queryset):
    """The records of `queryset` that a published meeting reaches by any registered path."""
    paths = registry.paths_to(queryset.model)
    return queryset.filter(reduce(or_, (path.condition() for path in paths)))
