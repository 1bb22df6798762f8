import csv
import io

import pytest
from django.db import connection
from django.urls import reverse

from indicators.models import ReportedValue
from tests.factories import (
    AreaFactory,
    IndicatorFactory,
    MeetingFactory,
    ReportedValueFactory,
    draft_meeting,
)

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
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
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


# The page at scale: filters, pagination, a bounded chart, a filtered CSV.


def figure(indicator, area, year, value="10", **kwargs):
    start, end = ReportedValue.period_from_years(year)
    kwargs.setdefault("meeting", MeetingFactory(area=area))
    return ReportedValueFactory(
        indicator=indicator, area=area, period_start=start, period_end=end, value=value, **kwargs
    )


def csv_rows(response):
    assert response.streaming
    return list(csv.reader(io.StringIO(response.getvalue().decode())))


@pytest.fixture
def provinces():
    """One indicator reported for two provinces over three years."""
    indicator = IndicatorFactory(name="Tốc độ tăng trưởng GRDP")
    bac_ninh, thai_nguyen = AreaFactory(name="Bắc Ninh"), AreaFactory(name="Thái Nguyên")
    for year, value in [(2021, "6.1"), (2022, "6.5"), (2023, "7.2")]:
        figure(indicator, thai_nguyen, year, value)
    for year, value in [(2021, "5.1"), (2022, "5.4")]:
        figure(indicator, bac_ninh, year, value)
    return indicator, bac_ninh, thai_nguyen


BAD_FILTERS = [
    ({"year_from": "hai nghìn"}, "year_from", "Nhập một số tổng thể."),
    ({"year_from": "2020.5"}, "year_from", "Nhập một số tổng thể."),
    ({"year_to": "1e3"}, "year_to", "Nhập một số tổng thể."),
    ({"year_from": str(10**20)}, "year_from", "2100"),
    ({"year_to": "9" * 5000}, "year_to", "Nhập một số tổng thể."),
    ({"year_from": "1800"}, "year_from", "1900"),
    ({"year_from": "2023", "year_to": "2020"}, "__all__", "Năm đầu (2023) sau năm cuối (2020)."),
    ({"area": "khong-co-tinh-nay"}, "area", "khong-co-tinh-nay"),
    ({"area": '<script>alert("x")</script>'}, "area", "&lt;script&gt;"),
    ({"area": "' OR 1=1 --"}, "area", "&#x27; OR 1=1 --"),
    ({"year_to": "2020; DROP TABLE indicators_reportedvalue"}, "year_to", "Nhập"),
    ({"area": "thai-nguyen\x00"}, "area", "không phải là một trong các lựa chọn"),
]


@pytest.mark.parametrize(("params", "field", "message"), BAD_FILTERS)
def test_bad_filters_refuse_the_csv(client, provinces, params, field, message):
    indicator, *_ = provinces

    response = client.get(reverse("indicators:csv", args=[indicator.slug]), params)

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert field in response.content.decode()


def test_the_csv_honours_the_filters_with_the_same_columns(client, provinces):
    indicator, _bac_ninh, thai_nguyen = provinces
    url = reverse("indicators:csv", args=[indicator.slug])

    everything = csv_rows(client.get(url))
    filtered = csv_rows(client.get(url, {"area": thai_nguyen.slug, "year_from": 2022}))

    header = [
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
    assert everything[0] == filtered[0] == header
    assert len(everything) == 6
    assert [(row[1], row[2], row[3], row[5]) for row in filtered[1:]] == [
        ("Thái Nguyên", "2022-01-01", "2022-12-31", "6.5"),
        ("Thái Nguyên", "2023-01-01", "2023-12-31", "7.2"),
    ]
    assert filtered[1][0] == "Tốc độ tăng trưởng GRDP"
    assert filtered[1][9].startswith("http://testserver/meetings/")


def test_the_csv_streams_every_matching_row(client, monkeypatch):
    monkeypatch.setattr("indicators.views.CSV_ROWS_PER_CHUNK", 7)
    indicator, area = IndicatorFactory(), AreaFactory()
    values = [figure(indicator, area, year) for year in range(1990, 2020)]

    response = client.get(reverse("indicators:csv", args=[indicator.slug]))

    chunks = list(response.streaming_content)
    assert len(chunks) == 5  # 31 lines in chunks of 7
    rows = list(csv.reader(io.StringIO(b"".join(chunks).decode())))
    assert [row[9] for row in rows[1:]] == [
        f"http://testserver{value.meeting.get_absolute_url()}" for value in values
    ]


# Queries: the same few whatever the indicator holds.

CSV_QUERIES = 3  # indicator, area choices, the rows (one server-side cursor on PostgreSQL)


@pytest.mark.parametrize("n", [1, 120])
def test_csv_queries_are_bounded(client, django_assert_num_queries, n):
    indicator, area = IndicatorFactory(), AreaFactory()
    for i in range(n):
        figure(indicator, area if i % 2 else AreaFactory(), 1950 + i % 70)

    with django_assert_num_queries(CSV_QUERIES):
        rows = csv_rows(client.get(reverse("indicators:csv", args=[indicator.slug])))

    assert len(rows) == n + 1
