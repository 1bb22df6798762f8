import csv

from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import DetailView

from .charts import bar_chart
from .filters import ReportedValueFilter
from .models import Indicator, ReportedValue

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
    "source_sentence",
]
CSV_ROWS_PER_CHUNK = 1000


def indicator_filter(request, indicator):
    """The filters of `request` over the indicator's published figures (one query for the
    choices). Always bound: no filter at all is valid and shows everything."""
    return ReportedValueFilter(
        request.GET, queryset=ReportedValue.objects.published().filter(indicator=indicator)
    )


class IndicatorDetailView(DetailView):
    """Every published figure for an indicator, by area and period, as a table and a chart."""

    context_object_name = "indicator"

    def get_queryset(self):
        return Indicator.objects.public()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        values = list(
            ReportedValue.objects.published()
            .filter(indicator=self.object)
            .for_table()
            .by_area_and_period()
        )
        context.update(values=values, chart=bar_chart(values))
        return context


class Echo:
    """A file-like object that hands back what is written: csv.writer's output as strings."""

    def write(self, value):
        return value


def indicator_csv(request, slug):
    """The indicator's published figures as CSV, with the page's filters, streamed row by row:
    values with a decimal point for spreadsheets."""
    indicator = get_object_or_404(Indicator.objects.public(), slug=slug)
    filterset = indicator_filter(request, indicator)
    if not filterset.is_valid():
        return HttpResponseBadRequest(
            filterset.errors.as_text(), content_type="text/plain; charset=utf-8"
        )
    rows = filterset.qs.by_area_and_period().for_csv().iterator(chunk_size=2000)
    # reverse() once, not per row: it costs more than writing the row.
    marker = "meeting-slug"
    before, after = reverse("meetings:detail", kwargs={"slug": marker}).split(marker)
    meeting_url = (request.build_absolute_uri(before), after)
    response = StreamingHttpResponse(
        csv_lines(indicator, rows, meeting_url=meeting_url),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{indicator.slug}.csv"'
    return response


def csv_lines(indicator, rows, *, meeting_url):
    """The CSV text in chunks of CSV_ROWS_PER_CHUNK rows, read from `rows` as they come;
    `meeting_url` is what comes before and after a slug in a meeting's absolute URL."""
    writer = csv.writer(Echo())
    url_before, url_after = meeting_url
    chunk = [writer.writerow(CSV_COLUMNS)]
    for area, start, end, qualifier, value, unit, rank, resolution, meeting, sentence in rows:
        chunk.append(
            writer.writerow(
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
                    url_before + meeting + url_after,
                    sentence,
                ]
            )
        )
        if len(chunk) >= CSV_ROWS_PER_CHUNK:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk)
