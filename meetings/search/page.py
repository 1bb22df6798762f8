"""The search page: every kind of result, public rows only, in groups best first.

Costs are bounded: relevance ranking (`ts_rank`) only for match sets of at most `RANK_LIMIT`
rows, counts stop at `COUNT_CAP`, each group shows `GROUP_SIZE` rows.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchRank
from django.db.models import Exists, F, OuterRef, Value
from django.utils.translation import gettext_lazy as _

from indicators.models import Indicator
from meetings.models import Meeting, Resolution, search_sources
from meetings.presence import with_title
from people.models import Organization, Person
from people.search.expressions import index_scans, is_postgres, one_of, tsquery, words_condition
from people.search.highlight import highlight
from people.search.named import search_named
from people.search.names import best_people, text_words
from people.search.people import RANKED_ROWS, name_scores, ranked
from people.search.query import Query, Words
from people.text import rich_text_as_plain

from .documents import search_resolutions
from .meetings import meeting_ids_of, search_meetings

COUNT_CAP = 1000
RANK_LIMIT = 300
GROUP_SIZE = 10
SOURCES = search_sources()


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


def meetings_page(query: Query, scores: dict[int, int], best_document=None) -> tuple[list, int]:
    """The search page's first meetings for `query` and their count, capped at `COUNT_CAP`.

    Ranked by relevance when there are at most `RANK_LIMIT`, else newest first; for a code,
    the meetings about `best_document` (the document the page ranks first) come first.
    """
    published = Meeting.objects.published()
    postgres = is_postgres(published)
    words = text_words(query, scores)
    known = set()
    if not query.is_code:
        known = meeting_ids_of(words, best_people(scores), SOURCES)
    meetings = search_meetings(published, query, SOURCES, scores=scores, ids=known)
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
        # A meeting's own words carry weight A and its captions D (migration meetings 0016),
        # which is bookkeeping, not relevance: every weight ranks as the default D.
        rank = SearchRank(F("search_vector"), tsquery(words), weights=[0.1, 0.1, 0.1, 0.1])
        meetings = meetings.annotate(search_rank=rank).order_by("-search_rank", "-date", "-pk")
    meetings = meetings.only("slug", "title", "summary", "illustrative")  # what a hit shows
    return list(meetings[:GROUP_SIZE]), count


def site_search(query: Query) -> list[Group]:
    """Every kind of result for the search page, public rows only, groups best first."""
    with index_scans():
        return _site_search(query)


def _site_search(query: Query) -> list[Group]:
    if not query:
        return []
    scores = name_scores(Person.objects.all(), query)
    present = kinds_present(query)
    documents = _documents_group(query, present)
    best_document = documents.hits[0].object if documents.hits else None
    groups = {
        "officials": _officials_group(query, scores),
        "resolutions": documents,
        "meetings": _meetings_group(query, scores, best_document),
        "organizations": _named_group(
            "organizations", _("Organizations"), Organization, query, present
        ),
        "indicators": _named_group("indicators", _("Indicators"), Indicator, query, present),
    }
    order = ["officials", "resolutions", "meetings", "organizations", "indicators"]
    if query.is_code:
        order = ["resolutions", "meetings", "officials", "organizations", "indicators"]
    return [groups[kind] for kind in order if groups[kind].count]


def _officials_group(query: Query, scores) -> Group:
    found, hits = [], []
    if scores:
        people = ranked(Person.objects.all(), scores, "sort_key").public()
        # `ranked` keeps at most RANKED_ROWS: read them all, as ids, for their number is the
        # count; only the ten shown become people, titled as everywhere else (`with_title`).
        found = list(people.values_list("id", flat=True)[: COUNT_CAP + 1])
    shown = with_title(Person.objects.filter(pk__in=found[:GROUP_SIZE])).in_bulk() if found else {}
    for pk in found[:GROUP_SIZE]:
        person = shown[pk]
        title = highlight(person.full_name, query)
        hits.append(Hit(person, title, person.latest_title or "", person.get_absolute_url()))
    # Past RANKED_ROWS, the officials' visibility is not asked: their number is a floor.
    more = len(scores) > RANKED_ROWS
    return Group("officials", _("Officials"), hits, len(found), more)


def _documents_group(query: Query, present: set[str]) -> Group:
    hits, count = [], 0
    if "resolutions" in present:
        resolutions = search_resolutions(Resolution.objects.public(), query)
        hits = list(resolutions[:GROUP_SIZE])
        count = counted(resolutions, hits)
    return Group(
        "resolutions",
        _("Resolutions and other documents"),
        [
            Hit(
                r,
                highlight(r.full_name, query),
                highlight(r.title, query, 240),
                r.get_absolute_url(),
            )
            for r in hits
        ],
        count,
    )


def _meetings_group(query: Query, scores, best_document) -> Group:
    meetings, count = meetings_page(query, scores, best_document)
    hits = [
        Hit(
            m,
            highlight(m.title, query),
            highlight(rich_text_as_plain(m.summary), query, 240),
            m.get_absolute_url(),
        )
        for m in meetings
    ]
    return Group("meetings", _("Meetings"), hits, count)


def _named_group(kind: str, label, model, query: Query, present: set[str]) -> Group:
    """Organizations or indicators, by name; asked only when some row holds the query."""
    if kind not in present:
        return Group(kind, label)
    found = search_named(model.objects.public(), query)
    hits = list(found[:GROUP_SIZE])
    return Group(
        kind,
        label,
        [Hit(o, highlight(o.name, query), "", o.get_absolute_url()) for o in hits],
        counted(found, hits),
    )


def kinds_present(query: Query) -> set[str]:
    """Which of resolutions, organizations and indicators hold the query at all, published or
    not. Most queries name none of them: the trigram indexes say so at once, in one statement
    on PostgreSQL, before the costlier question of which matches the public may see. (Three
    `exists()` instead cost the commonest words 12% at p95 at 100,000 meetings.)"""
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
