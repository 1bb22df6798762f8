import csv
import io

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories import AreaFactory, IndicatorFactory, ReportedValueFactory, draft_meeting

pytestmark = pytest.mark.django_db


def test_indicator_page_has_table_and_svg_chart_of_published_values(client):
    indicator = IndicatorFactory(name="Tỷ trọng công nghiệp trong GRDP")
    ReportedValueFactory(indicator=indicator, value="58.4", area=AreaFactory(name="Thái Nguyên"))
    ReportedValueFactory(indicator=indicator, value="77.7", meeting=draft_meeting())

    response = client.get(indicator.get_absolute_url())

    html = response.content.decode()
    assert "58,4 %" in html
    assert "77,7" not in html
    assert "<svg" in html and 'class="chart__bar"' in html
    assert reverse("indicators:csv", args=[indicator.slug]) in html
    assert len(response.context["chart"]["bars"]) == 1


def test_chart_bars_are_scaled_to_the_largest_value(client):
    indicator = IndicatorFactory()
    ReportedValueFactory(indicator=indicator, value="50")
    ReportedValueFactory(indicator=indicator, value="100")
    bars = client.get(indicator.get_absolute_url()).context["chart"]["bars"]
    assert sorted(bar.width for bar in bars) == [120.0, 240.0]


def test_csv_download(client):
    indicator = IndicatorFactory()
    ReportedValueFactory(indicator=indicator, value="954964", unit="tỷ đồng")
    ReportedValueFactory(indicator=indicator, value="1", meeting=draft_meeting())

    response = client.get(reverse("indicators:csv", args=[indicator.slug]))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) == 2
    assert rows[1][5] == "954964" and rows[1][6] == "tỷ đồng"


def test_indicator_reported_only_in_drafts_is_404(client):
    value = ReportedValueFactory(meeting=draft_meeting())
    assert client.get(value.indicator.get_absolute_url()).status_code == 404
    assert client.get(reverse("indicators:csv", args=[value.indicator.slug])).status_code == 404


def test_hostile_names_are_escaped_in_the_table_and_the_svg(client):
    hostile = '<script>alert("x")</script>'
    value = ReportedValueFactory(
        indicator=IndicatorFactory(name=hostile), area=AreaFactory(name=hostile)
    )
    # Saving strips the markup; write it raw as well, to prove the page escapes what slips past.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE people_area SET name = %s WHERE id = %s", [hostile, value.area_id])
    html = client.get(value.indicator.get_absolute_url()).content.decode()
    assert hostile not in html
    assert "&lt;script&gt;" in html
