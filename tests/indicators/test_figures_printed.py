"""Issue 17: figures shown exactly as the article printed them, with their sentence; the
indicator chart's axis, bounds, data table and downloads."""

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from meetings.importer.article import extract_article
from meetings.sample import ARTICLE_PATH
from meetings.services import meeting_import_from_text
from people.numbers import find_printed_figure
from tests.factories import (
    AreaFactory,
    IndicatorFactory,
    MeetingFactory,
    ReportedValueFactory,
    ResolutionFactory,
    draft_meeting,
)
from tests.indicators.test_views import figure

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def printed_forms(path):
    return {
        (f["value"], f["unit"]): f["printed"]
        for f in extract_article(path.read_text())["indicators"]
    }


def test_the_reference_article_figures_keep_their_printed_form():
    printed = printed_forms(ARTICLE_PATH)
    assert printed[("58.4", "%")] == "58,4%"
    assert printed[("8.32", "%/năm")] == "8,32%/năm"
    assert printed[("954964", "tỷ đồng")] == "954.964 tỷ đồng"
    assert printed[("9", "/9 địa phương")] == "9/9 địa phương"


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_a_printed_form_is_the_sentence_own_text_from_the_number(path):
    for found in extract_article(path.read_text())["indicators"]:
        assert found["printed"] in found["sentence"]
        assert re.match(r"\d|[A-Z$]", found["printed"]), found["printed"]


def test_the_import_stores_the_printed_form():
    meeting = meeting_import_from_text(text=ARTICLE_PATH.read_text()).meeting
    share = meeting.reported_values.filter(value=Decimal("58.4"), unit="%").first()
    assert share.value_as_printed == "58,4%"
    assert share.printed_display == "58,4%"
    average = meeting.reported_values.filter(value=Decimal("8.32")).first()
    assert average.printed_display == "bình quân 8,32%/năm"


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "printed"),
    [
        ("Tỷ trọng đạt 58,4%, tăng", "58.4", "%", "58,4%"),
        ("có 9/9 địa phương đạt", "9", "/9 địa phương", "9/9 địa phương"),
        ("thu 954.964 tỷ đồng.", "954964", "tỷ đồng", "954.964 tỷ đồng"),
        ("tăng 8,32%/năm", "8.32", "%", ""),  # another unit
        ("đạt 158,4%", "58.4", "%", ""),  # another number
        ("năm 2023 đạt 12.3.", "12.3", "%", ""),  # not printed as Vietnamese does
    ],
)
def test_find_printed_figure(sentence, value, unit, printed):
    assert find_printed_figure(sentence, Decimal(value), unit) == printed


def test_rows_without_a_printed_form_fall_back_to_the_composed_figure():
    value = ReportedValueFactory(value="58.4", unit="%", qualifier="trên", value_as_printed="")
    assert value.printed_display == "trên 58,4 %"
    assert value.marked_sentence is None


def test_pages_show_the_printed_form_and_mark_it_in_its_sentence(client):
    resolution = ResolutionFactory()
    meeting = MeetingFactory(title="Làm việc với tỉnh <Thái Nguyên>")
    value = ReportedValueFactory(
        meeting=meeting, resolution=resolution, value="8.32", unit="%/năm", qualifier="bình quân",
        value_as_printed="8,32%/năm",
        source_sentence="Tăng trưởng <b>bình quân</b> 8,32%/năm giai đoạn 2021-2023.",
    )  # fmt: skip
    for url in [
        meeting.get_absolute_url(),
        resolution.get_absolute_url(),
        value.indicator.get_absolute_url(),
    ]:
        html = client.get(url).content.decode()
        assert '<span class="figure-source__figure">bình quân 8,32%/năm</span>' in html, url
        assert (
            "Tăng trưởng &lt;b&gt;bình quân&lt;/b&gt; <mark>8,32%/năm</mark> giai đoạn" in html
        ), url


def test_the_resolution_page_names_each_meeting_once_above_its_figures(client):
    resolution = ResolutionFactory()
    first, second = MeetingFactory(title="Họp thứ nhất"), MeetingFactory(title="Họp thứ hai")
    for meeting in [first, second, first, second, first]:
        ReportedValueFactory(meeting=meeting, resolution=resolution)

    html = client.get(resolution.get_absolute_url()).content.decode()
    html = html[html.index('id="figures-heading"') : html.index('id="officials-heading"')]

    assert html.count("Họp thứ nhất</a>") == html.count("Họp thứ hai</a>") == 1
    assert html.count('<table class="figures">') == 2
    headings = re.findall(r'<h3 class="figures-meeting"><a [^>]*>([^<]*)</a>', html)
    assert sorted(headings) == ["Họp thứ hai", "Họp thứ nhất"]


# The chart.


def chart_html(html):
    return html[html.index("<svg") : html.index("</svg>")]


def test_the_chart_has_axes_ticks_labels_and_the_unit(client):
    indicator = IndicatorFactory()
    figure(indicator, AreaFactory(name="Bắc Ninh"), 2023, "1250.5", unit="tỷ đồng")
    figure(indicator, AreaFactory(name="Thái Nguyên"), 2023, "3000", unit="tỷ đồng")

    html = client.get(indicator.get_absolute_url()).content.decode()
    svg = chart_html(html)

    assert 'role="img"' in svg and 'aria-labelledby="chart-title"' in svg
    assert '<desc id="chart-desc">' in svg
    assert 'class="chart__axis"' in svg and 'class="chart__zero"' in svg
    ticks = re.findall(r'<text class="chart__tick"[^>]*>([^<]*)</text>', svg)
    assert ticks == ["0", "1.000", "2.000", "3.000"]
    assert "Đơn vị: tỷ đồng" in svg
    assert "Bắc Ninh · 2023: " in svg and "Thái Nguyên · 2023: " in svg


def test_a_lower_bound_is_drawn_open_and_explained(client):
    indicator = IndicatorFactory()
    figure(indicator, AreaFactory(name="Bắc Ninh"), 2023, "52", qualifier="trên")
    figure(indicator, AreaFactory(name="Thái Nguyên"), 2023, "58.4")

    response = client.get(indicator.get_absolute_url())
    svg = chart_html(response.content.decode())

    lower = [bar for bar in response.context["chart"]["bars"] if bar.bound == "lower"]
    assert [bar.figure for bar in lower] == ["trên 52 %"]
    assert lower[0].arrow_to > lower[0].end
    assert svg.count('class="chart__bound chart__bound--lower"') == 1
    assert 'marker-end="url(#chart-arrow)"' in svg
    assert "báo cáo nêu cận dưới" in response.content.decode()


def test_an_upper_bound_points_back(client):
    indicator = IndicatorFactory()
    figure(indicator, AreaFactory(), 2023, "5", qualifier="dưới")
    bar = client.get(indicator.get_absolute_url()).context["chart"]["bars"][0]
    assert bar.bound == "upper" and bar.arrow_to < bar.end


def test_the_data_table_rows_match_the_chart(client):
    indicator = IndicatorFactory()
    for name, value in [("An Giang", "3"), ("Bắc Ninh", "52"), ("Cà Mau", "7.25")]:
        figure(indicator, AreaFactory(name=name), 2023, value)

    response = client.get(indicator.get_absolute_url())
    html = response.content.decode()
    table = html[html.index('<table class="figures chart-data">') :]
    table = table[: table.index("</table>")]

    assert "<caption>Số liệu của biểu đồ</caption>" in table
    rows = re.findall(r'<th scope="row"[^>]*>([^<]*)</th>\s*<td[^>]*>([^<]*)</td>', table)
    bars = response.context["chart"]["bars"]
    assert rows == [(bar.label, bar.figure) for bar in bars]
    assert [label for label, _figure in rows] == [
        "An Giang · 2023",
        "Bắc Ninh · 2023",
        "Cà Mau · 2023",
    ]


def test_the_json_download_is_the_chart(client):
    indicator = IndicatorFactory()
    area = AreaFactory(name="Thái Nguyên")
    figure(indicator, area, 2022, "52", qualifier="trên", value_as_printed="52%")
    figure(indicator, area, 2023, "58.4", value_as_printed="58,4%")
    figure(indicator, AreaFactory(name="Hà Giang"), 2023, "99", meeting=draft_meeting())

    response = client.get(reverse("indicators:json", args=[indicator.slug]), {"area": area.slug})

    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["over_time"] and data["area"] == "Thái Nguyên"
    assert [(f["period"], f["as_printed"], f["value"], f["bound"]) for f in data["figures"]] == [
        ("2022", "trên 52%", "52", "lower"),
        ("2023", "58,4%", "58.4", ""),
    ]
    assert data["figures"][0]["meeting_url"].startswith("http://testserver/")


def test_the_csv_carries_the_printed_form_beside_the_value(client):
    indicator = IndicatorFactory()
    figure(
        indicator, AreaFactory(), 2023, "954964", unit="tỷ đồng", value_as_printed="954.964 tỷ đồng"
    )
    response = client.get(reverse("indicators:csv", args=[indicator.slug]))
    header, row = list(
        __import__("csv").reader(response.getvalue().decode("utf-8-sig").splitlines())
    )
    assert row[header.index("value")] == "954964"
    assert row[header.index("value_as_printed")] == "954.964 tỷ đồng"


@pytest.mark.parametrize(
    "area",
    [
        "khong-co",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "thai-nguyen'; DROP TABLE x;--",
        "%00",
    ],
)
def test_bad_areas_are_refused_cleanly(client, area):
    indicator = IndicatorFactory()
    figure(indicator, AreaFactory(name="Thái Nguyên"), 2023)
    for name in ["detail", "json", "csv"]:
        response = client.get(reverse(f"indicators:{name}", args=[indicator.slug]), {"area": area})
        assert response.status_code in (400, 404), name
        if name == "json":
            assert response.json()["errors"]["area"]
        elif name == "detail":
            assert b"<script>alert" not in response.content


@pytest.mark.parametrize("n", [1, 80])
def test_json_queries_are_bounded(client, django_assert_num_queries, n):
    indicator = IndicatorFactory()
    for i in range(n):
        figure(indicator, AreaFactory(), 2000 + i % 20)
    # The indicator, area choices, the chart's figures: of several areas, the ids of each
    # one's latest figure first.
    with django_assert_num_queries(3 if n == 1 else 4):
        response = client.get(reverse("indicators:json", args=[indicator.slug]))
    assert len(response.json()["figures"]) == min(n, 65)
