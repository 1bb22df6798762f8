"""What reports measure and the figures they report."""

from collections import Counter

from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from people import visibility
from people.history import RecordedQuerySet
from people.models import Area, DatePrecision, NamedQuerySet, SluggedNameModel, ordered_period
from people.numbers import format_vietnamese_number
from people.periods import format_period, years
from people.search.named import search_named
from people.search.query import Query
from people.text import clean_text_fields
from people.versions import VersionedModel


class IndicatorQuerySet(NamedQuerySet):
    def search(self, query: Query):
        """Indicators whose name holds every word of `query`."""
        return search_named(self, query)

    def public(self):
        """Indicators the public may see (`people.visibility`)."""
        return visibility.public(self)

    def reported_in(self, area):
        """Indicators with a published figure about `area`."""
        figures = ReportedValue.objects.public().filter(indicator=OuterRef("pk"), area=area)
        return self.filter(visibility.first_row_exists(figures.values("pk")))


class Indicator(SluggedNameModel):
    """A measured quantity, such as "Tỷ trọng công nghiệp trong GRDP"."""

    name = models.CharField(_("name"), max_length=300, unique=True)
    default_unit = models.CharField(_("default unit"), max_length=50, blank=True)
    description = models.TextField(_("description"), blank=True)
    search_text = models.TextField(_("search text"), editable=False, blank=True)

    objects = IndicatorQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    rich_text_fields = ("description",)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("indicators:detail", kwargs={"slug": self.slug})


# Of several figures, the latest: the latest period, then the latest meeting's report of it.
LATEST_FIRST = [
    F("period_end").desc(nulls_last=True),
    F("period_start").desc(nulls_last=True),
    F("meeting__date").desc(nulls_last=True),
    F("pk").desc(),
]


class ReportedValueQuerySet(RecordedQuerySet):
    def public(self):
        """Figures the public may see (`people.visibility`): those of published meetings,
        asked through a join, which the planner reads by area or indicator first."""
        return visibility.public(self)

    def for_table(self):
        """What a figures table shows, in one query."""
        return self.select_related("indicator", "area", "resolution", "meeting")

    def in_areas(self, area_ids):
        """Figures of the areas `area_ids`, None among them for the figures of no area."""
        condition = Q(area_id__in=[pk for pk in area_ids if pk is not None])
        if None in area_ids:
            condition |= Q(area__isnull=True)
        return self.filter(condition)

    def by_area_and_period(self):
        """Areas in the order of their folded names (as every list of areas, and the CSV's
        parts), the figures of no area last on either engine, then periods."""
        return self.order_by(
            F("area__name_folded").asc(nulls_last=True), "period_end", "period_start", "pk"
        )

    def within_years(self, first: int | None = None, last: int | None = None):
        """Figures whose period lies within the years `first` to `last` (either may be None).

        A period with one bound known is judged by that bound; a figure with no period at all
        is outside any span of years.
        """
        condition = Q()
        if first is not None:
            start = years(first).start
            condition &= Q(period_start__gte=start) | Q(
                period_start__isnull=True, period_end__gte=start
            )
        if last is not None:
            end = years(last).end
            condition &= Q(period_end__lte=end) | Q(period_end__isnull=True, period_start__lte=end)
        return self.filter(condition)

    def latest_per_area(self):
        """The latest figure of each area (and of the figures that name none): the one for the
        latest period and, of several reports of that period, the latest meeting's."""
        return self._latest_of_each(Area, "area")

    def latest_per_indicator(self):
        """The latest figure of each indicator, as `latest_per_area` chooses it."""
        return self._latest_of_each(Indicator, "indicator")

    def _latest_of_each(self, model, field: str):
        """The latest of these figures for each row of `model` they name in `field` (and for
        none), each asked as its first row in `LATEST_FIRST` order: an index reads only the
        latest period of each, where ranking every figure joined every one to its meeting
        (an indicator's 17,000 figures: 140 against 18 ms at 100,000 meetings)."""
        latest = self.order_by(*LATEST_FIRST).values("pk")
        unnamed = latest.filter(**{f"{field}__isnull": True})[:1]
        each = model.objects.annotate(
            latest=Subquery(latest.filter(**{field: OuterRef("pk")})[:1]),
            unnamed=Subquery(unnamed),
        )
        # The chosen ids are asked first, in a query of their own, and then read by primary
        # key. Asked inside the page's query, the planner could not tell how few they are (an
        # area's 30 of its 12,000 figures, estimated at 6,300) and joined every meeting to
        # find them: 90 against 5 ms at 100,000 meetings.
        rows = each.values_list("latest", "unnamed")
        chosen = {pk for pair in rows for pk in pair} if rows else {r["pk"] for r in unnamed}
        return self.filter(pk__in=chosen - {None})

    def latest_per_period(self):
        """One figure per area, period, unit and qualifier ("trên 52 %" is not "58,4 %"): of
        several reports of it, the latest meeting's (a later meeting reports revised figures)."""
        return self._first_in(["area", "period_start", "period_end", "unit", "qualifier"])

    def _first_in(self, partition):
        return self.annotate(
            place=Window(
                RowNumber(), partition_by=[F(name) for name in partition], order_by=LATEST_FIRST
            )
        ).filter(place=1)

    def for_csv(self):
        """The columns of the CSV download as tuples: no model rows, no meeting texts."""
        return self.values_list(
            "area__name",
            "period_start",
            "period_end",
            "qualifier",
            "value",
            "unit",
            "rank",
            "resolution__code",
            "meeting__slug",
            "meeting__date",
            "meeting__date_precision",
            "source_sentence",
            "value_as_printed",
            "meeting__illustrative",
        )


class Qualifier(models.TextChoices):
    NONE = "", _("(none)")
    OVER = "trên", _("over (trên)")
    MORE_THAN = "hơn", _("more than (hơn)")
    AVERAGE = "bình quân", _("average (bình quân)")
    AVERAGE_OVER = "bình quân trên", _("average over (bình quân trên)")
    NEARLY = "gần", _("nearly (gần)")
    UNDER = "dưới", _("under (dưới)")
    ABOUT = "khoảng", _("about (khoảng)")


class ReportedValue(VersionedModel):
    """One figure exactly as a meeting's report gave it."""

    Qualifier = Qualifier

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="values"
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_values",
    )
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    period_precision = models.CharField(
        _("period precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.YEAR,
        help_text=_("Year for “năm 2023” or “2018–2023”; day for “tại thời điểm 01/01/2023”."),
    )
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    unit = models.CharField(
        _("unit as printed"), max_length=50, help_text=_("%, %/năm, tỷ đồng, ha…")
    )
    value_as_printed = models.CharField(
        _("figure as printed"),
        max_length=120,
        blank=True,
        help_text=_("The sentence's own characters from the number to the end of its unit: "
                    "“58,4%”, “954.964 tỷ đồng”, “9/9 địa phương”. Blank for rows imported "
                    "before it was kept."),
    )  # fmt: skip
    qualifier = models.CharField(
        _("qualifier"), max_length=20, choices=Qualifier.choices, blank=True, default=""
    )
    rank = models.CharField(
        _("rank"), max_length=100, blank=True, help_text=_("As given: “thứ 10 cả nước”, “3/61”.")
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("reported at"),
        on_delete=models.CASCADE,
        related_name="reported_values",
    )
    resolution = models.ForeignKey(
        "meetings.Resolution",
        verbose_name=_("reports on resolution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_values",
    )
    source_sentence = models.TextField(_("source sentence"))
    reports = models.ManyToManyField(
        "meetings.Report",
        verbose_name=_("reports"),
        through="meetings.FigureCitation",
        blank=True,
        related_name="figures",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    needs_review = models.BooleanField(
        _("needs review"), default=False, help_text=_("The importer was unsure of this row.")
    )

    objects = ReportedValueQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reported value")
        verbose_name_plural = _("reported values")
        ordering = ["meeting", "order", "pk"]
        constraints = [
            ordered_period("period_start", "period_end", name="reported_value_period_ordered"),
            models.CheckConstraint(
                condition=Q(qualifier__in=Qualifier.values),
                name="reported_value_qualifier_valid",
            ),
            models.CheckConstraint(
                condition=Q(period_precision__in=[p.value for p in DatePrecision]),
                name="reported_value_precision_valid",
            ),
        ]
        indexes = [
            models.Index(
                fields=["indicator", "area", "period_end"], name="value_indicator_area_idx"
            ),
            models.Index(fields=["area", "period_end"], name="value_area_period_idx"),
            # value_latest_idx (PostgreSQL only: SQLite knows no NULLS LAST in an index) reads
            # the latest figure of an indicator in an area first (`_latest_of_each`).
            # Whether an area or an indicator has a published figure (`public()`): the planner
            # looks for one in meeting order, which these give within an area or indicator.
            models.Index(fields=["area", "meeting"], name="value_area_meeting_idx"),
            models.Index(fields=["indicator", "meeting"], name="value_indicator_meeting_idx"),
            models.Index(fields=["meeting", "order"], name="value_meeting_order_idx"),
            models.Index(fields=["resolution"], name="value_resolution_idx"),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value_display} {self.unit} ({self.period_display})"

    def save(self, *args, **kwargs):
        clean_text_fields(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.indicator.get_absolute_url()

    @property
    def value_display(self) -> str:
        return format_vietnamese_number(self.value)

    @property
    def figure_display(self) -> str:
        """The figure as the report prints it: `bình quân trên 4,5 %/năm`, `954.964 tỷ đồng`."""
        return " ".join(part for part in [self.qualifier, self.value_display, self.unit] if part)

    @property
    def printed_display(self) -> str:
        """The figure as the article printed it, its qualifier before it ("bình quân 8,32%/năm");
        the composed `figure_display` for rows that do not know how it was printed."""
        if not self.value_as_printed:
            return self.figure_display
        return " ".join(part for part in [self.qualifier, self.value_as_printed] if part)

    @property
    def marked_sentence(self) -> tuple[str, str, str] | None:
        """The source sentence cut around the printed figure (before, figure, after), for
        marking it; None when the sentence does not hold it."""
        found = self.source_sentence.find(self.value_as_printed) if self.value_as_printed else -1
        if found < 0:
            return None
        end = found + len(self.value_as_printed)
        return self.source_sentence[:found], self.value_as_printed, self.source_sentence[end:]

    @property
    def period_display(self) -> str:
        """`2023`, `2018–2023`, `01/01/2023`, `06/2024` or `01–06/2024`."""
        return format_period(self.period_start, self.period_end, self.period_precision)


class FigureTallyQuerySet(models.QuerySet):
    def public_counts(self, **among) -> Counter:
        """The published figures of each (indicator id, area id) among the tallies that match
        `among` (`indicator__in=…`, `area__in=…`, which figures take as well): the tallies less
        the figures of meetings published for a later time, which are few and read through
        their meetings' index. Pairs with none left out."""
        counts = Counter(
            {
                (indicator, area): figures
                for indicator, area, figures in self.filter(figures__gt=0, **among).values_list(
                    "indicator_id", "area_id", "figures"
                )
            }
        )
        later = (
            ReportedValue.objects.filter(visibility.scheduled("meeting__"), **among)
            .order_by()
            .values_list("indicator_id", "area_id")
            .annotate(n=Count("pk"))
        )
        counts.subtract({(indicator, area): n for indicator, area, n in later})
        return +counts

    def public_area_ids(self) -> set[int]:
        """The areas a published figure names, from `public_counts()`: asking each area for a
        published figure hashed its figures first (26 ms an area, 1.0 s of the indicators
        index's 1.1 s at a million meetings)."""
        return {area for _indicator, area in self.public_counts() if area is not None}


class FigureTally(models.Model):
    """How many figures of meetings with the status "published" name an indicator and an area,
    kept by the database itself (triggers, migration indicators 0013) so that the indexes
    count figures without reading every one: 475,000 at 100,000 meetings took 160–240 ms a
    page. `area_key` is the area's id, or 0 for figures of no area, so that the pair is a key.
    Read through `public_counts()`, which takes away what is published for later."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, db_constraint=False, related_name="+"
    )
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, db_constraint=False, null=True, related_name="+"
    )
    area_key = models.BigIntegerField()
    figures = models.IntegerField()

    objects = FigureTallyQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "area_key"], name="figure_tally_key")
        ]

    def __str__(self):
        return f"{self.indicator_id}/{self.area_key}: {self.figures}"
