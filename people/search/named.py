"""Rows with a `name` and a padded `search_text`: `Organization.objects.search()` and
`Indicator.objects.search()`."""

from django.db.models import Case, Value, When

from .expressions import nothing, words_condition
from .query import Query, Words


def search_named(queryset, query: Query):
    """Rows holding every word of `query`: the whole name first, then by name."""
    if not query or query.is_code:
        return nothing(queryset)
    whole = " " + " ".join(query.words) + " "
    rank = Case(
        When(search_text=whole, then=Value(20)),
        When(search_text__startswith=whole, then=Value(15)),
        default=Value(10),
    )
    return (
        queryset.filter(words_condition(Words(query.words)))
        .annotate(search_rank=rank)
        .order_by("-search_rank", "name")
    )
