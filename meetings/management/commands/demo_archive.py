"""A demo archive for the quick start: a few hundred generated meetings, marked as illustrative.

`make run` loads it beside the reference report so that every page, facet and chart has
something to show. Every row it creates is marked `illustrative` (pages show "Dữ liệu minh
họa"); `--remove` deletes them all and nothing else. It is loaded only when this command is
run: no migration, deployment step or other command loads it.
"""

from collections import defaultdict
from decimal import Decimal

from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import ProtectedError, Q

from indicators.models import Indicator, ReportedValue
from meetings.models import Delegation, Meeting, Resolution
from people.models import Area, Organization, Person
from people.numbers import format_vietnamese_number
from people.periods import years

from .generate_archive import INDICATORS, PROVINCES
from .generate_archive import Command as GenerateCommand

HOST_KINDS = {"party_committee", "people_committee"}
# Removed in this order, so that each row's illustrative dependants are gone before it is.
REMOVAL_ORDER = (Meeting, Resolution, Indicator, Person, Organization, Area)


class Command(GenerateCommand):
    help = "Load (or with --remove, delete) the demo archive of illustrative meetings."

    provinces = PROVINCES[:8]
    indicator_variants = ("",)
    indicators_drawn = INDICATORS[:8]
    photos_per_meeting = 0  # rows without image files would show as broken pictures
    illustrative = True

    def add_arguments(self, parser):
        parser.add_argument("--meetings", type=int, default=300)
        parser.add_argument("--seed", type=int, default=17)
        parser.add_argument(
            "--remove", action="store_true", help="Delete every illustrative row, and only those."
        )

    def handle(self, *args, meetings, seed, remove, **options):
        if remove:
            return self.remove()
        if not 1 <= meetings <= 5000:
            raise CommandError("A demo archive has between 1 and 5,000 meetings.")
        if Meeting.objects.filter(illustrative=True).exists():
            self.stdout.write("The demo archive is already loaded; nothing changed.")
            return
        self.trends = {}
        super().handle(meetings=meetings, batch=meetings, seed=seed, **options)

    def slug_tag(self, seed: int) -> str:
        return "minh-hoa"

    def officials_for(self, meetings: int) -> int:
        """Enough officials for every province to host with six of its own, whatever the size."""
        return max(60, meetings // 5)

    def attendees_for(self, area) -> list[int]:
        """A delegation of central officials, its head first, met by the province's own
        officials, as the genre's reports have it."""
        if not hasattr(self, "officials_of"):
            self.officials_of = defaultdict(list)
            for pk, (_title, org) in self.titles.items():
                self.officials_of[org.area_id].append(pk)
        central, local = self.officials_of[None], self.officials_of[area.pk]
        hosts = self.random.sample(local, min(6, len(local)))
        delegation = self.random.sample(central, min(10 - len(hosts), len(central)))
        return delegation[:1] + hosts[:2] + delegation[1:] + hosts[2:]

    def make_children(self, rows, extras):
        """The generated rows, and what the demo shows besides: each meeting's delegation,
        led by its first attendee, and the province's bodies that hosted it."""
        super().make_children(rows, extras)
        delegations, hosts = [], []
        through = Meeting.host_organizations.through
        for meeting, (attendees, _documents, area, lead) in zip(rows, extras, strict=True):
            delegations.append(
                Delegation(meeting=meeting, lead_organization=lead, head_id=attendees[0])
            )
            hosts += [
                through(meeting=meeting, organization=org)
                for org in self.provincial[area.pk]
                if org.kind in HOST_KINDS
            ]
        Delegation.objects.bulk_create(delegations, record_history=False)
        through.objects.bulk_create(hosts)

    def figures_of(self, meeting, area) -> list:
        """Five figures of the year before the meeting, each following its province's trend
        for the indicator, so that a chart over time shows a line rather than noise. One in
        eight is printed as a lower bound ("trên"), as reports often print targets."""
        r = self.random
        values = []
        for order, indicator in enumerate(r.sample(self.indicators, 5)):
            year = meeting.date.year - 1
            start, end, _precision = years(year)
            value = self.trend_value(indicator, area, year)
            unit = indicator.default_unit or "%"
            qualifier = ReportedValue.Qualifier.OVER if r.random() < 0.125 else ""
            number = format_vietnamese_number(value)
            printed = number + ("" if unit.startswith("%") else " ") + unit
            said = f"{qualifier} {printed}".strip()
            values.append(
                ReportedValue(
                    indicator=indicator,
                    area=area,
                    period_start=start,
                    period_end=end,
                    value=value,
                    unit=unit,
                    value_as_printed=printed,
                    qualifier=qualifier,
                    meeting=meeting,
                    source_sentence=f"{indicator.name} năm {year} của tỉnh đạt {said}.",
                    order=order,
                )
            )
        return values

    def trend_value(self, indicator, area, year: int) -> Decimal:
        """A value near the line this province follows for this indicator."""
        r = self.random
        base, slope = self.trends.setdefault(
            (indicator.pk, area.pk), (r.uniform(10, 60), r.uniform(-1.5, 3.5))
        )
        value = max(0.1, base + slope * (year - 2014) + r.uniform(-2, 2))
        return Decimal(f"{value:.1f}")

    def remove(self):
        """Delete every illustrative row in one transaction; if a real record refers to one,
        delete nothing and name the record, so that no editor's work is lost."""
        linked = Meeting.objects.filter(illustrative=False).filter(
            Q(resolutions__illustrative=True)
            | Q(host_organizations__illustrative=True)
            | Q(visited_organizations__illustrative=True)
            | Q(reports__resolutions__illustrative=True)
        )
        if linked.exists():  # links a delete would drop silently rather than refuse
            self.refuse({meeting.title for meeting in linked.distinct()[:10]})
        counts = {}
        try:
            with transaction.atomic():
                for model in REMOVAL_ORDER:
                    rows = model.objects.filter(illustrative=True)
                    counts[model._meta.verbose_name_plural] = rows.count()
                    rows.delete()
        except ProtectedError as error:
            self.refuse({str(row) for row in error.protected_objects})
        removed = ", ".join(f"{n:,} {name}" for name, n in counts.items() if n)
        self.stdout.write(f"Removed the demo archive: {removed or 'nothing was loaded'}.")

    def refuse(self, blocking: set[str]):
        raise CommandError(
            "Nothing was removed: records that are not illustrative refer to the demo "
            f"archive's rows. Change them first: {'; '.join(sorted(blocking)[:10])}"
        )
