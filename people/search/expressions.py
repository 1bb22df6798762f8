"""The search rules asked of each engine, and the tuning PostgreSQL's planner needs.

Words: every word of the query a whole word of the row, the last may be the start of one.
PostgreSQL asks a GIN-indexed `tsvector` (`to_tsquery('simple', 'a & b & c:*')`) for meetings
(whose vectors hold their photos' captions too) and photo captions, and trigram-indexed `LIKE`
for the small tables; SQLite uses `LIKE` everywhere. A phrase: PostgreSQL asks the index for the
pairs of adjacent words its vectors also hold ('~a b' & '~b c':*) and checks the order of a
longer phrase on those few rows; SQLite looks for the phrase in the folded column.
"""

from contextlib import contextmanager

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connections, transaction
from django.db.models import BigIntegerField, BooleanField, F, Func, IntegerField, Lookup, Q, Value

from .query import Words


def is_postgres(queryset) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def words_condition(words: Words, column: str = "search_text") -> Q:
    """`words` in a padded, folded search column, by `LIKE`."""
    end = "" if words.prefix else " "
    if words.phrase:
        return Q(**{f"{column}__contains": " " + " ".join(words.words) + end})
    condition = Q()
    for word in words.words[:-1]:
        condition &= Q(**{f"{column}__contains": f" {word} "})
    return condition & Q(**{f"{column}__contains": f" {words.words[-1]}{end}"})


def tsquery(words: Words) -> SearchQuery:
    """The same rule for a `tsvector`: `a & b & c:*`. Words are letters and digits only.

    For a phrase, the pairs of adjacent words that the vectors also hold as lexemes (migrations
    meetings 0010 and 0012): `'~a b' & '~b c':*`. A pair is rare where single syllables are
    not, so the index answers with a handful of candidates; `vector_condition` checks the order
    of a longer phrase on them.
    """
    if words.phrase and len(words.words) >= 2:
        return Lexemes(words.pairs, words.prefix)
    return raw_tsquery(words.words, "&", words.prefix)


def lexeme(word: str, prefix: bool = False) -> str:
    """`'word'` for a tsquery, or `'word':*` for any lexeme starting with it."""
    return f"'{word}':*" if prefix else f"'{word}'"


def lexemes(words, prefix: bool) -> list[str]:
    """`'a'`, `'b'`, `'c':*`: the last word may be the start of one when `prefix`."""
    return [*map(lexeme, words[:-1]), lexeme(words[-1], prefix)]


def raw_tsquery(words, operator: str, prefix: bool = True) -> SearchQuery:
    """`'a' operator 'b' operator 'c':*`: the last word may be the start of one."""
    terms = f" {operator} ".join(lexemes(words, prefix))
    return SearchQuery(terms, search_type="raw", config="simple")


class Lexemes(SearchQuery):
    """`'~a b' & '~b c':*` cast to a tsquery as it is: `to_tsquery()` would parse each pair
    back into two words."""

    def __init__(self, pairs, prefix: bool = True):
        super().__init__(" & ".join(lexemes(pairs, prefix)))

    def as_sql(self, compiler, connection, function=None, template=None):
        return "%s::tsquery", [self.source_expressions[0].value]


def vector_terms(words: Words) -> tuple[str, ...]:
    """The lexemes `vector_condition(words)` asks a vector to hold, as `tsquery` writes them
    (`'a'`, `'~a b'`, `'c':*`), when holding them all is its whole test: none when it also
    checks a longer phrase's order."""
    if words.phrase and len(words.words) >= 3:
        return ()
    held = words.pairs if words.phrase and len(words.words) >= 2 else words.words
    return tuple(lexemes(held, words.prefix))


def vector_condition(words: Words) -> Q:
    """`words_condition` for a `search_vector` column.

    Two words are a phrase when their pair is in the vector. The order of a longer phrase
    (`a <-> b <-> c:*`) is checked by calling `ts_match_vq` rather than through `@@`, which the
    index would take up: it would then read the long lists of "a", "b" and every word starting
    "c" (30 ms) to answer what the pairs have already narrowed. A vector keeps no position past
    16,383 and at most 256 of one word, so deep in a long report the order is read from the
    folded text instead.
    """
    condition = Q(search_vector=tsquery(words))
    if words.phrase and len(words.words) >= 3:
        in_order = Func(
            F("search_vector"),
            raw_tsquery(words.words, "<->", words.prefix),
            function="ts_match_vq",
            output_field=BooleanField(),
        )
        condition &= Q(in_order) | words_condition(words)
    return condition


class NameWords(Func):
    """A folded name's words as a `tsvector`: what `person_name_words_idx` indexes (migration
    people 0006), written the same way so that the planner uses it."""

    template = "to_tsvector('pg_catalog.simple'::regconfig, %(expressions)s)"
    output_field = SearchVectorField()


class AnyOf(Lookup):
    """`column = ANY(%s)`: one array parameter rather than a placeholder per id."""

    lookup_name = "any_of"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


def array_literal(values) -> str:
    """`{1,2}` or `{"a","b"}`: a PostgreSQL array as one text parameter. The driver adapts a
    list element by element in Python, a millisecond for the two thousand ids a common name
    brings. Values are numbers, or words of letters and digits, which need no escaping."""
    values = list(values)
    if values and isinstance(values[0], str):
        return '{"' + '","'.join(values) + '"}'
    return "{" + ",".join(map(str, values)) + "}"


class Ids(Value):
    """A list of ids as one `bigint[]` parameter, which the planner does not look into.

    `Value(ids, output_field=ArrayField(...))` prepares every element through the field, which
    costs more than the query itself for the two thousand ids a common name brings. And given
    the array itself, PostgreSQL estimates every element, again for each index it considers:
    `id = ANY(82 ids) OR (text AND phrase)` took 2.5 ms to plan and 1 ms to run. Behind a
    scalar subquery it plans in 0.35 ms, to the same plan.
    """

    output_field = ArrayField(BigIntegerField())

    def as_sql(self, compiler, connection):
        return "(SELECT %s::bigint[])::bigint[]", [array_literal(self.value)]


def one_of(column: str, ids: list[int], *, postgres: bool):
    """A filter for rows whose `column` is among `ids`."""
    if postgres:
        return AnyOf(F(column), Ids(ids))
    return Q(**{f"{column}__in": ids})


class RankOf(Func):
    """`ranks[pk]` in PostgreSQL: two array parameters rather than a CASE with a WHEN per row
    (a hundred of them cost Django more to build than the query costs to run)."""

    output_field = IntegerField()

    def __init__(self, ranks: dict[int, int]):
        super().__init__(F("pk"))
        self.ranks = ranks

    def as_sql(self, compiler, connection, **extra_context):
        pk, params = compiler.compile(self.source_expressions[0])
        sql = f"(%s::integer[])[array_position(%s::bigint[], {pk})]"
        return sql, [array_literal(self.ranks.values()), array_literal(self.ranks), *params]


def nothing(queryset):
    """No rows, with the `search_rank` callers may order by."""
    return queryset.annotate(search_rank=Value(0)).none()


@contextmanager
def index_scans(using: str = "default"):
    """On PostgreSQL, keep the planner on the search indexes for the queries inside.

    It takes `tsvector @@ tsquery` for as cheap as a comparison, so with a LIMIT (a capped
    count, the first ten rows) it often reads the whole meetings table, detoasting every
    vector, rather than the GIN index: 140 ms instead of 15 ms at 100,000 meetings.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        yield
