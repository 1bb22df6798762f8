"""Periods of figures: read from words, stored as dates, printed back; no database."""

import datetime

import pytest

from people.periods import (
    DAY,
    MONTH,
    UNKNOWN,
    YEAR,
    Period,
    find_periods,
    format_period,
    is_span_of_years,
    is_year,
    parse_period,
    read_period,
    years,
)

D = datetime.date


@pytest.mark.parametrize(
    ("words", "key"),
    [
        ("năm 2023", "2023"),
        ("Năm 2023", "2023"),
        ("đến năm 2030", "2030"),
        ("đến hết năm 2023", "2023"),
        ("tính đến cuối năm 2023", "2023"),
        ("giai đoạn 2018-2023", "2018-2023"),
        ("giai đoạn 2021 – 2025", "2021-2025"),
        ("từ năm 2016 đến năm 2020", "2016-2020"),
        ("thời kỳ 2021-2030", "2021-2030"),
        ("2018 - 2023", "2018-2023"),
        ("6 tháng đầu năm 2024", "2024-01/2024-06"),
        ("trong 9 tháng năm 2024", "2024-01/2024-09"),
        ("quý II/2024", "2024-04/2024-06"),
        ("quý ii năm 2024", "2024-04/2024-06"),
        ("quý 4/2023", "2023-10/2023-12"),
        ("tháng 6/2024", "2024-06"),
        ("tại thời điểm 01/01/2023", "2023-01-01"),
        ("tính đến ngày 30/6/2024", "2024-06-30"),
    ],
)
def test_period_phrases_are_read_as_keys(words, key):
    assert read_period(f"Kết quả {words}, toàn tỉnh đạt 52%") == key


@pytest.mark.parametrize("text", ["", "5 năm qua", "lần thứ 5", "52-NQ/TW", "thứ 3/61"])
def test_text_without_a_period_gives_none(text):
    assert read_period(text) is None


def test_find_periods_gives_spans_in_order():
    text = "Năm 2023, GRDP tăng 8%; giai đoạn 2018-2023 bình quân 7%/năm."
    found = [(text[start:end], key) for start, end, key in find_periods(text)]
    assert found == [("Năm 2023", "2023"), ("giai đoạn 2018-2023", "2018-2023")]


@pytest.mark.parametrize(
    ("key", "period"),
    [
        (None, Period(None, None, UNKNOWN)),
        ("", Period(None, None, UNKNOWN)),
        ("2023", Period(D(2023, 1, 1), D(2023, 12, 31), YEAR)),
        ("2018-2023", Period(D(2018, 1, 1), D(2023, 12, 31), YEAR)),
        ("2023-01-01", Period(D(2023, 1, 1), D(2023, 1, 1), DAY)),
        ("2024-06", Period(D(2024, 6, 1), D(2024, 6, 30), MONTH)),
        ("2024-02", Period(D(2024, 2, 1), D(2024, 2, 29), MONTH)),
        ("2024-01/2024-06", Period(D(2024, 1, 1), D(2024, 6, 30), MONTH)),
        ("2023-11/2024-02", Period(D(2023, 11, 1), D(2024, 2, 29), MONTH)),
    ],
)
def test_keys_are_stored_as_first_and_last_day(key, period):
    assert parse_period(key) == period


@pytest.mark.parametrize(
    "key", ["năm 2023", "2023-13", "2023-02-30", "2023-2018", "2024-06/2024-01", "20233"]
)
def test_what_is_not_a_key_is_refused(key):
    with pytest.raises(ValueError):
        parse_period(key)


@pytest.mark.parametrize(
    ("key", "printed"),
    [
        (None, ""),
        ("2023", "2023"),
        ("2018-2023", "2018–2023"),
        ("2023-01-01", "01/01/2023"),
        ("2024-06", "06/2024"),
        ("2024-01/2024-06", "01–06/2024"),
        ("2023-11/2024-02", "11/2023–02/2024"),
    ],
)
def test_stored_periods_print_as_reports_write_them(key, printed):
    assert format_period(*parse_period(key)) == printed


def test_a_period_with_one_bound_prints_its_year():
    assert format_period(None, D(2030, 12, 31), YEAR) == "2030"
    assert format_period(D(2020, 1, 1), None, YEAR) == "2020"


def test_years_and_kinds_of_key():
    assert years(2023) == (D(2023, 1, 1), D(2023, 12, 31), YEAR)
    assert years(2018, 2023)[:2] == (D(2018, 1, 1), D(2023, 12, 31))
    assert is_year("2023") and not is_year("2018-2023") and not is_year(None)
    assert is_span_of_years("2018-2023") and not is_span_of_years("2024-06")


@pytest.mark.parametrize(
    "words", ["tại thời điểm 31/02/2023", "tháng 13/2024", "giai đoạn 2023-2018", "quý 5/2024"]
)
def test_periods_that_cannot_be_are_not_read(words):
    assert read_period(f"{words}, toàn tỉnh có 9 khu công nghiệp") is None
