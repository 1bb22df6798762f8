"""Which existing meetings an imported article may describe (issue 15, part 3).

The same working session is reported by several outlets. Before an import creates a meeting,
`same_meeting_candidates(draft)` finds the meetings the extracted article (the dict
`meetings.importer.extract_article` returns) may describe, scores each, and says why.

Candidates are gathered by a few indexed look-ups (meetings dated within two days; meetings
with a participant whose folded name the article prints; meetings linked to the article's
documents), capped, and only those are scored, in Python, from their facts read in four
queries (values, not model instances); the few best are then loaded as meetings.

The score is a sum of points, one term per signal (docs/matching.md explains each choice):

- date: +4 when both are dated to the day at most two days apart; -10 when both are dated and
  further apart (or in another month or year, for a date printed in part); 0 when either has
  none.
- officials in common, by folded name (an English report's "Pham Hoang Son" is "Phạm Hoàng
  Sơn"): +3 each visitor (either report puts them in the delegation, or neither gives a side),
  9 at most; +1.5 each host-side official, 3 at most (a province's leaders sit in every
  session held there).
- documents in common: +1 each resolution code, 2 at most (many meetings discuss one).
- place: +1.5 when the meeting's province is among the places the article names; -10 when the
  article names places and not that one.
- organizations in common: +1 each company visited or organization of the delegation, 2 at
  most (a province's own bodies are left out: they follow the place).

Hosts, documents and place say which province and topic, not which session: together they
count for `CONTEXT_MAX` (4.5) at most. A candidate whose score reaches `ATTACH_THRESHOLD` (10)
is proposed for attaching by default: so attaching needs the date or strong overlap among the
visitors, and another date or another province alone takes any meeting below it (-10 against at
most +19.5 in all). Without a date, attaching needs strong overlap: three visitors and the
province, or two visitors, two hosts and the province (10.5 each); the same delegation visiting
the same province again is the case only a date tells apart.

Nothing is filtered by visibility: this is for editors, who import into drafts and published
meetings alike. Never show its results to the public.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Value, When
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from people.codes import parse_code
from people.periods import DAY, MONTH, UNKNOWN, YEAR, parse_period
from people.text import fold

from .models import Meeting, Participation

ATTACH_THRESHOLD = 10.0

DATE_WINDOW = datetime.timedelta(days=2)
NEAR_DATE = 4.0
OTHER_DATE = -10.0
VISITOR = 3.0
VISITORS_MAX = 9.0
HOST = 1.5
HOSTS_MAX = 3.0
DOCUMENT = 1.0
DOCUMENTS_MAX = 2.0
SAME_PLACE = 1.5
OTHER_PLACE = -10.0
ORGANIZATION = 1.0
ORGANIZATIONS_MAX = 2.0
# Hosts, documents and place say which province and topic, not which session: another
# delegation received the same day by the same leaders about the same resolution gets them all.
CONTEXT_MAX = 4.5

# Rows each look-up returns at most, and meetings scored at most: the cost of a match stays
# bounded whatever the size of the archive or the fame of an official.
PER_LOOKUP = 40
MAX_CANDIDATES = 50
# What a candidate's meeting is loaded without: the editor reads its title, not its report.
_LONG_TEXTS = ("summary", "body", "search_text", "search_vector")
# Names shown in a reason before "…".
NAMES_SHOWN = 3

_DELEGATION = "delegation"
_HOST = "host"


@dataclass(frozen=True)
class Candidate:
    """An existing meeting the article may describe, with its score and the reasons for it."""

    meeting: Meeting
    score: float
    reasons: list[str] = field(default_factory=list)

    @property
    def attach(self) -> bool:
        """Whether the importer proposes attaching the article to this meeting by default."""
        return self.score >= ATTACH_THRESHOLD

    def as_json(self) -> dict:
        """The candidate as the import's dry-run JSON lists it under `same_meeting`."""
        return {
            "id": self.meeting.pk,
            # Editors' address: the meeting may be a draft, which has no public page.
            "url": reverse("admin:meetings_meeting_change", args=[self.meeting.pk]),
            "score": round(self.score, 2),
            "attach": self.attach,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class _Person:
    name: str
    side: str | None


@dataclass(frozen=True)
class _Facts:
    """What the matching compares, read from an article's draft or from a stored meeting:
    names folded, codes by key, so that two spellings of one fact compare equal."""

    date: datetime.date | None = None
    precision: str = UNKNOWN
    people: dict = field(default_factory=dict)  # folded name → _Person
    documents: dict = field(default_factory=dict)  # code key → code as printed
    places: dict = field(default_factory=dict)  # folded name → name
    organizations: dict = field(default_factory=dict)  # folded name → name

    @property
    def is_empty(self) -> bool:
        return not (self.date or self.people or self.documents or self.places)


def same_meeting_candidates(draft: dict, *, limit: int = 5) -> list[Candidate]:
    """The meetings `draft` may describe, best first, at most `limit`.

    A candidate shares a fact besides the date (an official, a document, the place or an
    organization: some 25 meetings a day are held at 100,000 meetings) and scores above zero.
    """
    facts = draft_facts(draft)
    if facts.is_empty or limit <= 0:
        return []
    ids = _candidate_ids(facts)
    if not ids:
        return []
    tallies = {pk: _tally(facts, stored) for pk, stored in stored_facts(ids).items()}
    best = sorted(
        ((pk, tally) for pk, tally in tallies.items() if tally.shares_a_fact and tally.score > 0),
        key=lambda item: (-item[1].score, -item[0]),
    )[:limit]
    meetings = Meeting.objects.defer(*_LONG_TEXTS).in_bulk([pk for pk, _tally in best])
    # A meeting deleted meanwhile is left out.
    return [Candidate(meetings[pk], tally.score, tally.reasons) for pk, tally in best
            if pk in meetings]  # fmt: skip


def same_meeting_json(draft: dict, *, limit: int = 5) -> list[dict]:
    """The `same_meeting` list of the import's dry-run JSON."""
    return [candidate.as_json() for candidate in same_meeting_candidates(draft, limit=limit)]


# Reading the facts


def draft_facts(draft: dict) -> _Facts:
    """The facts of an extracted article; whatever is missing or unreadable counts as absent."""
    date, precision = _draft_date(draft.get("date"))
    people = {}
    for person in _dicts(draft.get("people")):
        name = person.get("name")
        if _key(name):
            people.setdefault(_key(name), _Person(name=name, side=_side_of(person)))
    documents = {}
    for document in _dicts(draft.get("resolutions")):
        code = parse_code(document.get("code")) if isinstance(document.get("code"), str) else None
        if code is not None:
            documents.setdefault(code.key, str(code))
    places = _folded(draft.get("places"))
    return _Facts(date, precision, people, documents, places, _draft_organizations(draft))


def _draft_date(value) -> tuple[datetime.date | None, str]:
    try:
        start, _end, precision = parse_period(value if isinstance(value, str) else None)
    except ValueError:
        return None, UNKNOWN
    return start, precision


def _side_of(person: dict) -> str | None:
    roles = person.get("roles")
    if isinstance(roles, list) and "led_delegation" in roles:
        return _DELEGATION
    side = person.get("side")
    return side if side in (_DELEGATION, _HOST) else None


def _draft_organizations(draft: dict) -> dict:
    """The companies visited and the visitors' organizations: what tells one session in a
    province from another."""
    visits = draft.get("site_visits")
    names = list(visits) if isinstance(visits, list) else []
    for person in _dicts(draft.get("people")):
        if _side_of(person) == _DELEGATION:
            names.append(person.get("organization"))
    return _folded(names)


def _dicts(value) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _folded(names) -> dict:
    if not isinstance(names, list):
        return {}
    return {_key(name): name for name in names if _key(name)}


def _key(name) -> str:
    """A draft's name as the archive's folded columns hold it; "" for what is no text. A NUL,
    which no stored name holds and PostgreSQL refuses in a query, is dropped."""
    return fold(name.replace("\x00", "")) if isinstance(name, str) else ""


def stored_facts(ids: list[int]) -> dict[int, _Facts]:
    """The facts of the meetings `ids`, in four queries whatever their number: rows of values,
    not model instances, which would cost some 30 objects a meeting."""
    facts = defaultdict(_Facts)
    rows = Meeting.objects.filter(pk__in=ids).values_list(
        "pk", "date", "date_precision",
        "area__name_folded", "area__name", "area__parent__name_folded", "area__parent__name",
        "delegation__lead_organization__name_folded", "delegation__lead_organization__name",
    )  # fmt: skip
    for pk, date, precision, area_key, area, parent_key, parent, lead_key, lead in rows:
        places = {key: name for key, name in [(area_key, area), (parent_key, parent)] if key}
        organizations = {lead_key: lead} if lead_key else {}
        facts[pk] = _Facts(date, precision, {}, {}, places, organizations)
    _add_participants(facts, ids)
    links = Meeting.resolutions.through.objects.filter(meeting_id__in=ids)
    for pk, key, code in links.values_list(
        "meeting_id", "resolution__code_key", "resolution__code"
    ):
        facts[pk].documents[key] = code
    visits = Meeting.visited_organizations.through.objects.filter(meeting_id__in=ids)
    for pk, key, name in visits.values_list(
        "meeting_id", "organization__name_folded", "organization__name"
    ):
        facts[pk].organizations[key] = name
    return facts


def _add_participants(facts: dict[int, _Facts], ids: list[int]) -> None:
    """Each meeting's participants by folded name with their side; the organizations of the
    delegation's members."""
    rows = Participation.objects.filter(meeting_id__in=ids).order_by("order").values_list(
        "meeting_id", "person__name_folded", "person__full_name", "side", "led_delegation",
        "organization__name_folded", "organization__name",
    )  # fmt: skip
    for pk, key, name, side, led, organization_key, organization in rows:
        side = _DELEGATION if led else side if side in (_DELEGATION, _HOST) else None
        if key:
            facts[pk].people.setdefault(key, _Person(name=name, side=side))
        if side == _DELEGATION and organization_key:
            facts[pk].organizations[organization_key] = organization


# Finding the candidates


def _candidate_ids(facts: _Facts) -> list[int]:
    """Ids of the meetings to score: those that several look-ups find come first."""
    hits = Counter()
    hits.update(_near_in_time(facts))
    hits.update(_with_officials(facts))
    hits.update(_with_documents(facts))
    return [pk for pk, _count in hits.most_common(MAX_CANDIDATES)]


def _window(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The days within `DATE_WINDOW` of `day`, cut at the calendar's ends (a draft may be
    dated 0001-01-01)."""
    first = day - DATE_WINDOW if day - datetime.date.min >= DATE_WINDOW else datetime.date.min
    last = day + DATE_WINDOW if datetime.date.max - day >= DATE_WINDOW else datetime.date.max
    return first, last


def _near_in_time(facts: _Facts) -> dict[int, int]:
    """Meetings dated within `DATE_WINDOW`, those in the article's places first."""
    if facts.date is None or facts.precision != DAY:
        return {}
    in_places = Case(
        When(area__name_folded__in=list(facts.places), then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )
    rows = (
        Meeting.objects.filter(date__range=_window(facts.date))
        .annotate(hits=in_places)
        .order_by("-hits", "-pk")
        .values_list("pk", "hits")[:PER_LOOKUP]
    )
    return dict(rows)


def _with_officials(facts: _Facts) -> dict[int, int]:
    """Meetings with participants of the article's folded names, the most in common first."""
    if not facts.people:
        return {}
    rows = (
        Participation.objects.filter(person__name_folded__in=list(facts.people))
        .values("meeting_id")
        .annotate(hits=Count("person_id", distinct=True))
        .order_by("-hits", "-meeting_id")
        .values_list("meeting_id", "hits")[:PER_LOOKUP]
    )
    return dict(rows)


def _with_documents(facts: _Facts) -> dict[int, int]:
    """Meetings linked to the article's documents, the most in common first."""
    if not facts.documents:
        return {}
    links = Meeting.resolutions.through.objects
    rows = (
        links.filter(resolution__code_key__in=list(facts.documents))
        .values("meeting_id")
        .annotate(hits=Count("resolution_id"))
        .order_by("-hits", "-meeting_id")
        .values_list("meeting_id", "hits")[:PER_LOOKUP]
    )
    return dict(rows)


# Scoring


@dataclass
class _Tally:
    """Points as the signals add them up: what tells one session from another, what tells
    only the province and the topic (capped together), and what speaks against."""

    session: float = 0.0
    context: float = 0.0
    against: float = 0.0
    reasons: list[str] = field(default_factory=list)
    shares_a_fact: bool = False

    @property
    def score(self) -> float:
        return self.session + min(CONTEXT_MAX, self.context) + self.against


def _tally(draft: _Facts, stored: _Facts) -> _Tally:
    tally = _Tally()
    for signal in (_date_signal, _officials_signal, _documents_signal, _place_signal,
                   _organizations_signal):  # fmt: skip
        signal(draft, stored, tally)
    return tally


def _date_signal(draft: _Facts, stored: _Facts, tally: _Tally) -> None:
    if draft.date is None or stored.date is None:
        return
    if draft.precision == DAY and stored.precision == DAY:
        days = abs((draft.date - stored.date).days)
        if days <= DATE_WINDOW.days:
            tally.session += NEAR_DATE
        else:
            tally.against += OTHER_DATE
        tally.reasons.append(
            _("same date")
            if days == 0
            else ngettext("%(days)d day apart", "%(days)d days apart", days) % {"days": days}
        )
    elif not _same_part(draft.date, stored.date, {draft.precision, stored.precision}):
        tally.against += OTHER_DATE
        tally.reasons.append(_("another month or year"))


def _same_part(first: datetime.date, second: datetime.date, precisions: set) -> bool:
    """Whether two dates, one printed in part, agree as far as both go."""
    if YEAR in precisions:
        return first.year == second.year
    if MONTH in precisions:
        return (first.year, first.month) == (second.year, second.month)
    return first == second


def _officials_signal(draft: _Facts, stored: _Facts, tally: _Tally) -> None:
    common = [key for key in draft.people if key in stored.people]
    if not common:
        return
    hosts = [key for key in common if _is_host(draft.people[key], stored.people[key])]
    tally.session += min(VISITORS_MAX, (len(common) - len(hosts)) * VISITOR)
    tally.context += min(HOSTS_MAX, len(hosts) * HOST)
    tally.shares_a_fact = True
    names = [stored.people[key].name for key in common]
    tally.reasons.append(
        ngettext(
            "%(count)d official in common: %(names)s",
            "%(count)d officials in common: %(names)s",
            len(common),
        )
        % {"count": len(common), "names": _listed(names)}
    )


def _is_host(first: _Person, second: _Person) -> bool:
    """Host-side: one report says so and neither puts the official among the visitors."""
    sides = {first.side, second.side}
    return _HOST in sides and _DELEGATION not in sides


def _documents_signal(draft: _Facts, stored: _Facts, tally: _Tally) -> None:
    common = [stored.documents[key] for key in draft.documents if key in stored.documents]
    if common:
        tally.context += min(DOCUMENTS_MAX, len(common) * DOCUMENT)
        tally.shares_a_fact = True
        tally.reasons.append(
            ngettext("document %(codes)s", "documents %(codes)s", len(common))
            % {"codes": _listed(common)}
        )


def _place_signal(draft: _Facts, stored: _Facts, tally: _Tally) -> None:
    if not draft.places or not stored.places:
        return
    common = [name for key, name in stored.places.items() if key in draft.places]
    if common:
        tally.context += SAME_PLACE
        tally.shares_a_fact = True
        tally.reasons.append(_("same province %(name)s") % {"name": common[0]})
    else:
        tally.against += OTHER_PLACE
        tally.reasons.append(
            _("held in %(name)s, which the article does not name")
            % {"name": next(iter(stored.places.values()))}
        )


def _organizations_signal(draft: _Facts, stored: _Facts, tally: _Tally) -> None:
    common = [stored.organizations[key] for key in draft.organizations
              if key in stored.organizations]  # fmt: skip
    if common:
        tally.session += min(ORGANIZATIONS_MAX, len(common) * ORGANIZATION)
        tally.shares_a_fact = True
        tally.reasons.append(
            ngettext(
                "organization in common: %(names)s",
                "organizations in common: %(names)s",
                len(common),
            )
            % {"names": _listed(common)}
        )


def _listed(names: list[str]) -> str:
    shown = ", ".join(names[:NAMES_SHOWN])
    return f"{shown}, …" if len(names) > NAMES_SHOWN else shown
