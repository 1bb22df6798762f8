"""Search over the archive: officials, documents, meetings, organizations and indicators.

A query is analysed once (`analyse`): folded into search words (no diacritics, đ → d, NFD and NFC
alike, `KH&CN` → `khcn`), and read as a document code when it is one ("52/NQ-TW", "NQ 52",
"nghị quyết 52", "52"). Stored rows carry a search column written by `people.text.search_document`
(by `save()`, and on PostgreSQL by triggers calling `public.ma_search_document()`, so a bulk
`update()` cannot leave it stale); abbreviations stand there in both forms, so queries need no
expansion.

Matching is the same on both engines, only the machinery differs:
- words: every word of the query is a whole word of the row, the last may be the start of one.
  PostgreSQL asks a GIN-indexed `tsvector` (`to_tsquery('simple', 'a & b & c:*')`) for meetings
  (whose vectors hold their photos' captions too) and photo captions, and trigram-indexed
  `LIKE` for the small tables; SQLite uses `LIKE`, over meetings and captions apart.
- names: the same word rule over the folded name, then one-letter typos (edit distance 1) among
  candidates (PostgreSQL: an index of the names' words, asked for the words one letter away that
  some name has; SQLite: every name). Scoring happens in Python, so both engines rank alike:
  exact name, same letters with other tones, whole words, word starts, typos last.
- phrases: when the query is two or more words that begin the words of an official's name,
  meetings and captions must hold those words in that order ("named in"), not scattered: folded,
  a name's syllables are common words; and when an official's name holds every word whole, the
  phrase's last word is whole too. PostgreSQL asks the index for the pairs of adjacent words its
  vectors also hold ('~a b' & '~b c':*) and checks the order of a longer phrase on those few rows;
  SQLite looks for the phrase in the folded column.
- codes: the normalised `code_key` column, never the text parser that splits "52-NQ/TW".

Ranking costs are bounded: relevance ranking (`ts_rank`) only for match sets of at most
`RANK_LIMIT` rows, counts stop at `COUNT_CAP`.
"""

import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connections, transaction
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    Exists,
    F,
    Func,
    IntegerField,
    Lookup,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from people.codes import PARTY_SUFFIXES, DocumentCode, LooseCode, parse_code, parse_loose_code
from people.text import ABBREVIATIONS, fold_in_place, search_words, tone_key

MAX_QUERY_LENGTH = 300
MAX_WORDS = 12
COUNT_CAP = 1000
RANK_LIMIT = 300
ID_CAP = 2000
NAME_CANDIDATES = 300
RANKED_ROWS = 100
SQLITE_NAME_SCAN = 50_000
GROUP_SIZE = 10
LETTERS = "abcdefghijklmnopqrstuvwxyz"
TYPO_LETTERS = 20
# What starts a pair of words in the search vectors (migration meetings 0012): no word does, so
# a word's prefix never matches the pairs it begins.
PAIR_MARK = "~"

# Person scores: exact, same letters, whole words, word starts, one-letter typos.
EXACT, FOLDED, WORDS, PREFIXES, TYPO = 100, 90, 70, 60, 40


@dataclass(frozen=True)
class Query:
    """A query as search reads it."""

    text: str
    words: tuple[str, ...]
    code: DocumentCode | None = None
    loose_code: LooseCode | None = None

    @property
    def is_code(self) -> bool:
        return self.code is not None or self.loose_code is not None

    def __bool__(self):
        return bool(self.words)


def analyse(query) -> Query:
    """`query` (text or an analysed Query) as words and, when it is one, a document code."""
    if isinstance(query, Query):
        return query
    text = (query or "").replace("\x00", " ")[:MAX_QUERY_LENGTH]
    words = tuple(search_words(text)[:MAX_WORDS])
    code = parse_code(text)
    loose_code = None if code else parse_loose_code(text)
    return Query(text=text, words=words, code=code, loose_code=loose_code)


def is_postgres(queryset) -> bool:
    return connections[queryset.db].vendor == "postgresql"


@dataclass(frozen=True)
class Words:
    """How a text must hold a query's words: each as a whole word, though the last may be only
    the start of one (`prefix`); with `phrase`, also one after another in the query's order."""

    words: tuple[str, ...]
    phrase: bool = False
    prefix: bool = True

    @property
    def pairs(self) -> list[str]:
        """The phrase's adjacent words, two by two, as the vectors hold them: "~a b", "~b c"."""
        return [f"{PAIR_MARK}{first} {second}" for first, second in pairwise(self.words)]


def words_condition(words: Words, column: str = "search_text") -> Q:
    """`words` in a padded, folded search column."""
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


def vector_condition(words: Words) -> Q:
    """`words_condition` for a `search_vector` column.

    Two words are a phrase when their pair is in the vector. The order of a longer phrase
    (`a <-> b <-> c:*`) is checked by calling `ts_match_vq` rather than through `@@`, which the
    index would take up: it would then read the long lists of "a", "b" and every word starting
    "c" (30 ms) to answer what the pairs have already narrowed.
    """
    condition = Q(search_vector=tsquery(words))
    if words.phrase and len(words.words) >= 3:
        condition &= Q(
            Func(
                F("search_vector"),
                raw_tsquery(words.words, "<->", words.prefix),
                function="ts_match_vq",
                output_field=BooleanField(),
            )
        )
    return condition


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


def nothing(queryset):
    """No rows, with the `search_rank` callers may order by."""
    return queryset.annotate(search_rank=Value(0)).none()


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


# Officials


def within_one_edit(a: str, b: str) -> bool:
    """True when `b` is `a` with at most one letter added, removed, changed or two swapped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (
            a[i + 2 :] == b[i + 2 :] and a[i : i + 2] == b[i : i + 2][::-1]
        )
    return a[i:] == b[i + 1 :] if len(a) < len(b) else a[i + 1 :] == b[i:]


@lru_cache(maxsize=65_536)
def folded_words(text: str) -> tuple[str, ...]:
    return tuple(search_words(text))


@lru_cache(maxsize=65_536)
def toned_words(text: str) -> tuple[str, ...]:
    return tuple(tone_key(text).split())


@lru_cache(maxsize=65_536)
def name_forms(full_name: str) -> tuple[tuple[str, ...], frozenset, str, frozenset]:
    """A name's folded words, as a set, joined behind a space each (" nguyen duc hien": a word
    starts one of them when " word" is in it), and its toned words as a set."""
    words = folded_words(full_name)
    return (
        words,
        frozenset(words),
        "".join(f" {word}" for word in words),
        frozenset(toned_words(full_name)),
    )


def name_score(query: Query, full_name: str) -> int:
    """How well `full_name` answers `query` (0 when it does not)."""
    name_words, whole, starts, name_tones = name_forms(full_name)
    words = query.words
    if name_words == words:
        return EXACT if toned_words(full_name) == toned_words(query.text) else FOLDED
    bonus = 5 if name_tones.issuperset(toned_words(query.text)) else 0
    if whole.issuperset(words):
        return WORDS + bonus
    unmatched = [word for word in words if f" {word}" not in starts]
    if not unmatched:
        return PREFIXES + bonus
    if len(words) >= 2 and len(unmatched) == 1:
        word = unmatched[0]
        if len(word) >= 3 and any(within_one_edit(word, name) for name in name_words):
            return TYPO
    return 0


def name_scores(queryset, query) -> dict[int, int]:
    """Person pk → score for the people `query` names."""
    query = analyse(query)
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


class NameWords(Func):
    """A folded name's words as a `tsvector`: what `person_name_words_idx` indexes (migration
    people 0006), written the same way so that the planner uses it."""

    template = "to_tsvector('pg_catalog.simple'::regconfig, %(expressions)s)"
    output_field = SearchVectorField()


def postgres_name_candidates(queryset, words) -> dict[int, str]:
    """Pk → full name of the people whose name's words each start with one of `words`, and of
    those one typo away: the names `name_score` can score, at most `NAME_CANDIDATES` of each."""

    def named(terms: str):
        return (
            queryset.alias(name_words=NameWords(F("name_folded")))
            .filter(name_words=SearchQuery(terms, search_type="raw", config="simple"))
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


def one_edit_away(word: str) -> set[str]:
    """The words `within_one_edit` of `word` but not `word`, in the letters a–z of folded names."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    removed = {head + tail[1:] for head, tail in splits if tail}
    swapped = {head + tail[1] + tail[0] + tail[2:] for head, tail in splits if len(tail) > 1}
    changed = {head + letter + tail[1:] for head, tail in splits if tail for letter in LETTERS}
    added = {head + letter + tail for head, tail in splits for letter in LETTERS}
    return (removed | swapped | changed | added) - {word}


def search_people(queryset, query):
    """`Person.objects.search()`: see the module docstring."""
    return ranked(queryset, name_scores(queryset, query), "sort_key")


# Documents


def search_resolutions(queryset, query):
    """`Resolution.objects.search()`: a code first, by its key; else words of code and title."""
    query = analyse(query)
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


# Organizations and indicators


def search_named(queryset, query):
    """Rows with a `name` and a padded `search_text`: whole name first, then by name."""
    query = analyse(query)
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


search_organizations = search_named
search_indicators = search_named


# Meetings


def meeting_ids_of_people(person_ids):
    """Meetings the people took part in or appear in a photo of (a `values_list` of ids)."""
    from .models import Participation, PhotoPerson

    took_part = Participation.objects.filter(person__in=person_ids).values_list(
        "meeting_id", flat=True
    )
    in_photo = PhotoPerson.objects.filter(person__in=person_ids).values_list(
        "photo__meeting_id", flat=True
    )
    return took_part.order_by().union(in_photo.order_by())[:ID_CAP]


def meeting_ids_of(words: Words, people) -> set[int]:
    """Meetings of `people`, and on SQLite meetings with a photo whose caption holds `words`
    (on PostgreSQL a meeting's vector holds its captions: migration meetings 0013).

    At most `ID_CAP` of each.
    """
    from .models import Photo

    parts = []
    if not is_postgres(Photo.objects.all()):
        captions = Photo.objects.order_by().filter(words_condition(words))
        parts.append(captions.values_list("meeting_id", flat=True)[:ID_CAP])
    if people:
        parts.append(meeting_ids_of_people(people))
    return set().union(*parts)


def best_people(query, limit: int = 20, scores: dict[int, int] | None = None) -> list[int]:
    """The people a query most likely means: those with the best score, at most `limit`."""
    from people.models import Person

    if scores is None:
        scores = name_scores(Person.objects.all(), query)
    if not scores:
        return []
    best = max(scores.values())
    floor = best - 10 if best >= WORDS else best
    return [pk for pk, score in sorted(scores.items(), key=lambda i: -i[1]) if score >= floor][
        :limit
    ]


def text_words(query: Query, scores: dict[int, int]) -> Words:
    """How meetings and captions must hold `query`, given the officials' `scores`.

    When the query is two or more words that begin the words of an official's name, text holds
    them as a phrase: a report names "Trần Tiến Tài" in that order, while "tran", "tien" and
    "tai" apart (trận, tiền, tại…) are in most reports. And when an official's name holds every
    word whole, so does the phrase: "Ngọc Tú" is not "Ngọc Tuấn".
    """
    best = max(scores.values(), default=0)
    if len(query.words) >= 2 and best >= PREFIXES:
        return Words(query.words, phrase=True, prefix=best < WORDS)
    return Words(query.words)


def search_meetings(queryset, query, *, scores=None, ids=None):
    """`Meeting.objects.search()`: see the module docstring and `MeetingQuerySet.search`.

    `scores` (from `name_scores`) saves scoring the names again, and `ids` (from
    `meeting_ids_of`) asking for the officials' (and on SQLite the captions') meetings again,
    when the caller has done it.
    """
    from people.models import Person

    from .models import Meeting, Resolution

    query = analyse(query)
    if not query:
        return queryset.none()
    if query.is_code:
        resolutions = search_resolutions(Resolution.objects.all(), query).values("pk")
        about = Meeting.resolutions.through.objects.filter(resolution__in=resolutions)
        return queryset.filter(pk__in=about.values("meeting_id"))
    if scores is None:
        scores = name_scores(Person.objects.all(), query)
    words = text_words(query, scores)
    condition = vector_condition(words) if is_postgres(queryset) else words_condition(words)
    if ids is None:
        ids = meeting_ids_of(words, best_people(query, scores=scores))
    if ids:
        # Ids first: PostgreSQL tests an OR in order, and an id costs less than a text.
        condition = one_of("pk", sorted(ids), postgres=is_postgres(queryset)) | condition
    return queryset.filter(condition)


# Highlighting


def marked_words(words) -> set[str]:
    """The query's words, with the other form of any abbreviation among them."""
    marked = set(words)
    for long, short in ABBREVIATIONS.items():
        if short in marked:
            marked.update(long.split())
        if set(long.split()) <= marked:
            marked.add(short)
    return marked


@lru_cache(maxsize=256)
def marker(words: tuple[str, ...]) -> tuple[re.Pattern, frozenset[str]]:
    """A pattern for the words `highlight` marks in folded text, and those words.

    A word stands whole (or, the last one, as the start of a word), not inside "kh&cn"; a
    word written with "&" ("KH&CN") is matched as any such pair and checked against `words`.
    """
    marked = marked_words(words)
    alternatives = [re.escape(words[-1]) + r"[^\W_]*", *map(re.escape, marked)]
    pattern = "|".join([*alternatives, r"[^\W_]+&[^\W_]+"])
    edges = r"(?<![^\W_])(?<![^\W_]&)(?:{})(?![^\W_])(?!&[^\W_])"
    return re.compile(edges.format(pattern)), frozenset(marked)


def highlight(text: str, query, width: int | None = None):
    """`text` escaped, the query's words in `<mark>`, cut to about `width` characters around
    the first match when `width` is given. Original diacritics are kept."""
    query = analyse(query)
    text = unicodedata.normalize("NFC", text or "")
    spans = []
    if query.words:
        pattern, marked = marker(query.words)
        prefix = query.words[-1]
        for match in pattern.finditer(fold_in_place(text)):
            word = match.group().replace("&", "")
            if word in marked or word.startswith(prefix):
                spans.append(match.span())
    start, end = 0, len(text)
    if width and len(text) > width:
        first = spans[0][0] if spans else 0
        start = max(0, first - width // 3)
        start = text.rfind(" ", 0, start) + 1 if start else 0
        end = min(len(text), start + width)
        cut = text.rfind(" ", start, end)
        end = cut if end < len(text) and cut > first else end
    out, position = [], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        out.append(escape(text[position:span_start]))
        out.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    out.append(escape(text[position:end]))
    html = "".join(out)
    if start > 0:
        html = "… " + html
    if end < len(text):
        html += " …"
    return mark_safe(html)  # noqa: S308 — every piece above is escaped


# The search page


@dataclass
class Hit:
    """One result: the object, its highlighted title and snippet."""

    object: object
    title: str
    snippet: str = ""
    url: str = ""


@dataclass
class Group:
    """The results of one kind, best first, with a count that stops at `COUNT_CAP`, or that
    is only a floor (`more`) when the rest were not looked at."""

    kind: str
    label: str
    hits: list[Hit] = field(default_factory=list)
    count: int = 0
    more: bool = False

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP

    @property
    def count_display(self) -> str:
        if self.capped:
            return f"{COUNT_CAP}+"
        return f"{self.count}+" if self.more else str(self.count)


def capped_count(queryset) -> int:
    return queryset.order_by()[: COUNT_CAP + 1].count()


def counted(queryset, hits) -> int:
    """The capped count, asked of the database only when the first page is full."""
    return capped_count(queryset) if len(hits) == GROUP_SIZE else len(hits)


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


def meetings_page(query: Query, scores: dict[int, int], best_document=None) -> tuple[list, int]:
    """The search page's first meetings for `query` and their count, capped at `COUNT_CAP`.

    Ranked by relevance when there are at most `RANK_LIMIT`, else newest first; for a code,
    the meetings about `best_document` (the document the page ranks first) come first.
    """
    from .models import Meeting

    published = Meeting.objects.published()
    postgres = is_postgres(published)
    words = text_words(query, scores)
    known = set()
    if not query.is_code:
        known = meeting_ids_of(words, best_people(query, scores=scores))
    meetings = search_meetings(published, query, scores=scores, ids=known)
    if words.phrase:
        # A name's matches are its officials' meetings and those naming it: few enough to read
        # newest first in one go, so the first 1,001 give both the count and the page.
        ids = list(meetings.values_list("pk", flat=True)[: COUNT_CAP + 1])
        count = len(ids)
        if count > RANK_LIMIT:  # newest first: the first ids are the page, capped or not
            meetings = Meeting.objects.filter(one_of("pk", ids[:GROUP_SIZE], postgres=postgres))
        elif count <= COUNT_CAP:  # every match, to be ranked
            meetings = Meeting.objects.filter(one_of("pk", ids, postgres=postgres))
    elif len(known) > COUNT_CAP and (
        capped_count(published.filter(one_of("pk", sorted(known), postgres=postgres))) > COUNT_CAP
    ):
        # The officials' meetings (and on SQLite the captions') alone pass the cap (a common
        # name): looking them up by primary key is cheaper than matching every meeting's text.
        count = COUNT_CAP + 1
    else:
        # The matching ids, one more than COUNT_CAP at most: their number is the count and,
        # when they are every match, the first page is read by primary key, not matched again.
        ids = list(meetings.order_by().values_list("pk", flat=True)[: COUNT_CAP + 1])
        count = len(ids)
        if count <= COUNT_CAP:
            meetings = Meeting.objects.filter(one_of("pk", ids, postgres=postgres))
    if query.is_code:
        about = Meeting.resolutions.through.objects.filter(
            meeting=OuterRef("pk"), resolution=best_document
        )
        meetings = meetings.annotate(about_best=Exists(about)).order_by(
            "-about_best", "-date", "-pk"
        )
    elif postgres and count <= RANK_LIMIT:
        rank = SearchRank(F("search_vector"), tsquery(words))
        meetings = meetings.annotate(search_rank=rank).order_by("-search_rank", "-date", "-pk")
    meetings = meetings.only("slug", "title", "summary")  # what a hit shows
    return list(meetings[:GROUP_SIZE]), count


def site_search(text: str) -> list[Group]:
    """Every kind of result for the search page, public rows only, groups best first."""
    with index_scans():
        return _site_search(text)


def _site_search(text: str) -> list[Group]:
    from indicators.models import Indicator
    from people.models import Organization, Person, Position

    from .models import Resolution

    query = analyse(text)
    if not query:
        return []
    groups = {}

    scores = name_scores(Person.objects.all(), query)
    found, hits = [], []
    if scores:
        current = Position.objects.filter(person=OuterRef("pk"), end_date__isnull=True)
        people = (
            ranked(Person.objects.all(), scores, "sort_key")
            .public()
            .annotate(
                current_title=Subquery(current.order_by("-start_date", "-pk").values("title")[:1])
            )
        )
        # `ranked` keeps at most RANKED_ROWS: read them all, as rows, for their number is the
        # count; only the ten shown become people.
        columns = ["id", "slug", "full_name", "current_title"]
        found = list(people.values_list(*columns)[: COUNT_CAP + 1])
    for row in found[:GROUP_SIZE]:
        person = Person.from_db(Person.objects.db, columns[:3], row[:3])
        title = highlight(person.full_name, query)
        hits.append(Hit(person, title, row[3] or "", person.get_absolute_url()))
    # Past RANKED_ROWS, the officials' visibility is not asked: their number is a floor.
    more = len(scores) > RANKED_ROWS
    groups["officials"] = Group("officials", _("Officials"), hits, len(found), more)

    present = kinds_present(query)
    resolution_hits, resolution_count = [], 0
    if "resolutions" in present:
        resolutions = search_resolutions(Resolution.objects.public(), query)
        resolution_hits = list(resolutions[:GROUP_SIZE])
        resolution_count = counted(resolutions, resolution_hits)
    groups["resolutions"] = Group(
        "resolutions",
        _("Resolutions and other documents"),
        [
            Hit(
                r,
                highlight(r.full_name, query),
                highlight(r.title, query, 240),
                r.get_absolute_url(),
            )
            for r in resolution_hits
        ],
        resolution_count,
    )

    best_document = resolution_hits[0] if resolution_hits else None
    meetings, count = meetings_page(query, scores, best_document)
    groups["meetings"] = Group(
        "meetings",
        _("Meetings"),
        [
            Hit(
                m, highlight(m.title, query), highlight(m.summary, query, 240), m.get_absolute_url()
            )
            for m in meetings
        ],
        count,
    )

    for kind, label, model in [
        ("organizations", _("Organizations"), Organization),
        ("indicators", _("Indicators"), Indicator),
    ]:
        if kind not in present:
            groups[kind] = Group(kind, label)
            continue
        found = search_named(model.objects.public(), query)
        hits = list(found[:GROUP_SIZE])
        groups[kind] = Group(
            kind,
            label,
            [Hit(o, highlight(o.name, query), "", o.get_absolute_url()) for o in hits],
            counted(found, hits),
        )

    order = ["officials", "resolutions", "meetings", "organizations", "indicators"]
    if query.is_code:
        order = ["resolutions", "meetings", "officials", "organizations", "indicators"]
    return [groups[kind] for kind in order if groups[kind].count]


def kinds_present(query: Query) -> set[str]:
    """Which of resolutions, organizations and indicators hold the query at all, published or
    not. Most queries name none of them: the trigram indexes say so at once, in one statement
    on PostgreSQL, before the costlier question of which matches the public may see."""
    from indicators.models import Indicator
    from people.models import Organization

    from .models import Resolution

    if query.is_code:  # a code names documents only, by their key
        return {"resolutions"}
    condition = words_condition(Words(query.words))
    found = {
        "resolutions": Resolution.objects.filter(condition),
        "organizations": Organization.objects.filter(condition),
        "indicators": Indicator.objects.filter(condition),
    }
    if not is_postgres(found["resolutions"]):  # SQLite allows no LIMIT inside a UNION
        return {kind for kind, queryset in found.items() if queryset.exists()}
    first, *others = [
        queryset.order_by().annotate(found=Value(kind)).values_list("found", flat=True)[:1]
        for kind, queryset in found.items()
    ]
    return set(first.union(*others, all=True))
