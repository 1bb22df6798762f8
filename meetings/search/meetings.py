"""Meetings a query finds: `Meeting.objects.search()`.

Every word of the query is a whole word of the meeting's title, summary, body or place or of
one of its photo captions; the last may be the start of one. Officials bring the meetings they
took part in or appear in a photo of; a name is a phrase in the text (`names.text_words`). A
code brings the meetings about the documents it names.
"""

from dataclasses import dataclass

from django.db.models import Q

from people.models import Person
from people.search.expressions import (
    is_postgres,
    one_of,
    vector_condition,
    vector_terms,
    words_condition,
)
from people.search.names import best_people, text_words
from people.search.people import name_scores
from people.search.query import Query, Words

from .documents import search_resolutions

ID_CAP = 2000


@dataclass(frozen=True)
class Sources:
    """The models a meeting search reads besides meetings, handed over by `meetings.models`,
    which imports this module and so cannot be imported by it."""

    resolution: type
    link: type  # a meeting's link to a document it discusses
    participation: type
    photo: type
    photo_person: type


@dataclass(frozen=True)
class TextCondition:
    """What a query asks of a meeting: `q`, to filter by, of `pk` and the search columns, so
    that it holds of any table that has them (`MeetingFacetRow`).

    When the query's whole test of the words is that the vector holds each of `terms`, they are
    given, with `ids`, the meetings it finds otherwise (its officials'): the meetings it does
    not find are then those lacking a term, less the ids (`MeetingFacetRowQuerySet.lacking`).
    """

    q: Q
    ids: frozenset[int] = frozenset()
    terms: tuple[str, ...] = ()


def search_meetings(queryset, query: Query, sources: Sources, *, scores=None, ids=None):
    """`Meeting.objects.search()`.

    `scores` (from `name_scores`) saves scoring the names again, and `ids` (from
    `meeting_ids_of`) asking for the officials' (and on SQLite the captions') meetings again,
    when the caller has done it.
    """
    if not query:
        return queryset.none()
    postgres = is_postgres(queryset)
    condition = search_condition(query, sources, postgres=postgres, scores=scores, ids=ids)
    return queryset.filter(condition.q)


def search_condition(
    query: Query, sources: Sources, *, postgres: bool, scores=None, ids=None
) -> TextCondition:
    """The condition `search_meetings` filters by, asked of a non-empty `query`."""
    if query.is_code:
        resolutions = search_resolutions(sources.resolution.objects.all(), query).values("pk")
        about = sources.link.objects.filter(resolution__in=resolutions)
        return TextCondition(Q(pk__in=about.values("meeting_id")))
    if scores is None:
        scores = name_scores(Person.objects.all(), query)
    words = text_words(query, scores)
    condition = vector_condition(words) if postgres else words_condition(words)
    if ids is None:
        ids = meeting_ids_of(words, best_people(scores), sources)
    if ids:
        # Ids first: PostgreSQL tests an OR in order, and an id costs less than a text.
        condition = one_of("pk", sorted(ids), postgres=postgres) | condition
    return TextCondition(condition, frozenset(ids), vector_terms(words) if postgres else ())


def meeting_ids_of(words: Words, people, sources: Sources) -> set[int]:
    """Meetings of `people`, and on SQLite meetings with a photo whose caption holds `words`
    (on PostgreSQL a meeting's vector holds its captions: migration meetings 0013).

    At most `ID_CAP` of each.
    """
    parts = []
    if not is_postgres(sources.photo.objects.all()):
        captions = sources.photo.objects.order_by().filter(words_condition(words))
        parts.append(captions.values_list("meeting_id", flat=True)[:ID_CAP])
    if people:
        took_part = sources.participation.objects.filter(person__in=people).values_list(
            "meeting_id", flat=True
        )
        in_photo = sources.photo_person.objects.filter(person__in=people).values_list(
            "photo__meeting_id", flat=True
        )
        parts.append(took_part.order_by().union(in_photo.order_by())[:ID_CAP])
    return set().union(*parts)
