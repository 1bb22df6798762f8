"""The public archive's filters and the documents index's: FilterSets written like ModelForms."""

from collections import Counter
from functools import cached_property
from operator import attrgetter

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from people import pagecache
from people.codes import DOCUMENT_KINDS
from people.filters import IntegerFilter
from people.models import Area, Organization, Person
from people.search.expressions import is_postgres, one_of
from people.search.query import analyse

from .models import ArchiveTally, DocumentTally, Meeting, MeetingFacetRow, Resolution

# The resolution facet lists the most discussed in the results, not all five thousand.
FACET_RESOLUTIONS = 15


class RecordField(forms.CharField):
    """One official, organization or document, typed as readers know it (a name, a code in
    any written form) or given by its slug, as the archive's own links give it.

    A choice list would hold every record: twenty thousand officials at 100,000 meetings.
    Typed text is resolved by the records' own `search()`: the one best match is taken; when
    several match equally, the form says so and `candidates` holds the best few.
    """

    default_error_messages = {
        "unknown": _("Nothing in the archive matches “%(value)s”."),
        "ambiguous": _("Several records match “%(value)s”: choose one below."),
    }
    candidate_count = 6

    def __init__(self, *, records, label_of=str, **kwargs):
        kwargs.setdefault("max_length", 300)
        super().__init__(**kwargs)
        self.records, self.label_of = records, label_of
        self.record, self.candidates = None, []

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        records = self.records()
        self.record = records.filter(slug=text).first()
        if self.record is None:
            found = list(records.search(analyse(text))[: self.candidate_count])
            best = [record for record in found if record.search_rank == found[0].search_rank]
            if len(best) != 1:
                self.candidates = found
                code = "ambiguous" if found else "unknown"
                raise forms.ValidationError(
                    self.error_messages[code], code=code, params={"value": text}
                )
            self.record = best[0]
        return self.record

    def bound_data(self, data, initial):
        """The record's name in the box, though the link gave its slug."""
        return self.label_of(self.record) if self.record is not None else data


class RecordFilter(django_filters.Filter):
    field_class = RecordField


class MeetingFilter(django_filters.FilterSet):
    """Free text, dates, year, place, organization, official, document and kind.

    Choice lists are callables: `published()` reads the clock, so it must run per request,
    not once when this module is imported.
    """

    q = django_filters.CharFilter(label=_("Text"), method="filter_text")
    date_from = django_filters.DateFilter(
        label=_("From"),
        field_name="date",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=_("Until"),
        field_name="date",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    year = IntegerFilter(label=_("Year"), method="filter_year", min_value=1945, max_value=2100)
    area = django_filters.ModelChoiceFilter(
        label=_("Province or area"),
        queryset=lambda request: Area.objects.public(),
        to_field_name="slug",
        empty_label=_("All"),
        method="filter_area",
    )
    organization = RecordFilter(
        label=_("Organization"),
        records=Organization.objects.public,
        label_of=attrgetter("name"),
        method="filter_organization",
        widget=forms.TextInput(attrs={"placeholder": _("e.g. Ban Kinh tế Trung ương")}),
    )
    person = RecordFilter(
        label=_("Official"),
        records=Person.objects.public,
        label_of=attrgetter("full_name"),
        method="filter_person",
        widget=forms.TextInput(attrs={"placeholder": _("e.g. Phạm Hoàng Sơn")}),
    )
    resolution = RecordFilter(
        label=_("Resolution"),
        records=Resolution.objects.public,
        label_of=attrgetter("code"),
        method="filter_resolution",
        widget=forms.TextInput(attrs={"placeholder": _("e.g. 52-NQ/TW")}),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Meeting.Kind.choices, empty_label=_("All")
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=[("newest", _("Newest first")), ("oldest", _("Oldest first"))],
        empty_label=None,
        method="filter_sort",
    )

    class Meta:
        model = Meeting
        fields = ["q", "date_from", "date_to", "year", "area", "organization", "person"]

    @cached_property
    def text_condition(self):
        """What the text asks of a meeting, analysed once for the list and its facets (naming
        officials costs queries)."""
        return Meeting.objects.search_condition(analyse(self.form.cleaned_data["q"]))

    def filter_text(self, queryset, name, value):
        return queryset.matching(self.text_condition)

    def filter_year(self, queryset, name, value):
        return queryset.in_year(value)

    def filter_area(self, queryset, name, value):
        return queryset.in_area(value)

    def filter_organization(self, queryset, name, value):
        return queryset.involving(value)

    def filter_person(self, queryset, name, value):
        return queryset.attended_by(value)

    def filter_resolution(self, queryset, name, value):
        return queryset.about(value)

    def filter_sort(self, queryset, name, value):
        return queryset.oldest_first() if value == "oldest" else queryset.newest_first()

    def searches_text(self) -> bool:
        """Whether valid filters include a text search."""
        return self.is_bound and self.is_valid() and bool(self.form.cleaned_data.get("q"))

    def active_filters(self):
        """The filters in force, each with the query string that removes it alone."""
        if not self.is_bound or not self.is_valid():
            return []
        active = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, "") or name == "sort":
                continue
            field = self.form.fields[name]
            if name == "kind":
                shown = Meeting.Kind(value).label
            elif hasattr(value, "strftime"):
                shown = value.strftime("%d/%m/%Y")
            else:
                shown = str(value)
            remaining = self.data.copy()
            remaining.pop(name, None)
            remaining.pop("page", None)
            active.append(
                {"name": name, "label": field.label, "value": shown, "query": remaining.urlencode()}
            )
        return active

    def suggestions(self):
        """For each record filter that matched several records, those records, each with the
        query string that chooses it."""
        found = {}
        for name, field in self.form.fields.items():
            for record in getattr(field, "candidates", []):
                chosen = self.data.copy()
                chosen[name] = record.slug
                chosen.pop("page", None)
                found.setdefault(name, []).append(
                    {"label": str(record), "query": chosen.urlencode()}
                )
        return found

    def facets(self):
        """Meeting counts by year, area and resolution (the most discussed) within the current
        results, and their `total`: kept until the archive changes, for every page of the same
        results (counting them took most of a deep page's time: 140 of 230 ms)."""
        given = self.data.lists() if self.is_bound else []
        filters = sorted((name, tuple(values)) for name, values in given if name != "page")
        return pagecache.fragment("archive-facets", filters, self._count_facets)

    def counted_results(self):
        """(facets, results): the results in order, read by id when the facets count few of
        them (`pinned_if_few`), which is cheaper than asking their filters again."""
        facets = self.facets()
        return facets, self.qs.pinned_if_few(facets["total"])

    def _count_facets(self):
        """The facets, in three queries on PostgreSQL and four on SQLite whatever the archive
        holds (six for the whole archive, read from the database's tallies instead of counting
        every meeting; on PostgreSQL a text alone asks one more, whether its terms are common,
        and eight when they are). The counts group by ids; names are read for the few groups
        shown."""
        if not self.active_filters():
            cells = ArchiveTally.objects.public_cells()
            discussed = DocumentTally.objects.most_discussed(FACET_RESOLUTIONS)
        elif (not_found := self._not_found()) is not None:
            cells, discussed = not_found.facet_counts_of_the_rest(FACET_RESOLUTIONS)
        else:
            cells, discussed = self._results_to_count().facet_counts(FACET_RESOLUTIONS)
        total, years, by_area = 0, Counter(), Counter()
        for year, area, count in cells:
            total += count
            if year is not None:
                years[year] += count
            if area is not None:
                by_area[area] += count
        areas = Area.objects.filter(pk__in=by_area).values_list("pk", "slug", "name")
        resolutions = Resolution.objects.filter(pk__in=discussed).values_list("pk", "slug", "code")
        return {
            "total": total,
            "years": [
                {"year": year, "count": n} for year, n in sorted(years.items(), reverse=True)
            ],
            "areas": sorted(
                (
                    {"area__slug": slug, "area__name": name, "count": by_area[pk]}
                    for pk, slug, name in areas
                ),
                key=lambda facet: (-facet["count"], facet["area__name"]),
            ),
            "resolutions": sorted(
                (
                    {"resolution__slug": slug, "resolution__code": code, "count": discussed[pk]}
                    for pk, slug, code in resolutions
                ),
                key=lambda facet: (-facet["count"], facet["resolution__code"]),
            ),
        }

    def _not_found(self):
        """On PostgreSQL, when the text is the only filter and each of its terms is common
        (`CommonTerm`), the public meetings it does not find, which are fewer to count than
        those it does: the facets are then the whole archive's less theirs. None otherwise."""
        if not is_postgres(self.queryset) or [f["name"] for f in self.active_filters()] != ["q"]:
            return None
        condition = self.text_condition
        lacking = MeetingFacetRow.objects.published().lacking(condition.terms)
        if lacking is None or not condition.ids:
            return lacking
        return lacking.exclude(one_of("pk", sorted(condition.ids), postgres=True))

    def _results_to_count(self):
        """The current results, unordered, to count: on PostgreSQL the same filters asked of
        `MeetingFacetRow`, whose rows carry the keys the facets group by and the organizations
        each meeting involves. A common word or a busy organization finds hundreds of thousands
        of meetings at a million; counting them there reads their keys from the rows (185 MB of
        heap against the meetings' 252) instead of joining every meeting–document link."""
        if is_postgres(self.queryset):
            return self.filter_queryset(MeetingFacetRow.objects.published()).order_by()
        return self.qs.order_by()


# The type filter's values: the type letters folded, "none" for codes printed without them
# (a law), which the database stores as an empty type.
TYPE_VALUES = {kind.letters.lower() or "none": kind for kind in DOCUMENT_KINDS}


def public_issuers(request=None):
    """Organizations that issued a public document: the issuer filter's choices."""
    issued = Resolution.objects.public().filter(issuer=OuterRef("pk"))
    return Organization.objects.public().filter(Exists(issued)).order_by("name", "pk")


class ResolutionIndexFilter(django_filters.FilterSet):
    """The documents index: by type, issuer and year."""

    type = django_filters.ChoiceFilter(
        label=_("Document type"),
        choices=[(value, _(kind.label)) for value, kind in TYPE_VALUES.items()],
        empty_label=_("All"),
        method="filter_type",
    )
    issuer = django_filters.ModelChoiceFilter(
        label=_("Issuing organ"),
        queryset=public_issuers,
        to_field_name="slug",
        empty_label=_("All"),
    )
    year = IntegerFilter(label=_("Year"), method="filter_year", min_value=1945, max_value=2100)

    class Meta:
        model = Resolution
        fields = ["type", "issuer", "year"]

    def filter_type(self, queryset, name, value):
        return queryset.filter(doc_type=TYPE_VALUES[value].printed)

    def filter_year(self, queryset, name, value):
        return queryset.of_year(value)
