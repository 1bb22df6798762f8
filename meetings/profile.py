"""An official's profile: each block of the page is one or two queries over their published
meetings, counted and grouped by the database, so the page costs the same however many they
attended."""

import datetime

from django.db.models import Count, F, Max, Min, Q

from indicators.models import ReportedValue
from people.models import Person
from people.visibility import published

from .models import Meeting, Participation, ParticipationCitation, Photo, Resolution

# Each list shows the newest (or the most frequent) this many; the archive, filtered by the
# official, lists every meeting.
LISTED = 10
PHOTOS_LISTED = 12


def _newest(prefix: str = "meeting__") -> list:
    return [
        F(f"{prefix}date").desc(nulls_last=True),
        f"-{prefix}published_at",
        f"-{prefix}pk",
    ]


def attended(person):
    """The official's participations in published meetings."""
    return Participation.objects.published().filter(person=person)


def tallies(person) -> dict[str, int]:
    """How many published meetings the official attended, on each side and in each role."""
    sides, roles = Participation.Side, ["led_delegation", "chaired", "reported", "spoke"]
    counts = {side.value: Count("pk", filter=Q(side=side)) for side in sides}
    counts.update({role: Count("pk", filter=Q(**{role: True})) for role in roles})
    return attended(person).aggregate(meetings=Count("pk"), **counts)


def newest_participations(person, limit: int = LISTED):
    """The official's newest published meetings, with what they were there as."""
    return (
        attended(person)
        .select_related("meeting__area", "organization")
        .order_by(*_newest())[:limit]
    )


def first_participation(person):
    """The official's first published meeting (undated meetings last), or None."""
    oldest = [F("meeting__date").asc(nulls_last=True), "meeting__published_at", "meeting__pk"]
    return attended(person).select_related("meeting").order_by(*oldest).first()


def titles(person) -> list[dict]:
    """Each distinct title the official's published meetings printed (as the meeting records
    it, or as one of its reports printed it), with the first and last date it was printed,
    the latest first."""
    reported = (
        attended(person)
        .exclude(title_as_reported="")
        .order_by()
        .values(title=F("title_as_reported"))
        .annotate(first=Min("meeting__date"), last=Max("meeting__date"))
    )
    printed = (
        ParticipationCitation.objects.filter(
            published("participation__meeting__"), participation__person=person
        )
        .exclude(title_as_printed="")
        .order_by()
        .values(title=F("title_as_printed"))
        .annotate(
            first=Min("participation__meeting__date"), last=Max("participation__meeting__date")
        )
    )
    spans: dict[str, dict] = {}
    for row in reported.union(printed, all=True):
        span = spans.setdefault(row["title"], {"title": row["title"], "first": None, "last": None})
        span["first"] = min(filter(None, [span["first"], row["first"]]), default=None)
        span["last"] = max(filter(None, [span["last"], row["last"]]), default=None)
    spans = sorted(spans.values(), key=lambda span: span["title"])
    return sorted(spans, key=lambda span: span["last"] or datetime.date.min, reverse=True)


def _counted(counts, field: str, public, attribute: str) -> list:
    """The public rows whose ids `counts` (rows of `field` and `n`, best first) names, in that
    order, each with its count as `attribute`. Counted first, then read: joined to every public
    row first, PostgreSQL asked each row's visibility before grouping."""
    found = {row[field]: row["n"] for row in counts}
    rows = public.in_bulk(found)
    for pk, row in rows.items():
        setattr(row, attribute, found[pk])
    return [rows[pk] for pk in found if pk in rows]


def met_most(person, limit: int = LISTED) -> list:
    """The officials most often at the same published meetings on another side, each with
    `shared`: how many meetings.

    The others' rows are found from the official's meetings, through the meeting's index of
    participants: asked as "someone at this row's meeting on another side", PostgreSQL read
    every participation there is (77 ms at 20,000 meetings, 200 ms for an official at 2,500,
    now 11 and 40)."""
    met = (
        Participation.objects.published()
        .filter(meeting__participations__person=person)
        .alias(their_side=F("meeting__participations__side"))
        .exclude(side=F("their_side"))
        .exclude(person=None)
    )
    counts = met.values("person").annotate(n=Count("pk"))
    counts = counts.order_by("-n", "person__sort_key", "person")[:limit]
    return _counted(counts, "person", Person.objects.public(), "shared")


def documents(person, limit: int = LISTED) -> list:
    """The documents the official's published meetings discussed, the most discussed first,
    each with `meeting_count`."""
    discussed = Meeting.resolutions.through.objects.filter(
        published("meeting__"), meeting__participations__person=person
    )
    counts = discussed.values("resolution").annotate(n=Count("meeting"))
    counts = counts.order_by("-n", "resolution__code")[:limit]
    return _counted(counts, "resolution", Resolution.objects.public(), "meeting_count")


def figures(person, limit: int = LISTED):
    """The newest figures reported at the official's published meetings."""
    return (
        ReportedValue.objects.public()
        .filter(meeting__participations__person=person)
        .for_table()
        .order_by(*_newest(), "order", "pk")[:limit]
    )


def photos(person, limit: int = PHOTOS_LISTED):
    """The newest photos of the official from published meetings."""
    return (
        Photo.objects.public()
        .filter(tags__person=person)
        .select_related("meeting")
        .order_by(*_newest(), "order", "pk")[:limit]
    )
