from decimal import Decimal

import pytest

from people.numbers import format_vietnamese_number, parse_vietnamese_number


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("58,4", Decimal("58.4")),
        ("954.964", Decimal("954964")),
        ("8.503", Decimal("8503")),
        ("1,4", Decimal("1.4")),
        ("47,75", Decimal("47.75")),
        ("10.700", Decimal("10700")),
        ("1.234.567,5", Decimal("1234567.5")),
        ("100", Decimal("100")),
    ],
)
def test_parse(printed, value):
    assert parse_vietnamese_number(printed) == value


@pytest.mark.parametrize("bad", ["", "abc", "1.2.3", "58.4.", "1,2,3", "--1"])
def test_parse_refuses_what_is_not_a_number(bad):
    with pytest.raises(ValueError):
        parse_vietnamese_number(bad)


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (Decimal("954964.0000"), "954.964"),
        (Decimal("58.4000"), "58,4"),
        (Decimal("47.75"), "47,75"),
        (Decimal("100"), "100"),
        (Decimal("8503"), "8.503"),
    ],
)
def test_format(value, printed):
    assert format_vietnamese_number(value) == printed
