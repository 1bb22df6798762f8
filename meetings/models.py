"""Meetings, the people at them, the documents they discuss and the photos that record them."""

import logging
from collections import Counter
from functools import partial

from celery import current_app
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import connections, models, transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Func,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, ExtractYear, Greatest, Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators.models import ReportedValue
from people import pagecache, visibility
from people.codes import DOCUMENT_KINDS, KIND_BY_PRINTED, parse_code
from people.derived import DerivedColumns
from people.history import RecordedQuerySet
from people.images import RandomName, image_is_new, store_clean_image
from people.models import (
    Area,
    DatePrecision,
    Illustrative,
    Organization,
    Person,
    format_partial_date,
    precision_matches,
)
from people.search.expressions import is_postgres
from people.search.query import Query
from people.text import clean_text_fields, search_document, unique_slug
from people.versions import VersionedModel

from .renditions import source_name
from .search.documents import search_resolutions
from .search.meetings import Sources, TextCondition, search_condition, search_meetings

logger = logging.getLogger(__name__)
# Up to this many matches, the archive reads a page of them by primary key (`pinned_if_few`).
FEW_RESULTS = 2000


class ResolutionQuerySet(RecordedQuerySet):
    def search(self, query: Query):
        """Documents `query` refers to, by code in any written form or by title words.

        A full code ("52/NQ-CP") finds that document only; "NQ 52" or "nghị quyết 52" every
        resolution numbered 52 (Party documents first); a bare "52" every document so numbered,
        resolutions first. Annotates `search_rank`.
        """
        return search_resolutions(self, query)

    def public(self):
        """Documents the public may see (`people.visibility`)."""
        return visibility.public(self)

    def in_code_order(self):
        """By type as the table of types lists them (resolutions first), then year, then
        number as a number: 23-NQ/TW before 52-NQ/TW, 9/2023/NĐ-CP before 13/2023/NĐ-CP."""
        type_rank = Case(
            *(When(doc_type=kind.printed, then=rank) for rank, kind in enumerate(DOCUMENT_KINDS)),
            output_field=models.IntegerField(),
        )
        return self.order_by(
            type_rank, F("year").asc(nulls_first=True), Cast("number", models.IntegerField()), "pk"
        )

    def of_year(self, year: int):
        """Documents of `year`: the year in the code, or for a code without one (a Party
        document), the year it was issued."""
        return self.filter(Q(year=year) | Q(year__isnull=True, issued_on__year=year))

    def with_meeting_counts(self):
        """Each with `meeting_count`: the published meetings that discussed it. A subquery of
        each row, so a page of documents costs only its own rows."""
        discussed = (
            Meeting.resolutions.through.objects.filter(
                published_condition("meeting__"), resolution=OuterRef("pk")
            )
            .order_by()
            .values("resolution")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(meeting_count=Coalesce(Subquery(discussed), 0))

    def newest_discussed(self, within: int = 500):
        """Documents the `within` newest published meetings discussed, the most recently
        published first, each with `last_discussed`: that meeting's publication time. Only the
        newest meetings are read (the latest of every document read them all: 206 ms at
        29,000 meetings); a feed's thirty documents are among them."""
        newest = Meeting.objects.published().order_by("-published_at", "-pk").values("pk")
        return (
            self.filter(meetings__in=newest[:within])
            .annotate(last_discussed=Max("meetings__published_at"))
            .order_by("-last_discussed", "-pk")
        )


# The choices and the check constraint read the one table of types, so every code the parser
# accepts can be stored.
DocumentType = models.TextChoices(
    "DocumentType",
    [(kind.letters or "NONE", (kind.printed, _(kind.label))) for kind in DOCUMENT_KINDS],
)


class Resolution(DerivedColumns, Illustrative, VersionedModel):
    """A Party or State document (resolution, conclusion, directive, decree…) meetings refer to."""

    DocumentType = DocumentType

    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("As printed, in any common form: 52-NQ/TW, 52/NQ-TW, 13/2023/NĐ-CP."),
    )
    code_key = models.CharField(_("code key"), max_length=40, unique=True, editable=False)
    doc_type = models.CharField(
        _("document type"), max_length=4, choices=DocumentType.choices, editable=False
    )
    number = models.CharField(_("number"), max_length=10, editable=False)
    year = models.PositiveSmallIntegerField(
        _("year in code"), null=True, blank=True, editable=False
    )
    suffix = models.CharField(
        _("issuing suffix"), max_length=10, editable=False, help_text=_("TW, CP, TTg, …")
    )
    issuer = models.ForeignKey(
        Organization,
        verbose_name=_("issuing organ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issued_resolutions",
    )
    issued_on = models.DateField(_("date issued"), null=True, blank=True)
    title = models.TextField(_("title"), blank=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True, blank=True)
    search_text = models.TextField(_("search text"), editable=False, blank=True)

    objects = ResolutionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["-issued_on", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(doc_type__in=DocumentType.values),
                name="resolution_doc_type_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["doc_type", "number"], name="resolution_type_number_idx"),
            models.Index(fields=["number"], name="resolution_number_idx"),
            models.Index(fields=["issued_on"], name="resolution_issued_idx"),
        ]

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        clean_text_fields(self)
        parsed = parse_code(self.code)
        if parsed is None:
            raise ValueError(f"Not a document code: {self.code!r}")
        self._apply_code(parsed)
        if not self.slug:
            slug_text = self.code.replace("/", "-")
            self.slug = unique_slug(type(self), slug_text, instance_pk=self.pk, max_length=60)
        self.derive_fields()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("meetings:resolution", kwargs={"slug": self.slug})

    def derived_values(self) -> dict[str, str]:
        """The folded code and title SQLite searches (PostgreSQL's trigger writes the same)."""
        return {"search_text": search_document(self.code, self.title)}

    def clean(self):
        parsed = parse_code(self.code)
        if parsed is None:
            raise ValidationError(
                {"code": _("Not a document code. Write it as 52-NQ/TW or 13/2023/NĐ-CP.")}
            )
        self._apply_code(parsed)

    def _apply_code(self, parsed):
        self.code = str(parsed)
        self.code_key = parsed.key
        self.doc_type = parsed.doc_type
        self.number = parsed.number
        self.year = parsed.year
        self.suffix = parsed.suffix

    @property
    def full_name(self) -> str:
        """ "Nghị quyết 52-NQ/TW" — the type spelled out, as the press writes it."""
        return f"{KIND_BY_PRINTED[self.doc_type].name} {self.code}".lstrip()


class PublicationPlace(Func):
    """`(published_at, id)` of each row, or of one `meeting`. Compared as a row, it is a range
    the visibility index answers from wherever the meeting stands, however many meetings were
    published in the same second."""

    template = "(%(expressions)s)"
    output_field = models.Field()

    def __init__(self, meeting=None):
        if meeting is None:
            super().__init__(F("published_at"), F("pk"))
        else:
            super().__init__(
                Value(meeting.published_at, output_field=models.DateTimeField()),
                Value(meeting.pk, output_field=models.BigIntegerField()),
            )


class ClockNow(Now):
    """The database's clock, so that a condition on it holds whenever it runs (see
    `people.visibility.condition`). SQLite's clock has milliseconds and its times compare as
    text, so its "now" is the end of the current millisecond: a row stamped 12:00:00.123456
    is not later than 12:00:00.123."""

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="STRFTIME('%%%%Y-%%%%m-%%%%d %%%%H:%%%%M:%%%%f999', 'NOW')",
            **extra_context,
        )


def published_condition(path: str = "") -> Q:
    """What `MeetingQuerySet.published()` asks of a meeting, for rows that reach their meeting
    through `path` ("meeting__"): a join, which Django builds in half the time of a subquery."""
    return Q(**{f"{path}status": Meeting.Status.PUBLISHED, f"{path}published_at__lte": ClockNow()})


def scheduled_condition(path: str = "") -> Q:
    """Meetings published for a later time (`seconds_until_next_publication`), for rows that
    reach them through `path`."""
    return Q(**{f"{path}status": Meeting.Status.PUBLISHED, f"{path}published_at__gt": ClockNow()})


def _citations(model):
    """A fact's citations as the meeting page marks them: by report number, without the text."""
    return (
        model.objects.select_related("report")
        .defer("report__source_text")
        .order_by("report__position", "report__pk")
    )


class ArchiveQuerySet(models.QuerySet):
    """What the archive filters meetings by and orders them by, asked of meetings or of the
    narrow rows their facets are counted from (`MeetingFacetRow`): the columns these read
    have the same names in both, and `pk` is the meeting's id."""

    def published(self):
        """What the public may see: published, and the publication time has come.

        Every public page, feed, sitemap, search and count starts here.
        """
        return self.filter(published_condition())

    def about(self, resolution):
        return self.filter(resolutions=resolution)

    def attended_by(self, person):
        return self.filter(
            Exists(Participation.objects.filter(meeting=OuterRef("pk"), person=person))
        )

    def in_year(self, year):
        return self.filter(date__year=year)

    def in_area(self, area):
        """Meetings held in `area` or in a unit inside it (a city of the province)."""
        return self.filter(Q(area=area) | Q(area__parent=area))

    def involving(self, organization):
        """Meetings `organization` hosted, led, was visited at, or sent someone to."""
        hosts = Meeting.host_organizations.through.objects.filter(organization=organization)
        visited = Meeting.visited_organizations.through.objects.filter(organization=organization)
        return self.filter(
            Exists(hosts.filter(meeting=OuterRef("pk")))
            | Exists(visited.filter(meeting=OuterRef("pk")))
            | Exists(
                Delegation.objects.filter(meeting=OuterRef("pk"), lead_organization=organization)
            )
            | Exists(
                Participation.objects.filter(meeting=OuterRef("pk"), organization=organization)
            )
        )

    def matching(self, condition: TextCondition):
        """These meetings that meet `condition`, a `search_condition()`."""
        return self.filter(condition.q)

    def newest_first(self):
        """Newest meeting date first; undated meetings last on every engine."""
        return self.order_by(F("date").desc(nulls_last=True), "-published_at", "-pk")

    def oldest_first(self):
        return self.order_by(F("date").asc(nulls_last=True), "published_at", "pk")


class MeetingQuerySet(RecordedQuerySet, ArchiveQuerySet):
    def matching(self, condition: TextCondition):
        """These meetings that meet `condition`, asked as a subquery (`among()`)."""
        return self.among(Meeting.objects.filter(condition.q))

    def seconds_until_next_publication(self) -> float | None:
        """How long until a publication scheduled for later changes the public pages without
        any write (the page cache expires by then), or None if none is scheduled."""
        due = self.filter(scheduled_condition()).aggregate(due=Min("published_at"))["due"]
        return None if due is None else (due - timezone.now()).total_seconds()

    def represented_by(self, organization):
        """Meetings where someone spoke or sat for `organization`."""
        return self.filter(
            Exists(Participation.objects.filter(meeting=OuterRef("pk"), organization=organization))
        )

    def counted_by_year_and_area(self):
        """(year, area id, number of these meetings) for each pair that has some: what the
        archive's facets add up. PostgreSQL estimates the pairs from statistics of their own
        (migration meetings 0035)."""
        return (
            self.order_by()
            .annotate(year=ExtractYear("date"))
            .values_list("year", "area_id")
            .annotate(count=Count("pk"))
        )

    def pinned(self):
        """The same meetings in the same order, their ids read first and the rows then by
        primary key: for a few matches among many, which PostgreSQL would otherwise look for
        by walking the newest-first index and testing every meeting on the way (a second for
        one match in 100,000)."""
        ids = list(self.order_by().values_list("pk", flat=True))
        return self.model.objects.filter(pk__in=ids).order_by(*self.query.order_by)

    def pinned_if_few(self, count: int):
        """`pinned()` when `count`, the number of these meetings, is at most `FEW_RESULTS`;
        otherwise the same query, whose order PostgreSQL follows by index."""
        return self.pinned() if count <= FEW_RESULTS else self

    def for_cards(self):
        """What a meeting card shows, loaded in a fixed number of queries."""
        return self.select_related(
            "area", "delegation__lead_organization", "delegation__head"
        ).prefetch_related("resolutions")

    def for_detail(self):
        """Everything the meeting page shows, loaded in a fixed number of queries."""
        return self.select_related(
            "area",
            "delegation__lead_organization",
            "delegation__head",
        ).prefetch_related(
            "host_organizations",
            "visited_organizations",
            "resolutions",
            Prefetch("reports", queryset=Report.objects.public().for_display()),
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related(
                    "person", "organization"
                ).prefetch_related(
                    Prefetch("citations", queryset=_citations(ParticipationCitation))
                ),
            ),
            Prefetch(
                "reported_values",
                queryset=ReportedValue.objects.select_related(
                    "indicator", "area", "resolution"
                ).prefetch_related(Prefetch("citations", queryset=_citations(FigureCitation))),
            ),
            Prefetch(
                "photos",
                queryset=Photo.objects.prefetch_related(
                    Prefetch("tags", queryset=PhotoPerson.objects.select_related("person"))
                ),
            ),
        )

    def before(self, meeting):
        """Meetings published before `meeting` (ties by id), the nearest first."""
        return (
            self.alias(publication_place=PublicationPlace())
            .filter(publication_place__lt=PublicationPlace(meeting))
            .order_by("-published_at", "-pk")
        )

    def after(self, meeting):
        """Meetings published after `meeting` (ties by id), the nearest first."""
        return (
            self.alias(publication_place=PublicationPlace())
            .filter(publication_place__gt=PublicationPlace(meeting))
            .order_by("published_at", "pk")
        )

    def search(self, query: Query):
        """Meetings `query` finds: by their words (title, summary, body, place, photo captions),
        by the officials it names (who took part, appear in a photo, or are named), and by the
        documents it refers to. Filter and paginate the result like any QuerySet.
        """
        return search_meetings(self, query, search_sources())

    def search_condition(self, query: Query) -> TextCondition:
        """What `search(query)` filters by, to ask of another table with the same columns
        (`MeetingFacetRow`); nothing for an empty query."""
        if not query:
            return TextCondition(Q(pk__in=[]))
        return search_condition(query, search_sources(), postgres=is_postgres(self))

    def facet_counts(self, limit: int):
        """(cells, discussed): (year, area id, count) of these meetings for each pair that has
        some, and {document id: count} of the `limit` documents most of them discuss (ties by
        id). What the archive's facets show of the current results."""
        return list(self.counted_by_year_and_area()), self.most_discussed(limit)

    def most_discussed(self, limit: int) -> dict[int, int]:
        """{document id: these meetings} of the `limit` documents most of them discuss (ties
        by id)."""
        return dict(
            Meeting.resolutions.through.objects.filter(meeting__in=self.values("pk"))
            .values_list("resolution")
            .annotate(count=Count("meeting"))
            .order_by("-count", "resolution")[:limit]
        )

    def among(self, found):
        """These meetings that are in `found`, a `search()`, asked as a subquery of every match.

        For paging through all the matches: inside the subquery PostgreSQL answers from the
        search index alone, where beside the visibility index it would read and test every
        published meeting's text.
        """
        return self.filter(pk__in=found.values("pk"))


def search_sources() -> Sources:
    """The models a meeting search reads besides meetings."""
    return Sources(Resolution, Meeting.resolutions.through, Participation, Photo, PhotoPerson)


class MeetingKind(models.TextChoices):
    WORKING_SESSION = "working_session", _("working session")
    SITE_VISIT = "site_visit", _("site visit / survey")
    CONFERENCE = "conference", _("conference")
    RECEPTION = "reception", _("reception")
    OTHER = "other", _("other")


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    READY = "ready", _("ready for publishing")
    PUBLISHED = "published", _("published")


class MeetingLanguage(models.TextChoices):
    VIETNAMESE = "vi", _("Vietnamese")
    ENGLISH = "en", _("English")


class Meeting(DerivedColumns, Illustrative, VersionedModel):
    """One official working session, site visit or conference as a report recorded it."""

    Kind = MeetingKind

    Status = MeetingStatus
    Language = MeetingLanguage

    title = models.CharField(_("title"), max_length=500)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
        help_text=_("How much of the date the report gives; many reports print none."),
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.WORKING_SESSION
    )
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    host_organizations = models.ManyToManyField(
        Organization,
        verbose_name=_("host organizations"),
        blank=True,
        related_name="hosted_meetings",
    )
    visited_organizations = models.ManyToManyField(
        Organization,
        verbose_name=_("organizations visited"),
        blank=True,
        related_name="visited_meetings",
        help_text=_("Companies and units the delegation visited or surveyed."),
    )
    resolutions = models.ManyToManyField(
        Resolution, verbose_name=_("resolutions discussed"), blank=True, related_name="meetings"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    language = models.CharField(
        _("language of the report"),
        max_length=2,
        choices=Language.choices,
        default=Language.VIETNAMESE,
        help_text=_("The language of its first report."),
    )
    published_at = models.DateTimeField(_("publication time"), null=True, blank=True)
    search_text = models.TextField(_("folded search text"), editable=False, blank=True)
    search_vector = SearchVectorField(
        _("search vector"), null=True, editable=False, help_text=_("Kept by PostgreSQL.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["search_text", "search_vector"],
        m2m_fields=[host_organizations, visited_organizations, resolutions],
    )

    rich_text_fields = ("summary", "body")

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-published_at", "-pk"]
        get_latest_by = "published_at"
        permissions = [
            ("publish_meeting", _("Can publish, unpublish and schedule meetings")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=MeetingKind.values), name="meeting_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MeetingStatus.values), name="meeting_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="meeting_published_has_time",
            ),
            precision_matches("date", "date_precision", name="meeting_date_precision_matches"),
            models.CheckConstraint(
                condition=Q(language__in=MeetingLanguage.values), name="meeting_language_valid"
            ),
        ]
        indexes = [
            # What the public sees, in publication order (feeds, previous and next), with what
            # the archive's facets and the home page count by: an index-only scan on PostgreSQL.
            models.Index(
                fields=["status", "published_at", "id"],
                include=["date", "area"],
                name="meeting_visibility_idx",
            ),
            models.Index(fields=["-date", "-published_at"], name="meeting_newest_idx"),
            # An area's meetings by date, and whether it has a published one (index-only).
            models.Index(
                fields=["area", "date"],
                include=["status", "published_at"],
                name="meeting_area_date_idx",
            ),
            models.Index(fields=["kind", "date"], name="meeting_kind_date_idx"),
            # A published meeting's row by id, read from the index alone: the sitemap files
            # (published meetings in id order), the sitemap index (when the latest changed:
            # 98 against 0.1 ms) and every figure joined to its meeting (an indicator's CSV:
            # 17,000 figures, whose meetings' heap is larger than PostgreSQL's buffers).
            models.Index(
                fields=["status", "id"],
                include=[
                    "published_at",
                    "updated_at",
                    "slug",
                    "date",
                    "date_precision",
                    "illustrative",
                ],
                name="meeting_public_row_idx",
            ),
            models.Index(fields=["status", "updated_at"], name="meeting_updated_idx"),
            # An area's published meetings counted from the index alone (the areas index).
            models.Index(
                fields=["area", "status", "published_at"], name="meeting_area_visibility_idx"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        clean_text_fields(self)
        if not self.slug:
            self.slug = unique_slug(type(self), self.title, instance_pk=self.pk)
        self.derive_fields()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("meetings:detail", kwargs={"slug": self.slug})

    def derived_values(self) -> dict[str, str]:
        """The folded text SQLite searches; PostgreSQL's trigger writes the same, and the
        search vector from it."""
        return {"search_text": search_document(self.title, self.summary, self.body, self.place)}

    @property
    def date_display(self) -> str:
        return format_partial_date(self.date, self.date_precision)

    def publication_refusal(self) -> str | None:
        """Why this meeting may not be sent for publishing or published yet: review notes no
        editor has settled. None when it may."""
        count = self.notes.open().count()
        if not count:
            return None
        return ngettext(
            "%(count)s review note is not settled: settle it on the review screen first.",
            "%(count)s review notes are not settled: settle them on the review screen first.",
            count,
        ) % {"count": count}


class ReportQuerySet(RecordedQuerySet):
    def public(self):
        """Reports the public may see (`people.visibility`): those of published meetings."""
        return visibility.public(self)

    def for_display(self):
        """The reports as a meeting page lists them: first report first, with publishers."""
        return self.select_related("publisher").order_by("meeting", "position", "pk")


class Report(VersionedModel):
    """One published account of a meeting (an outlet's article), kept as the source of its facts."""

    Language = MeetingLanguage

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="reports"
    )
    position = models.PositiveSmallIntegerField(
        _("position"),
        default=1,
        help_text=_("Order within the meeting; the page shows the titles of the first first."),
    )
    publisher = models.ForeignKey(
        Organization,
        verbose_name=_("publisher"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_reports",
    )
    url = models.URLField(_("source URL"), max_length=1000, blank=True)
    headline = models.CharField(_("headline"), max_length=500, blank=True)
    published_as_printed = models.CharField(
        _("publication time as printed"),
        max_length=200,
        blank=True,
        help_text=_("Exactly as the page prints it: “Thứ Năm, 8/6/2023 14:46'(GMT+7)”."),
    )
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.VIETNAMESE
    )
    source_text = models.TextField(
        _("original article text"), blank=True, help_text=_("Kept verbatim, never edited.")
    )
    source_hash = models.CharField(
        _("fingerprint of the original text"),
        max_length=64,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("Lets a second import of the same article find this report."),
    )
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True, editable=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="imported_reports",
    )
    resolutions = models.ManyToManyField(
        Resolution,
        verbose_name=_("documents printed"),
        through="DocumentCitation",
        blank=True,
        related_name="reports",
    )

    objects = ReportQuerySet.as_manager()
    history = HistoricalRecords()

    # The article as the editor or the importer gave it, byte for byte: not even NFC.
    verbatim_text_fields = ("source_text",)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(language__in=MeetingLanguage.values), name="report_language_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["meeting", "position"], name="report_meeting_position_idx"),
            models.Index(fields=["url"], name="report_url_idx"),
        ]

    def __str__(self):
        return self.headline or self.url or str(_("Report #%(pk)s") % {"pk": self.pk})

    def save(self, *args, **kwargs):
        clean_text_fields(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#report-{self.pk}"

    def cite_every_fact(self) -> None:
        """Cite with this report every fact its meeting records: an article recorded as a new
        meeting printed them all."""
        meeting = self.meeting
        self.cite(
            participations=meeting.participations.all(),
            figures=meeting.reported_values.all(),
            photos=meeting.photos.all(),
            resolutions=meeting.resolutions.all(),
        )

    def cite(self, *, participations=(), figures=(), photos=(), resolutions=()) -> None:
        """Cite these facts with this report, one insert per kind of fact; a participation
        is cited with the title it carries, as this report printed it."""
        rows = [
            (ParticipationCitation, [
                ParticipationCitation(
                    participation=p, report=self, title_as_printed=p.title_as_reported
                )
                for p in participations
            ]),
            (FigureCitation, [FigureCitation(reported_value=f, report=self) for f in figures]),
            (PhotoCitation, [PhotoCitation(photo=photo, report=self) for photo in photos]),
            (DocumentCitation, [
                DocumentCitation(resolution=r, report=self) for r in dict.fromkeys(resolutions)
            ]),
        ]  # fmt: skip
        for model, citations in rows:
            if citations:
                model.objects.bulk_create(citations)


class Delegation(VersionedModel):
    """The visiting group of a meeting (đoàn công tác); its members are delegation-side."""

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="delegation"
    )
    name = models.CharField(_("name"), max_length=300, blank=True)
    lead_organization = models.ForeignKey(
        Organization,
        verbose_name=_("leading organization"),
        on_delete=models.PROTECT,
        related_name="led_delegations",
    )
    head = models.ForeignKey(
        Person,
        verbose_name=_("head of delegation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegations_led",
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Members the report describes without naming them."),
    )

    objects = RecordedQuerySet.as_manager()
    history = HistoricalRecords()

    rich_text_fields = ("description",)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        indexes = [models.Index(fields=["lead_organization"], name="delegation_lead_org_idx")]

    def __str__(self):
        return self.name or str(_("Delegation of %(org)s") % {"org": self.lead_organization.name})

    def save(self, *args, **kwargs):
        clean_text_fields(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()


class Side(models.TextChoices):
    DELEGATION = "delegation", _("delegation")
    HOST = "host", _("host")
    OTHER = "other", _("other")


class ParticipationQuerySet(RecordedQuerySet):
    def published(self):
        """Participations in meetings the public may see."""
        return self.filter(visibility.published("meeting__"))


class Participation(VersionedModel):
    """A person, or an organization's unnamed representative, at a meeting, titled as printed."""

    Side = Side

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
        help_text=_("Empty for an unnamed representative (“Đại diện Sở Công Thương”)."),
    )
    title_as_reported = models.CharField(
        _("title as reported"),
        max_length=500,
        blank=True,
        help_text=_("Exactly as printed in this report: the historical record."),
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
    )
    side = models.CharField(_("side"), max_length=12, choices=Side.choices, default=Side.OTHER)
    chaired = models.BooleanField(_("chaired"), default=False)
    led_delegation = models.BooleanField(_("led the delegation"), default=False)
    spoke = models.BooleanField(_("spoke"), default=False)
    reported = models.BooleanField(_("reported"), default=False)
    order = models.PositiveSmallIntegerField(_("order of appearance"), default=0)
    needs_review = models.BooleanField(
        _("needs review"), default=False, help_text=_("The importer was unsure of this row.")
    )
    reports = models.ManyToManyField(
        "Report",
        verbose_name=_("reports"),
        through="ParticipationCitation",
        blank=True,
        related_name="participations",
    )

    objects = ParticipationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["meeting", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(side__in=Side.values), name="participation_side_valid"
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(organization__isnull=False),
                name="participation_names_someone",
            ),
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(person__isnull=False),
                name="participation_unique_person",
            ),
        ]
        indexes = [
            # An official's meetings, and the title printed at each (`presence.with_title`,
            # beside their name on every page) read from the index alone.
            models.Index(
                fields=["person", "meeting"],
                include=["title_as_reported"],
                name="participation_person_idx",
            ),
            models.Index(fields=["organization", "meeting"], name="participation_org_idx"),
            models.Index(fields=["meeting", "order"], name="participation_order_idx"),
        ]

    def __str__(self):
        who = self.person.full_name if self.person_id else _("Representative")
        return f"{who}, {self.title_as_reported}" if self.title_as_reported else str(who)

    def save(self, *args, **kwargs):
        clean_text_fields(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()

    def absorb(self, other: "Participation") -> None:
        """Take in the roles and any missing details of `other`, the same person's row at the
        same meeting under another record (see `people.services.person_merge`)."""
        for flag in ("chaired", "led_delegation", "spoke", "reported"):
            setattr(self, flag, getattr(self, flag) or getattr(other, flag))
        self.title_as_reported = self.title_as_reported or other.title_as_reported
        self.organization_id = self.organization_id or other.organization_id
        self.order = min(self.order, other.order)

    @property
    def roles(self) -> list[str]:
        """The roles the report gives, in order of weight; 'attended' when it gives none."""
        labels = [
            (self.led_delegation, _("led the delegation")),
            (self.chaired, _("chaired")),
            (self.reported, _("reported")),
            (self.spoke, _("spoke")),
        ]
        return [str(label) for flag, label in labels if flag] or [str(_("attended"))]


class ParticipationCitation(VersionedModel):
    """A report that names a participant, with the title as that report printed it."""

    participation = models.ForeignKey(
        Participation,
        verbose_name=_("participation"),
        on_delete=models.CASCADE,
        related_name="citations",
    )
    report = models.ForeignKey(
        Report,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="participation_citations",
    )
    title_as_printed = models.CharField(
        _("title as printed"),
        max_length=500,
        blank=True,
        help_text=_("Exactly as this report prints it; another report may print it otherwise."),
    )

    objects = RecordedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participation citation")
        verbose_name_plural = _("participation citations")
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "report"], name="participation_citation_unique"
            ),
        ]
        indexes = [models.Index(fields=["report"], name="participation_citation_rep_idx")]

    def __str__(self):
        return f"{self.participation} [{self.report}]"

    def save(self, *args, **kwargs):
        clean_text_fields(self)
        super().save(*args, **kwargs)


class FigureCitation(VersionedModel):
    """A report that printed a figure."""

    reported_value = models.ForeignKey(
        ReportedValue,
        verbose_name=_("figure"),
        on_delete=models.CASCADE,
        related_name="citations",
    )
    report = models.ForeignKey(
        "Report",
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="figure_citations",
    )

    objects = RecordedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("figure citation")
        verbose_name_plural = _("figure citations")
        constraints = [
            models.UniqueConstraint(
                fields=["reported_value", "report"], name="figure_citation_unique"
            ),
        ]
        indexes = [models.Index(fields=["report"], name="figure_citation_report_idx")]

    def __str__(self):
        return f"{self.reported_value_id} [{self.report}]"


class PhotoCitation(VersionedModel):
    """A report that published a photo with its caption."""

    photo = models.ForeignKey(
        "Photo", verbose_name=_("photo"), on_delete=models.CASCADE, related_name="citations"
    )
    report = models.ForeignKey(
        "Report",
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="photo_citations",
    )

    objects = RecordedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("photo citation")
        verbose_name_plural = _("photo citations")
        constraints = [
            models.UniqueConstraint(fields=["photo", "report"], name="photo_citation_unique"),
        ]
        indexes = [models.Index(fields=["report"], name="photo_citation_report_idx")]

    def __str__(self):
        return f"{self.photo_id} [{self.report}]"


class DocumentCitation(VersionedModel):
    """A document a report printed (by its code) in its account of the meeting."""

    report = models.ForeignKey(
        "Report",
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="document_citations",
    )
    resolution = models.ForeignKey(
        Resolution,
        verbose_name=_("resolution"),
        on_delete=models.CASCADE,
        related_name="citations",
    )

    objects = RecordedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document citation")
        verbose_name_plural = _("document citations")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "resolution"], name="document_citation_unique"
            ),
        ]
        indexes = [models.Index(fields=["resolution"], name="document_citation_res_idx")]

    def __str__(self):
        return f"{self.resolution_id} [{self.report}]"


class PhotoQuerySet(RecordedQuerySet):
    def public(self):
        """Photos the public may see (`people.visibility`): those of published meetings."""
        return visibility.public(self)

    def stored_as(self, name: str):
        """The photos whose image, or one of its renditions, is the stored file `name`."""
        return self.filter(image__in=[name, source_name(name) or name])


class Photo(DerivedColumns, VersionedModel):
    """A photo published with a meeting's report, with its caption exactly as printed."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        _("image"),
        upload_to=RandomName("photos"),
        width_field="width",
        height_field="height",
        blank=True,
        help_text=_("Imported captions arrive without their image; attach it before publishing."),
    )
    width = models.PositiveIntegerField(_("width"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True, editable=False)
    caption = models.TextField(_("caption"), help_text=_("Exactly as published."))
    people = models.ManyToManyField(
        Person,
        verbose_name=_("people shown"),
        through="PhotoPerson",
        blank=True,
        related_name="photos",
    )
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    alt_text = models.CharField(
        _("alt text"), max_length=500, help_text=_("What the photo shows, for screen readers.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    reports = models.ManyToManyField(
        "Report",
        verbose_name=_("reports"),
        through="PhotoCitation",
        blank=True,
        related_name="photos",
    )
    search_text = models.TextField(_("search text"), editable=False, blank=True)
    search_vector = SearchVectorField(
        _("search vector"), null=True, editable=False, help_text=_("Kept by PostgreSQL.")
    )

    objects = PhotoQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text", "search_vector"])

    rich_text_fields = ("caption",)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["meeting", "order", "pk"]
        indexes = [
            models.Index(fields=["meeting", "order"], name="photo_order_idx"),
            # The media view finds a file's photo by it.
            models.Index(fields=["image"], name="photo_image_idx"),
        ]

    def __str__(self):
        return self.caption[:80]

    def save(self, *args, **kwargs):
        clean_text_fields(self)
        new_image = image_is_new(self, "image")
        if new_image:
            store_clean_image(self.image)
            # The re-encoded file may differ in size from the upload (EXIF orientation).
            self._meta.get_field("image").update_dimension_fields(self, force=True)
        self.derive_fields()
        super().save(*args, **kwargs)
        if new_image:
            # After commit: image work stays out of the transaction, and a failed save
            # leaves no orphan renditions. A worker makes them (`meetings.tasks`).
            transaction.on_commit(partial(Photo.queue_renditions, self.image.name))

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#photo-{self.pk}"

    def derived_values(self) -> dict[str, str]:
        """The folded caption SQLite searches; PostgreSQL's trigger writes the same, and the
        search vector from it."""
        return {"search_text": search_document(self.caption)}

    @staticmethod
    def queue_renditions(name: str) -> "Job":
        """The job that makes the renditions of the stored image `name`, once."""
        return Job.objects.queue(kind=JobKind.RENDITIONS, key=name, arguments={"image": name})


class PhotoPerson(VersionedModel):
    """A person shown in a photo, in the order the caption names them."""

    photo = models.ForeignKey(
        Photo, verbose_name=_("photo"), on_delete=models.CASCADE, related_name="tags"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="photo_tags"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = RecordedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person in photo")
        verbose_name_plural = _("people in photo")
        ordering = ["photo", "order"]
        constraints = [
            models.UniqueConstraint(fields=["photo", "person"], name="photo_person_unique"),
        ]

    def __str__(self):
        return f"{self.person} — {self.photo}"

    def get_absolute_url(self):
        return self.photo.get_absolute_url()


class ReviewNoteQuerySet(models.QuerySet):
    def open(self):
        """Notes no editor has settled yet: while a meeting has one it is not sent for
        publishing."""
        return self.filter(resolved_at__isnull=True)

    def settle(self, user):
        """Mark these notes settled by `user`, now; return how many were open."""
        user = user if user is not None and user.is_authenticated else None
        return self.open().update(resolved_at=timezone.now(), resolved_by=user)


class ReviewNote(models.Model):
    """What the importer was unsure of, tied to the fact it concerns (a participant, a figure,
    a field of the meeting), kept as an English message and its parameters so that every
    editor reads it in the interface's language (`text`)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="notes"
    )
    report = models.ForeignKey(
        Report,
        verbose_name=_("report"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notes",
    )
    message = models.TextField(_("message"))
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    field = models.CharField(
        _("field of the meeting"), max_length=30, blank=True, help_text=_("date, title…")
    )
    participation = models.ForeignKey(
        Participation,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notes",
    )
    figure = models.ForeignKey(
        ReportedValue,
        verbose_name=_("figure"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notes",
    )
    resolved_at = models.DateTimeField(_("settled at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("settled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ReviewNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("review note")
        verbose_name_plural = _("review notes")
        ordering = ["meeting", "pk"]
        indexes = [
            models.Index(
                fields=["meeting"],
                condition=Q(resolved_at__isnull=True),
                name="review_note_open_idx",
            )
        ]

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        """The note in the interface's language; a note kept from before notes had
        parameters is its own text."""
        message = gettext(self.message)
        return message % self.params if self.params else message

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class JobKind(models.TextChoices):
    IMPORT_ARTICLE = "import_article", _("article import")
    RENDITIONS = "renditions", _("photo renditions")
    EXPORT_ARCHIVE = "export_archive", _("archive export")
    REFRESH_SEARCH = "refresh_search", _("search data refresh")
    IMPORT_BATCH = "import_batch", _("batch article import")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    RETRYING = "retrying", _("waiting to retry")
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed")


RUN_JOB = "meetings.run_job"  # the task's name (`meetings.tasks`): models cannot import it


class JobQuerySet(models.QuerySet):
    def queue(self, *, kind: str, key: str, arguments: dict, user=None) -> "Job":
        """The job doing this work: the one already queued or running under the same `key`
        (the same work queued twice runs once), else a new one, or the finished one queued
        again (its work, run twice, changes nothing more)."""
        with transaction.atomic():
            job, created = self.select_for_update().get_or_create(
                kind=kind, key=key, defaults={"arguments": arguments, "created_by": user}
            )
            if not created and not job.finished:
                return job
            if not created:
                job.arguments, job.created_by, job.status = arguments, user, JobStatus.QUEUED
                job.done = job.total = job.attempts = 0
                job.error, job.result = "", {}
                job.save()
        job.send()
        return job

    def tally(self):
        """How many jobs there are of each kind and status, with their attempts beyond the
        first (`retries`), in one query (`/metrics`)."""
        beyond_first = Greatest(F("attempts") - 1, Value(0))
        return (
            self.order_by()
            .values("kind", "status")
            .annotate(count=Count("pk"), retries=Coalesce(Sum(beyond_first), 0))
        )

    def claim(self, pk: int, *, redelivered: bool) -> "Job | None":
        """Mark the job running for this worker, unless it is done or another worker runs it.
        A message handed out again (its worker died, or outlived the broker's visibility
        timeout) takes over a running job."""
        claimable = Q(status__in=[JobStatus.QUEUED, JobStatus.RETRYING])
        if redelivered:
            claimable |= Q(status=JobStatus.RUNNING)
        claimed = self.filter(claimable, pk=pk).update(
            status=JobStatus.RUNNING, attempts=F("attempts") + 1, started_at=Now()
        )
        return self.get(pk=pk) if claimed else None


class Job(models.Model):
    """A piece of work run by a background worker (or inline without a broker), with its outcome."""

    kind = models.CharField(_("kind"), max_length=20, choices=JobKind.choices)
    key = models.CharField(
        _("idempotency key"),
        max_length=200,
        help_text=_("The same work has the same key, and is done once."),
    )
    arguments = models.JSONField(_("arguments"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    done = models.PositiveIntegerField(_("steps done"), default=0)
    total = models.PositiveIntegerField(_("steps in all"), default=0)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jobs",
    )

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="job_kind_key_unique"),
            models.CheckConstraint(condition=Q(kind__in=JobKind.values), name="job_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=JobStatus.values), name="job_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self):
        return reverse("admin:meetings_job_change", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)

    def send(self) -> None:
        """Hand the job to a worker once the caller's transaction commits; without a broker,
        run it here and now."""
        if current_app.conf.task_always_eager:
            current_app.tasks[RUN_JOB].apply(args=[self.pk])
            self.refresh_from_db()
        else:
            transaction.on_commit(self.publish)

    def publish(self) -> None:
        try:
            current_app.tasks[RUN_JOB].apply_async(args=[self.pk])
        except Exception as error:  # kombu's errors differ by transport: any means "not queued"
            logger.warning("Job %s could not be queued: %r", self.pk, error)
            self.end(
                JobStatus.FAILED,
                error=gettext(
                    "The job queue could not be reached, so the job did not start. "
                    "Try again in a few minutes."
                ),
            )

    def progress(self, done: int, total: int, *, result: dict | None = None) -> None:
        """Record how far the job is, and what it has done so far when it says (a batch's
        articles: a run taking over goes on from there); the admin's page of the job shows it."""
        fields = {"done": done, "total": total}
        if result is not None:
            fields["result"] = result
        Job.objects.filter(pk=self.pk).update(**fields)
        for name, value in fields.items():
            setattr(self, name, value)

    def end(self, status: str, *, result: dict | None = None, error: str = "") -> None:
        """Record the outcome (or a retry to come) in one statement."""
        fields = {"status": status, "error": error, "finished_at": timezone.now()}
        if result is not None:
            fields["result"] = result
        if status == JobStatus.RETRYING:
            fields["finished_at"] = None
        Job.objects.filter(pk=self.pk).update(**fields)
        for name, value in fields.items():
            setattr(self, name, value)


class PersonTally(models.Model):
    """How often meetings with the status "published" name an official, kept by the database
    itself (triggers, migration meetings 0030) so that the officials index and the sitemap
    count public officials without asking each of them (20,000 probes took 100–370 ms at
    100,000 meetings). `appearances` counts every path that makes an official public
    (`meetings.visibility`: participations, delegations led, photo tags), `attended` the
    participations alone. Read through `presence.public_index_letters()`, which takes away
    the officials named only by meetings published for a later time."""

    person = models.OneToOneField(
        Person,
        on_delete=models.CASCADE,
        db_constraint=False,
        primary_key=True,
        related_name="tally",
    )
    appearances = models.IntegerField(default=0)
    attended = models.IntegerField(default=0)

    def __str__(self):
        return f"{self.person_id}: {self.appearances} ({self.attended} attended)"


class ArchiveTallyQuerySet(models.QuerySet):
    def public_cells(self, less=()) -> list[tuple[int | None, int | None, int]]:
        """(year, area id, published meetings) of the whole archive: the tallies less the
        meetings published for a later time, which are few and read through their index,
        and less the public meetings `less` counts ((year, area id, count) triples)."""
        cells = Counter(
            {
                (year, area): n
                for year, area, n in self.filter(meetings__gt=0).values_list(
                    "year", "area_id", "meetings"
                )
            }
        )
        later = Meeting.objects.filter(visibility.scheduled()).counted_by_year_and_area()
        for year, area, n in [*later, *less]:
            cells[year, area] -= n
        return [(year, area, n) for (year, area), n in cells.items() if n > 0]

    def public_years_and_total(self) -> tuple[list[int], int]:
        """The years that hold a public meeting, latest first, and how many public meetings
        there are, from `public_cells()`."""
        cells = self.public_cells()
        years = sorted({year for year, _area, _n in cells if year is not None}, reverse=True)
        return years, sum(n for _year, _area, n in cells)


class ArchiveTally(models.Model):
    """How many meetings with the status "published" each year and area hold, kept by the
    database itself (triggers, migration meetings 0034) so that the whole archive's facets
    are read, not counted: counting 95,000 meetings took 26 ms at 100,000 and grows with
    the archive. `year_key` and `area_key` are 0 for none, so that the pair is a key. Read
    through `public_cells()`, which takes away what is published for later."""

    year = models.IntegerField(null=True)
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, db_constraint=False, null=True, related_name="+"
    )
    year_key = models.IntegerField()
    area_key = models.BigIntegerField()
    meetings = models.IntegerField()

    objects = ArchiveTallyQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["year_key", "area_key"], name="archive_tally_key")
        ]

    def __str__(self):
        return f"{self.year_key}/{self.area_key}: {self.meetings}"


class DocumentTallyQuerySet(models.QuerySet):
    def most_discussed(self, limit: int, less=None) -> dict[int, int]:
        """{document id: published meetings} of the `limit` documents the most meetings
        discuss (ties by id): the tallies less the meetings published for a later time, and
        less the public meetings `less` counts ({document id: count}). Only those documents'
        tallies can fall, so the true first `limit` are among the tallies' first `limit` plus
        their number."""
        later = (
            Meeting.resolutions.through.objects.filter(visibility.scheduled("meeting__"))
            .values_list("resolution_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        left_out = Counter(dict(later))
        left_out.update(less or {})
        top = self.filter(meetings__gt=0).order_by("-meetings", "resolution_id")
        counts = {
            pk: n - left_out[pk]
            for pk, n in top.values_list("resolution_id", "meetings")[: limit + len(left_out)]
        }
        ranked = sorted((pk for pk, n in counts.items() if n > 0), key=lambda pk: (-counts[pk], pk))
        return {pk: counts[pk] for pk in ranked[:limit]}


class DocumentTally(models.Model):
    """How many meetings with the status "published" discuss each document, kept by the
    database itself (triggers, migration meetings 0034): the whole archive's "most discussed"
    facet grouped 133,000 meeting–document links, 48 ms at 100,000 meetings. Read through
    `most_discussed()`, which takes away what is published for later."""

    resolution = models.OneToOneField(
        Resolution,
        on_delete=models.CASCADE,
        db_constraint=False,
        primary_key=True,
        related_name="tally",
    )
    meetings = models.IntegerField(default=0)

    objects = DocumentTallyQuerySet.as_manager()

    def __str__(self):
        return f"{self.resolution_id}: {self.meetings}"


# A (year, area) cell's key among a facet row's document ids (`MeetingFacetRow.facet_keys`):
# negative, so that no id is one; year × 2³² + area id (areas number in the thousands), as the
# database's `ma_facet_cell()` writes it (migration meetings 0037).
CELL_SHIFT = 2**32


class MeetingFacetRowQuerySet(ArchiveQuerySet):
    def about(self, resolution):
        """As a meeting's: through the links' index, not by testing every row's ids."""
        links = Meeting.resolutions.through.objects.filter(resolution=resolution)
        return self.filter(pk__in=links.values("meeting_id"))

    def involving(self, organization):
        """As a meeting's: by the ids on the row and their GIN index, not four subqueries
        tested against every row."""
        return self.filter(organization_ids__contains=[organization.pk])

    def lacking(self, terms):
        """These rows whose vector lacks one of `terms` (as `vector_terms()` writes them), read
        from the database's list of the rows lacking each common term (`TermAbsence`); None
        unless every term is common. For a word most meetings hold, the rows without it are
        the fewer to count: none lack "tỉnh" of a million."""
        terms = set(terms)
        if not terms or CommonTerm.objects.filter(term__in=terms).count() < len(terms):
            return None
        return self.filter(pk__in=TermAbsence.objects.filter(term__in=terms).values("meeting"))

    def facet_counts_of_the_rest(self, limit: int):
        """(cells, discussed) as `facet_counts()` gives them, of the public archive less these
        rows (which must be public): the database's tallies less these rows' counts."""
        cells, documents = self.facet_counts(limit=None)
        return (
            ArchiveTally.objects.public_cells(less=cells),
            DocumentTally.objects.most_discussed(limit, less=documents),
        )

    def facet_counts(self, limit: int | None):
        """(cells, discussed) as `MeetingQuerySet.facet_counts()` gives them, in one scan (all
        the documents for no `limit`).

        Each row's keys are its documents' ids and its cell's key, and one hash aggregate
        counts them all: two queries read the rows twice, 440 against 340 ms for a word
        950,000 meetings hold at a million."""
        query = self.order_by().values("facet_keys").query
        try:
            rows, params = query.sql_with_params()
        except EmptyResultSet:  # a condition no row can meet: a text without a word
            return [], {}
        with connections[self.db].cursor() as cursor:
            cursor.execute(
                f"SELECT k, COUNT(*) FROM (SELECT unnest(m.facet_keys) AS k FROM ({rows}) m) u "
                "GROUP BY k",
                params,
            )
            counted = cursor.fetchall()
        cells, documents = [], {}
        for key, n in counted:
            if key > 0:
                documents[key] = n
            else:
                year, area = divmod(-key, CELL_SHIFT)
                cells.append((year or None, area or None, n))
        ranked = sorted(documents, key=lambda pk: (-documents[pk], pk))[:limit]
        return cells, {pk: documents[pk] for pk in ranked}


class MeetingFacetRow(models.Model):
    """A meeting as the archive's facets count it, on PostgreSQL: what the archive filters and
    groups by, and the search columns, in a narrow row the database keeps (triggers,
    migration meetings 0036; the organizations 0037). A common word or a busy organization
    finds hundreds of thousands of meetings at a million; counting them here reads the keys
    each is counted under from the row (about 190 bytes of heap, the meetings' 250) instead
    of joining every document link, and finds an organization's by one index. Filtered as
    meetings are (`ArchiveQuerySet`); public as a meeting is."""

    meeting = models.OneToOneField(
        Meeting,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="+",
    )
    status = models.CharField(max_length=10)
    published_at = models.DateTimeField(null=True)
    date = models.DateField(null=True)
    area = models.ForeignKey(
        Area, on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )
    kind = models.CharField(max_length=20)
    # The ids of the documents the meeting discusses, and its (year, area) cell's key.
    facet_keys = ArrayField(models.BigIntegerField())
    organization_ids = ArrayField(models.BigIntegerField())
    search_text = models.TextField()
    search_vector = SearchVectorField(null=True)

    objects = MeetingFacetRowQuerySet.as_manager()

    class Meta:
        managed = False

    def __str__(self):
        return str(self.meeting_id)


class CommonTermManager(models.Manager):
    def refresh(self, least_share: float = 0.8) -> list[str]:
        """Track the terms at least `least_share` of the facet rows hold, by their statistics
        (the vectors' most common lexemes, each whole and as a prefix), and list the rows
        lacking each new one; forget the others. Writes to the meetings wait meanwhile.
        Returns the terms; none on SQLite, which has no facet rows.

        Facets counted meanwhile may have read the terms before it and their absences after:
        the pages' version is bumped, as by any write, so that none is kept."""
        if connections[self.db].vendor != "postgresql":
            return []
        with transaction.atomic(using=self.db), connections[self.db].cursor() as cursor:
            cursor.execute(f"ANALYZE {MeetingFacetRow._meta.db_table}")
            cursor.execute("SELECT ma_common_terms_refresh(%s)", [least_share])
            pagecache.archive_changed()
            return sorted(cursor.fetchone()[0])


class CommonTerm(models.Model):
    """A term most meetings' vectors hold (`'tinh'`, `'tinh':*`, as `vector_terms()` writes
    it), for which the database keeps the rows lacking it (`TermAbsence`), on PostgreSQL.
    Chosen from the facet rows' statistics by `CommonTerm.objects.refresh()` (migration meetings
    0038); `share` is the part of the rows that held it then."""

    term = models.TextField(primary_key=True)
    share = models.FloatField()

    objects = CommonTermManager()

    class Meta:
        managed = False

    def __str__(self):
        return f"{self.term}: {self.share:.0%}"


class TermAbsence(models.Model):
    """A facet row whose vector lacks a common term, kept by the database's triggers as the
    rows are written (migration meetings 0038)."""

    pk = models.CompositePrimaryKey("term", "meeting")
    term = models.TextField()
    meeting = models.ForeignKey(
        MeetingFacetRow, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )

    class Meta:
        managed = False

    def __str__(self):
        return f"{self.meeting_id} lacks {self.term}"
