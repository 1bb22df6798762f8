import csv

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from .charts import bar_chart
from .models import Indicator, ReportedValue


class IndicatorDetailView(DetailView):
    """Every published figure for an indicator, by area and period, as a table and a chart."""

    context_object_name = "indicator"

    def get_queryset(self):
        return Indicator.objects.public()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        values = list(published_values(self.object))
        context.update(values=values, chart=bar_chart(values))
        return context


def published_values(indicator):
    return (
        ReportedValue.objects.published()
        .filter(indicator=indicator)
        .for_table()
        .by_area_and_period()
    )


def indicator_csv(request, slug):
    """The indicator's published figures as CSV, values with a decimal point for spreadsheets."""
    indicator = get_object_or_404(Indicator.objects.public(), slug=slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{indicator.slug}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
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
    )
    for value in published_values(indicator):
        writer.writerow(
            [
                indicator.name,
                value.area.name if value.area else "",
                value.period_start or "",
                value.period_end or "",
                value.qualifier,
                format(value.value.normalize(), "f"),
                value.unit,
                value.rank,
                value.resolution.code if value.resolution else "",
                request.build_absolute_uri(value.meeting.get_absolute_url()),
                value.source_sentence,
            ]
        )
    return response
