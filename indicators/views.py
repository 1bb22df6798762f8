from django.db.models import F
from django.http import (
    HttpResponseBadRequest,
    HttpResponseNotFound,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from people.exports import csv_chunks
from people.periods import iso_partial_date
from people.views import FilteredListView, known_params, safe_methods

from .charts import MAX_BARS, bar_chart
from .filters import ReportedValueFilter
from .models import Indicator, ReportedValue
from .paging import AreaPaginator

CSV_COLUMNS = [
    "indicator",
    "area",
    "period_start",
    "period_end",
    "qualifier",
    "value",
    "unit",
    "rank",
    "resolution",
    "meeting_url",
    "meeting_date",
    "source_sentence",
    "value_as_printed",
    "illustrative",
]
CSV_ROWS_PER_CHUNK = 1000


def indicator_filter(request, indicator):
    """The filters of `request` over the indicator's published figures (one query for the
    choices). Always bound: no filter at all is valid and shows everything."""
    return ReportedValueFilter(
        known_params(request.GET, ReportedValueFilter.base_filters),
        queryset=ReportedValue.objects.public().filter(indicator=indicator),
    )


class IndicatorDetailView(FilteredListView):
    """An indicator's published figures, filtered by area and years: a page of the table,
    a chart of one bar per area (or per period for one area), and the CSV link."""

    paginate_by = 50
    template_name = "indicators/indicator_detail.html"
    filterset_class = ReportedValueFilter

    def get(self, request, *args, **kwargs):
        self.indicator = get_object_or_404(Indicator.objects.public(), slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_filterset(self):
        return indicator_filter(self.request, self.indicator)

    def filtered_queryset(self):
        return self.filterset.qs.for_table().by_area_and_period()

    def get_paginator(self, queryset, per_page, **kwargs):
        """Paged through the tallies where they can tell (`AreaPaginator`)."""
        areas = None if self.refused else self.filterset.tallied_areas(self.indicator)
        if areas is None:
            return super().get_paginator(queryset, per_page, **kwargs)
        return AreaPaginator(queryset, per_page, areas=[(pk, n) for pk, _name, n in areas])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            indicator=self.indicator,
            values=context["page_obj"].object_list,
            chart=None if self.refused else chart_of(self.filterset),
            csv_parts=None if self.refused else self.filterset.csv_parts(self.indicator),
        )
        return context


def chart_of(filterset):
    """What the chart can say at any size, in one query: for one area (chosen, or the only
    one), its figures over time; otherwise the latest figure of each area."""
    values = filterset.qs.select_related("area").annotate(
        meeting_date=F("meeting__date"),
        meeting_date_precision=F("meeting__date_precision"),
        meeting_slug=F("meeting__slug"),
        meeting_illustrative=F("meeting__illustrative"),
    )
    area = filterset.chart_area()
    if area is not None:
        values = (
            values.filter(area_id=area[0])
            .latest_per_period()
            .order_by(
                F("period_end").desc(nulls_last=True),
                F("period_start").desc(nulls_last=True),
                "-pk",
            )
        )
    else:
        values = values.latest_per_area().order_by(F("area__name_folded").asc(nulls_last=True))
    values = list(values[: MAX_BARS + 1])
    shown = values[:MAX_BARS]
    if area is not None:
        shown.reverse()  # the latest periods were taken; draw them oldest first
    chart = bar_chart(shown, show_area=area is None)
    chart.update(
        over_time=area is not None,
        area=area[1] if area else None,
        truncated=len(values) > MAX_BARS,
        max_bars=MAX_BARS,
        illustrative=any(bar.illustrative for bar in chart["bars"]),
    )
    return chart


@safe_methods
def indicator_json(request, slug):
    """The chart's figures as JSON, with the page's filters: each figure as printed and its
    value (a decimal string, exact), its bound, period, area and the meeting that reported it."""
    indicator = get_object_or_404(Indicator.objects.public(), slug=slug)
    filterset = indicator_filter(request, indicator)
    if not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)
    chart = chart_of(filterset)
    meeting_url = request.build_absolute_uri(reverse("meetings:detail", kwargs={"slug": "-"}))
    return JsonResponse(
        {
            "indicator": indicator.name,
            "url": request.build_absolute_uri(indicator.get_absolute_url()),
            "over_time": chart["over_time"],
            "area": chart["area"],
            "truncated": chart["truncated"],
            "figures": [
                {
                    "area": bar.area,
                    "period": bar.period,
                    "as_printed": bar.figure,
                    "value": format(bar.value.normalize(), "f"),
                    "unit": bar.unit,
                    "bound": bar.bound,
                    "reported": bar.reported,
                    "meeting_url": meeting_url.replace("/-/", f"/{bar.meeting_slug}/"),
                    "illustrative": bar.illustrative,
                }
                for bar in chart["bars"]
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@safe_methods
def indicator_csv(request, slug):
    """The indicator's published figures as CSV, with the page's filters, streamed row by row:
    values with a decimal point for spreadsheets."""
    indicator = get_object_or_404(Indicator.objects.public(), slug=slug)
    filterset = indicator_filter(request, indicator)
    if not filterset.is_valid():
        return HttpResponseBadRequest(
            filterset.errors.as_text(), content_type="text/plain; charset=utf-8"
        )
    parts = filterset.csv_parts(indicator)
    number = request.GET.get("part", "1")
    if not (number.isascii() and number.isdecimal() and 1 <= int(number) <= len(parts)):
        return HttpResponseNotFound(
            _("There is no part %(part)s: this download has parts 1 to %(count)s.")
            % {"part": number[:20], "count": len(parts)},
            content_type="text/plain; charset=utf-8",
        )
    part = parts[int(number) - 1]
    rows = filterset.qs.in_areas(part.area_ids).by_area_and_period().for_csv()
    # reverse() once, not per row: it costs more than writing the row.
    marker = "meeting-slug"
    before, after = reverse("meetings:detail", kwargs={"slug": marker}).split(marker)
    meeting_url = (request.build_absolute_uri(before), after)
    response = StreamingHttpResponse(
        csv_lines(indicator, rows.iterator(chunk_size=2000), meeting_url=meeting_url),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{part.file_name(indicator.slug)}"'
    neighbours = [(rel, part.number + step) for rel, step in [("prev", -1), ("next", 1)]]
    if links := [(rel, n) for rel, n in neighbours if 1 <= n <= part.count]:
        query = request.GET.copy()
        response["Link"] = ", ".join(
            f'<{request.path}?{part_query(query, n)}>; rel="{rel}"' for rel, n in links
        )
    return response


def part_query(query, number: int) -> str:
    """`query` (a mutable QueryDict) with the part `number`, as a query string."""
    query["part"] = str(number)
    return query.urlencode()


# The columns that hold the archive's own text, checked against spreadsheet formulas.
CSV_TEXT_COLUMNS = [
    "indicator",
    "area",
    "qualifier",
    "unit",
    "rank",
    "resolution",
    "source_sentence",
    "value_as_printed",
]


def csv_lines(indicator, rows, *, meeting_url):
    """The CSV text in chunks of CSV_ROWS_PER_CHUNK rows, read from `rows` as they come;
    `meeting_url` is what comes before and after a slug in a meeting's absolute URL."""
    url_before, url_after = meeting_url
    lines = (
        [
            indicator.name,
            area or "",
            start or "",
            end or "",
            qualifier,
            format(value.normalize(), "f"),
            unit,
            rank,
            resolution or "",
            url_before + slug + url_after,
            iso_partial_date(date, precision),
            text,
            printed,
            "1" if illustrative else "",
        ]
        for (
            area,
            start,
            end,
            qualifier,
            value,
            unit,
            rank,
            resolution,
            slug,
            date,
            precision,
            text,
            printed,
            illustrative,
        ) in rows
    )
    return csv_chunks(CSV_COLUMNS, lines, rows_per_chunk=CSV_ROWS_PER_CHUNK, texts=CSV_TEXT_COLUMNS)
