"""Places, organizations and the officials who hold titles in them."""

import datetime
from collections import Counter

from django.db import models
from django.db.models import Count, F, Q
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import periods, visibility
from .derived import DerivedColumns
from .history import RecordedQuerySet
from .images import RandomName, image_is_new, store_clean_image
from .search.named import search_named
from .search.people import search_people
from .search.query import Query
from .text import (
    INDEX_LETTERS,
    clean_text_fields,
    fold,
    letter_of_key,
    name_sort_key,
    search_document,
    unique_slug,
    unique_slugs,
)
from .versions import VersionedModel


class DatePrecision(models.TextChoices):
    """How much of a stored date the source actually gave."""

    DAY = periods.DAY, _("day")
    MONTH = periods.MONTH, _("month")
    YEAR = periods.YEAR, _("year")
    UNKNOWN = periods.UNKNOWN, _("unknown")


def ordered_period(start: str, end: str, *, name: str) -> models.CheckConstraint:
    """A period whose start, when both ends are known, does not follow its end."""
    return models.CheckConstraint(
        condition=Q(**{f"{start}__isnull": True})
        | Q(**{f"{end}__isnull": True})
        | Q(**{f"{start}__lte": F(end)}),
        name=name,
    )


def precision_matches(date: str, precision: str, *, name: str) -> models.CheckConstraint:
    """A partial date: stored with the precision the source gave, "unknown" only when absent."""
    return models.CheckConstraint(
        condition=(Q(**{f"{date}__isnull": True}) & Q(**{precision: "unknown"}))
        | (Q(**{f"{date}__isnull": False}) & ~Q(**{precision: "unknown"})),
        name=name,
    )


def format_partial_date(value: datetime.date | None, precision: str) -> str:
    """A date as Vietnamese reports print it, at the precision the source gave."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return ""
    if precision == DatePrecision.YEAR:
        return _("year %(year)s") % {"year": value.year}
    if precision == DatePrecision.MONTH:
        return _("month %(month)s/%(year)s") % {"month": value.month, "year": value.year}
    return f"{value.day}/{value.month}/{value.year}"


class Illustrative(models.Model):
    """Rows the demo archive generated (`manage.py demo_archive`): every page shows them
    marked "Dữ liệu minh họa", they count like any other row, and one command removes them."""

    illustrative = models.BooleanField(
        _("illustrative data"),
        default=False,
        db_default=False,  # rows written by SQL of their own (triggers, tests) are real
        editable=False,
        help_text=_("Generated for the demo archive; removed by `demo_archive --remove`."),
    )

    class Meta:
        abstract = True


class SluggedNameModel(DerivedColumns, Illustrative, VersionedModel):
    """Rows named in Vietnamese: a slug and a folded copy of the name derive from it on save."""

    name_folded = models.CharField(_("folded name"), max_length=300, editable=False, db_index=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)

    rich_text_fields = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        clean_text_fields(self)
        self.derive_fields()
        if not self.slug:
            self.slug = unique_slug(type(self), self.name_for_slug(), instance_pk=self.pk)
        super().save(*args, **kwargs)

    def derived_values(self) -> dict[str, str]:
        """The folded name and search text this row should store: what `save()` writes and
        `refresh_search` checks (PostgreSQL's triggers rewrite the search text too)."""
        values = {"name_folded": self.fitting("name_folded", fold(self.name_for_slug()))}
        if hasattr(self, "search_text"):
            values["search_text"] = search_document(*self.search_parts())
        return values

    def fitting(self, field_name: str, derived: str) -> str:
        """A derived column's value cut to the column: folding may lengthen a name
        ("ß" → "ss")."""
        return derived[: self._meta.get_field(field_name).max_length]

    def name_for_slug(self) -> str:
        return self.name

    def search_parts(self) -> tuple[str, ...]:
        """The texts the search column folds, for models that have one."""
        return (self.name_for_slug(),)


class AreaKind(models.TextChoices):
    COUNTRY = "country", _("country")
    REGION = "region", _("region")
    PROVINCE = "province", _("province")
    CITY = "city", _("city")
    DISTRICT = "district", _("district")
    COMMUNE = "commune", _("commune")


class NamedQuerySet(RecordedQuerySet):
    """Rows of a `SluggedNameModel`: `bulk_create()` also gives each new row a unique slug."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        new = [obj for obj in objs if not obj.slug]
        slugs = unique_slugs(self.model, [obj.name_for_slug() for obj in new])
        for obj, slug in zip(new, slugs, strict=True):
            obj.slug = slug
        return super().bulk_create(objs, *args, **kwargs)

    bulk_create.alters_data = True


class AreaQuerySet(NamedQuerySet):
    def public(self):
        """Areas the public may see (`people.visibility`)."""
        return visibility.public(self)


class Area(SluggedNameModel):
    """An administrative unit (country, province, city, district) as it was named at the time."""

    Kind = AreaKind

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        help_text=_("The unit that replaced this one, e.g. after the 2025 merger of provinces."),
    )

    objects = AreaQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=AreaKind.values), name="area_kind_valid"),
            ordered_period("valid_from", "valid_until", name="area_validity_ordered"),
        ]
        indexes = [models.Index(fields=["kind", "name"], name="area_kind_name_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:area", kwargs={"slug": self.slug})


class OrganizationKind(models.TextChoices):
    POLITBURO = "politburo", _("Politburo / Secretariat")
    PARTY_CENTRAL_COMMISSION = "party_central_commission", _("party central commission")
    PARTY_COMMITTEE = "party_committee", _("party committee")
    GOVERNMENT = "government", _("government")
    MINISTRY = "ministry", _("ministry")
    MINISTRY_DEPARTMENT = "ministry_department", _("department inside a ministry or commission")
    PEOPLE_COUNCIL = "people_council", _("people's council")
    PEOPLE_COMMITTEE = "people_committee", _("people's committee")
    PROVINCIAL_DEPARTMENT = "provincial_department", _("provincial department")
    ENTERPRISE = "enterprise", _("enterprise")
    RESEARCH_CENTRE = "research_centre", _("research or information centre")
    OTHER = "other", _("other")


class OrganizationQuerySet(NamedQuerySet):
    def search(self, query: Query):
        """Organizations whose name or abbreviation holds every word of `query`."""
        return search_named(self, query)

    def public(self):
        """Organizations the public may see (`people.visibility`)."""
        return visibility.public(self)


class Organization(SluggedNameModel):
    """A party body, state agency, department inside one, enterprise or centre."""

    Kind = OrganizationKind

    name = models.CharField(_("name"), max_length=300)
    abbreviation = models.CharField(_("abbreviation"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
    )
    search_text = models.TextField(_("search text"), editable=False, blank=True)

    objects = OrganizationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OrganizationKind.values), name="organization_kind_valid"
            ),
        ]
        indexes = [models.Index(fields=["kind", "name"], name="organization_kind_name_idx")]

    def __str__(self):
        if self.abbreviation:
            return f"{self.name} ({self.abbreviation})"
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:organization", kwargs={"slug": self.slug})

    def search_parts(self) -> tuple[str, ...]:
        return (self.name, self.abbreviation)


class PersonQuerySet(NamedQuerySet):
    def search(self, query: Query):
        """People named by `query`, however typed, best first (see people.search.names).

        Annotates `search_rank`: exact name, then without tones, partial, and one-letter typos last.
        """
        return search_people(self, query)

    def public(self):
        """People the public may see (`people.visibility`)."""
        return visibility.public(self)

    def filed_under(self, letter: str):
        """People the officials index files under `letter` (their given name's first)."""
        return self.filter(sort_key__startswith=INDEX_LETTERS[letter])

    def index_letters(self) -> dict[str, int]:
        """Each index letter these people are filed under, with how many, in alphabetical
        order: one query that also counts them all (under "" those whose name has neither
        letter nor digit)."""
        keys = (
            self.annotate(key=Substr("sort_key", 1, 2))
            .order_by("key")
            .values("key")
            .annotate(count=Count("pk"))
            .values_list("key", "count")
        )
        letters = Counter()
        for key, count in keys:
            letters[letter_of_key(key)] += count
        return dict(letters)


class Person(SluggedNameModel):
    """An official, named exactly as reports print the name."""

    full_name = models.CharField(
        _("full name"), max_length=200, help_text=_("With diacritics, exactly as written.")
    )
    sort_key = models.CharField(
        _("sort key"),
        max_length=300,
        editable=False,
        db_index=True,
        help_text=_("Given name first, in Vietnamese alphabetical order (Đ after D)."),
    )
    portrait = models.ImageField(_("portrait"), upload_to=RandomName("portraits"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    rich_text_fields = ("notes",)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["sort_key"]
        # The media view finds a portrait's person by it.
        indexes = [models.Index(fields=["portrait"], name="person_portrait_idx")]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        clean_text_fields(self)
        if image_is_new(self, "portrait"):
            store_clean_image(self.portrait)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("meetings:official", kwargs={"slug": self.slug})

    def derived_values(self) -> dict[str, str]:
        return {
            **super().derived_values(),
            "sort_key": self.fitting("sort_key", name_sort_key(self.full_name)),
        }

    @property
    def name(self):
        return self.full_name

    @property
    def index_letter(self) -> str:
        """The letter the officials index files this person under: the given name's first,
        with its own mark (Đ, Â) and without its tone; read from the sort key, as
        `filed_under` reads it."""
        return letter_of_key(self.sort_key)


class Position(VersionedModel):
    """A title a person holds at an organization over a period; several may run at once."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="positions"
    )
    title = models.CharField(_("title"), max_length=300)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    start_precision = models.CharField(
        _("precision of 'from'"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    end_date = models.DateField(_("until"), null=True, blank=True)
    end_precision = models.CharField(
        _("precision of 'until'"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )

    objects = RecordedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["person", "-start_date"]
        constraints = [
            ordered_period("start_date", "end_date", name="position_period_ordered"),
            models.CheckConstraint(
                condition=Q(start_precision__in=[p.value for p in DatePrecision])
                & Q(end_precision__in=[p.value for p in DatePrecision]),
                name="position_precision_valid",
            ),
            precision_matches(
                "start_date", "start_precision", name="position_start_precision_matches"
            ),
            precision_matches("end_date", "end_precision", name="position_end_precision_matches"),
        ]
        indexes = [
            models.Index(fields=["person", "start_date"], name="position_person_start_idx"),
            models.Index(fields=["organization", "start_date"], name="position_org_start_idx"),
        ]

    def __str__(self):
        if self.organization_id and self.organization.name not in self.title:
            return f"{self.person} — {self.title}, {self.organization.name}"
        return f"{self.person} — {self.title}"

    def save(self, *args, **kwargs):
        clean_text_fields(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.person.get_absolute_url()

    @property
    def start_display(self) -> str:
        return format_partial_date(self.start_date, self.start_precision)

    @property
    def end_display(self) -> str:
        return format_partial_date(self.end_date, self.end_precision)
