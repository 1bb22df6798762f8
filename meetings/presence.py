"""How present officials and areas are in the published archive: the counts that pages of
`people`'s records show, which only this layer, knowing meetings, can make."""

from collections import Counter

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, NullIf

from people.models import Person, Position
from people.visibility import scheduled

from .models import Delegation, Meeting, Participation, PhotoPerson


def _published_participations():
    """The participations of the person of the outer query in published meetings."""
    return Participation.objects.published().filter(person=OuterRef("pk"))


class FirstOfSubqueries(Coalesce):
    """The first non-null of some subqueries, grouped by the columns they refer to: grouped by
    itself, as a function is, it would be computed for every row before grouping (see
    `with_meeting_counts`)."""

    def get_group_by_cols(self):
        return [
            col for source in self.get_source_expressions() for col in source.get_group_by_cols()
        ]


def with_title(people):
    """`people`, each with `latest_title`: the title shown beside an official's name wherever
    the site names them (their page, the officials index, the home page, the search page).

    The one rule: the title as printed at their newest published meeting that printed one,
    else the title of their current position. A meeting's own page shows the title printed
    at that meeting, which is this rule as of that meeting."""
    reported = (
        _published_participations()
        .exclude(title_as_reported="")
        .order_by(
            F("meeting__date").desc(nulls_last=True), "-meeting__published_at", "-meeting__pk"
        )
        .values("title_as_reported")[:1]
    )
    current = (
        Position.objects.filter(person=OuterRef("pk"), end_date__isnull=True)
        .order_by(F("start_date").desc(nulls_last=True), "-pk")
        .values("title")[:1]
    )
    return people.annotate(latest_title=FirstOfSubqueries(Subquery(reported), Subquery(current)))


def with_meeting_counts(people):
    """`people` that are public, each with `meeting_count` (the published meetings they
    attended; None for one seen only in a photo or leading a delegation) and `latest_title`
    (`with_title`).

    The count is the tally's (`PersonTally.attended`) less the meetings published for a later
    time that they attend, found among those few meetings: counting each official's
    participations read every one of them (100 officials: 118 against 3 ms at 100,000
    meetings). Annotate before grouping (`most_present_in`): a subquery wrapped in a function
    would be grouped by, and so computed for every row before the page is cut (4.7 s on the
    home page at 100,000 meetings, against 0.2 s)."""
    later = Meeting.objects.filter(scheduled()).values("pk")
    attended_later = Participation.objects.filter(person=OuterRef("pk"), meeting__in=later)
    count = NullIf(F("tally__attended") - _count_of(attended_later), 0)
    return with_title(people.public().annotate(meeting_count=count))


def most_present_in(people, meetings):
    """The `people` who attended any of `meetings`, most often first, each with `present`:
    how many of them. Counted from those meetings' participations only."""
    return (
        people.filter(participations__meeting__in=meetings)
        .annotate(present=Count("participations"))
        .order_by("-present", "sort_key", "pk")
    )


def took_part_in(people, meetings):
    """The `people` named as participants of any of `meetings`."""
    return people.filter(
        Exists(Participation.objects.filter(person=OuterRef("pk"), meeting__in=meetings))
    )


def busiest_areas(areas, count: int) -> list:
    """The `count` areas with most published meetings held there, each with `meeting_count`,
    those with none left out. Counted from each area's index (a join read every published
    meeting: 90 against 10 ms at 100,000 meetings), and the empty ones dropped after the count,
    not by a WHERE that would count every area's meetings a second time."""
    held = Meeting.objects.published().filter(area=OuterRef("pk"))
    ranked = areas.annotate(meeting_count=_count_of(held)).order_by("-meeting_count", "name")
    return [area for area in ranked[:count] if area.meeting_count]


def _count_of(rows):
    """The number of `rows` (a QuerySet filtered on the outer query's row), as a subquery:
    COUNT(*), which an index without the primary key answers alone (`COUNT(id)` read the
    table: the areas index 357 against 40 ms at 100,000 meetings)."""
    one = rows.order_by().annotate(group=Value(1)).values("group")
    return Coalesce(Subquery(one.annotate(count=Count("*")).values("count")), 0)


def with_area_counts(areas):
    """`areas`, each with `meeting_count`: the published meetings held there or in a unit
    inside it, as the archive's area filter finds them. A subquery of each row, read from the
    area index: a page of areas costs only its own rows."""
    # Two counts, each read from the area index: asked as one, with "or", PostgreSQL read
    # every published meeting for each area (380 ms for 43 areas at 29,000 meetings).
    published = Meeting.objects.published()
    here = _count_of(published.filter(area=OuterRef("pk")))
    inside = _count_of(published.filter(area__parent=OuterRef("pk")))
    return areas.annotate(meeting_count=here + inside)


def public_index_letters() -> dict[str, int]:
    """`Person.objects.public().index_letters()`, counted from the tallies (`PersonTally`):
    the officials named by a meeting with the status "published", less those named only by
    meetings published for a later time, which are few and found from those meetings."""
    letters = Counter(Person.objects.filter(tally__appearances__gt=0).index_letters())
    named_later = Person.objects.filter(
        Q(pk__in=Participation.objects.filter(scheduled("meeting__")).values("person"))
        | Q(pk__in=Delegation.objects.filter(scheduled("meeting__")).values("head"))
        | Q(pk__in=PhotoPerson.objects.filter(scheduled("photo__meeting__")).values("person"))
    )
    hidden = named_later.exclude(pk__in=named_later.public().values("pk"))
    letters.subtract(hidden.index_letters())
    return {letter: count for letter, count in letters.items() if count > 0}
