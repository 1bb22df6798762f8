"""The officials a query names: `Person.objects.search()`.

Candidates are the names whose words start with the query's words, and on PostgreSQL those one
typo away (an index of the names' words answers which words one letter away some name has);
SQLite scores every name. Scoring happens in Python (`names.name_score`), so both engines rank
alike.
"""

from django.contrib.postgres.search import SearchQuery
from django.db import connections
from django.db.models import Case, F, IntegerField, Q, Value, When

from .expressions import NameWords, RankOf, array_literal, is_postgres, lexeme, nothing, one_of
from .names import name_score, one_edit_away
from .query import Query

NAME_CANDIDATES = 300
RANKED_ROWS = 100
SQLITE_NAME_SCAN = 50_000
TYPO_LETTERS = 20


def search_people(queryset, query: Query):
    """`Person.objects.search()`: the people `query` names, best first."""
    return ranked(queryset, name_scores(queryset, query), "sort_key")


def name_scores(queryset, query: Query) -> dict[int, int]:
    """Person pk → score for the people `query` names."""
    if not query or query.is_code:
        return {}
    if is_postgres(queryset):
        rows = postgres_name_candidates(queryset, query.words)
    else:
        prefix = Q()
        for word in query.words:
            prefix &= Q(name_folded__startswith=word) | Q(name_folded__contains=f" {word}")
        rows = dict(queryset.filter(prefix).values_list("pk", "full_name")[:NAME_CANDIDATES])
        if len(query.words) >= 2:  # typos: a few thousand names at most, so every one
            rows.update(queryset.order_by().values_list("pk", "full_name")[:SQLITE_NAME_SCAN])
    scores = {pk: name_score(query, name) for pk, name in rows.items()}
    return {pk: score for pk, score in scores.items() if score}


def ranked(queryset, ranks: dict[int, int], *order):
    """`queryset` limited to `ranks`' keys, annotated with their `search_rank`, best first.

    Only the best `RANKED_ROWS` are kept.
    """
    if not ranks:
        return nothing(queryset)
    ranks = dict(sorted(ranks.items(), key=lambda item: -item[1])[:RANKED_ROWS])
    postgres = is_postgres(queryset)
    if postgres:
        rank = RankOf(ranks)
    else:
        rank = Case(
            *(When(pk=pk, then=Value(score)) for pk, score in ranks.items()),
            default=Value(0),
            output_field=IntegerField(),
        )
    return (
        queryset.filter(one_of("pk", list(ranks), postgres=postgres))
        .annotate(search_rank=rank)
        .order_by("-search_rank", *order)
    )


def postgres_name_candidates(queryset, words) -> dict[int, str]:
    """Pk → full name of the people whose name's words each start with one of `words`, and of
    those one typo away: the names `name_score` can score, at most `NAME_CANDIDATES` of each.

    Unordered, so that PostgreSQL reads them from the name index: in the people's order, it
    walked the order's index testing every name until it had enough, all 200,000 for a
    word no name holds (170 ms, against 0.2; docs/performance.md, 5 December 2026)."""

    def named(terms: str):
        return (
            queryset.alias(name_words=NameWords(F("name_folded")))
            .filter(name_words=SearchQuery(terms, search_type="raw", config="simple"))
            .order_by()
            .values_list("pk", "full_name")[:NAME_CANDIDATES]
        )

    prefixes = [lexeme(word, prefix=True) for word in words]
    candidates = named(" & ".join(prefixes))
    typos = typo_alternatives(words, queryset.db)
    if typos:
        # Each word a typo may be in: the others start words of the name, and this one is a
        # word one letter away from it that some name has.
        either = [
            " & ".join([*prefixes[:i], *prefixes[i + 1 :], f"({' | '.join(alternatives)})"])
            for i, alternatives in typos.items()
        ]
        candidates = candidates.union(named(" | ".join(f"({one})" for one in either)), all=True)
    return dict(candidates)


def typo_alternatives(words, using: str) -> dict[int, list[str]]:
    """Position → the words of names one letter away from the query word there, quoted for a
    tsquery. Only for a word of three letters or more in a query of two words or more, as
    `name_score` allows, and of at most `TYPO_LETTERS`: no name has a longer word, and the
    words one letter away from a long one run to thousands."""
    if len(words) < 2:
        return {}
    near = {
        i: one_edit_away(word) for i, word in enumerate(words) if 3 <= len(word) <= TYPO_LETTERS
    }
    if not near:
        return {}
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT word FROM people_name_word WHERE word = ANY(%s::text[])",
            [array_literal(set().union(*near.values()))],
        )
        known = {word for (word,) in cursor.fetchall()}
    alternatives = {i: sorted(edits & known) for i, edits in near.items()}
    return {i: [*map(lexeme, found)] for i, found in alternatives.items() if found}
