"""Documents a query refers to: `Resolution.objects.search()`."""

from django.db.models import Case, F, Q, Value, When

from people.codes import PARTY_SUFFIXES
from people.search.expressions import nothing, words_condition
from people.search.query import Query, Words


def search_resolutions(queryset, query: Query):
    """A code first, by its key; else words of code and title."""
    if query.code:
        return queryset.filter(code_key=query.code.key).annotate(search_rank=Value(100))
    if query.loose_code:
        loose = query.loose_code
        condition = Q(code_key__startswith=f"{loose.number}-")
        if loose.doc_type:
            condition &= Q(doc_type=loose.doc_type)
        if loose.suffix:
            condition &= Q(suffix=loose.suffix)
        rank = (
            Value(50)
            + Case(When(doc_type="NQ", then=Value(20)), default=Value(0))
            + Case(When(suffix__in=PARTY_SUFFIXES, then=Value(10)), default=Value(0))
        )
        return (
            queryset.filter(condition)
            .annotate(search_rank=rank)
            .order_by("-search_rank", F("issued_on").desc(nulls_last=True), "code")
        )
    if not query:
        return nothing(queryset)
    return (
        queryset.filter(words_condition(Words(query.words)))
        .annotate(search_rank=Value(10))
        .order_by(F("issued_on").desc(nulls_last=True), "code")
    )
