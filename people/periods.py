"""Periods of reported figures: read from a report's words, stored as dates, printed back.

A report writes a period in words ("năm 2023", "giai đoạn 2018-2023", "6 tháng đầu năm 2024",
"quý II/2024", "tháng 6/2024", "tại thời điểm 01/01/2023", "đến năm 2030"). The importer carries
it as a key ("2023", "2018-2023", "2024-01/2024-06", "2024-04/2024-06", "2024-06", "2023-01-01",
"2030"), the database stores its first and last day with the precision the words gave, and pages
print it back as `2023`, `2018–2023`, `01–06/2024`, `06/2024` or `01/01/2023`.
"""

import datetime
import re
from collections.abc import Iterator
from typing import NamedTuple

# Precisions, as `people.models.DatePrecision` stores them.
DAY, MONTH, YEAR, UNKNOWN = "day", "month", "year", "unknown"

PERIOD_RE = re.compile(
    # The look-ahead only skips, quickly, positions where no period phrase can start.
    r"(?<!\w)(?=[gtđnqch\d])(?:"
    r"(?P<range>(?:giai đoạn|thời kỳ|từ năm|từ)\s+"
    r"(?P<y1>\d{4})\s*(?:-|–|đến(?: năm)?)\s*(?P<y2>\d{4}))"
    r"|(?P<date>(?:tính\s+)?(?:tại thời điểm|thời điểm|đến ngày|đến|ngày)\s+"
    r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4}))"
    r"|(?P<months>(?:trong\s+)?(?P<mn>\d{1,2})\s+tháng\s+(?:đầu\s+)?năm\s+(?P<mny>\d{4}))"
    r"|(?P<quarter>quý\s+(?P<q>IV|I{1,3}|[1-4])(?:\s*/\s*|\s+năm\s+)(?P<qy>\d{4}))"
    r"|(?P<month>tháng\s+(?P<mm>\d{1,2})/(?P<my>\d{4}))"
    r"|(?P<year>(?:tính\s+)?(?:(?:đến|trong)\s+(?:hết\s+|cuối\s+)?|cuối\s+|hết\s+)?năm\s+"
    r"(?P<yy>\d{4}))"
    r"|(?P<bare>(?P<b1>(?:19|20)\d\d)\s*-\s*(?P<b2>(?:19|20)\d\d)))",
    re.IGNORECASE,
)
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4}
_KEY_RE = re.compile(
    r"(?P<day>\d{4}-\d\d-\d\d)|(?P<first_month>\d{4}-\d\d)(?:/(?P<last_month>\d{4}-\d\d))?"
    r"|(?P<first_year>\d{4})(?:-(?P<last_year>\d{4}))?"
)


class Period(NamedTuple):
    """A period as stored: its first and last day, and how precisely the report gave it."""

    start: datetime.date | None
    end: datetime.date | None
    precision: str


def find_periods(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, key) of every period phrase in `text`, in order.

    A phrase naming a period that cannot be ("31/02/2023", "tháng 13/2024", "giai đoạn
    2023-2018") is no period: a misprint the editor has to read.
    """
    for match in PERIOD_RE.finditer(text):
        key = _key(match)
        try:
            parse_period(key)
        except ValueError:
            continue
        yield match.start(), match.end(), key


def read_period(text: str) -> str | None:
    """The key of the first period phrase in `text`: "6 tháng đầu năm 2024" → "2024-01/2024-06"."""
    return next((key for _start, _end, key in find_periods(text)), None)


def is_span_of_years(key: str | None) -> bool:
    """ "2018-2023": a span of years, not one year, month or day."""
    return bool(key and re.fullmatch(r"\d{4}-\d{4}", key))


def is_year(key: str | None) -> bool:
    return bool(key and re.fullmatch(r"\d{4}", key))


def _key(match: re.Match) -> str:
    if match["range"]:
        return f"{match['y1']}-{match['y2']}"
    if match["date"]:
        return f"{match['y']}-{int(match['m']):02d}-{int(match['d']):02d}"
    if match["months"]:
        return f"{match['mny']}-01/{match['mny']}-{int(match['mn']):02d}"
    if match["quarter"]:
        quarter = _QUARTERS.get(match["q"].upper()) or int(match["q"])
        first, last = 3 * quarter - 2, 3 * quarter
        return f"{match['qy']}-{first:02d}/{match['qy']}-{last:02d}"
    if match["month"]:
        return f"{match['my']}-{int(match['mm']):02d}"
    if match["year"]:
        return match["yy"]
    return f"{match['b1']}-{match['b2']}"


def parse_period(key: str | None) -> Period:
    """The stored form of a key: "2024-01/2024-06" → 1 January to 30 June 2024, by month.

    Raises ValueError for what is not a key, or names a day or month that does not exist.
    """
    if not key:
        return Period(None, None, UNKNOWN)
    match = _KEY_RE.fullmatch(key)
    if not match:
        raise ValueError(f"Not a period: {key!r}")
    if match["day"]:
        day = datetime.date.fromisoformat(key)
        return Period(day, day, DAY)
    if match["first_month"]:
        start = datetime.date.fromisoformat(match["first_month"] + "-01")
        last = datetime.date.fromisoformat((match["last_month"] or match["first_month"]) + "-01")
        following = (last.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        return _ordered(start, following - datetime.timedelta(days=1), MONTH, key)
    last_year = int(match["last_year"]) if match["last_year"] else None
    return _ordered(*years(int(match["first_year"]), last_year)[:2], YEAR, key)


def years(first: int, last: int | None = None) -> Period:
    """The year `first`, or the years `first` to `last`, from 1 January to 31 December."""
    return Period(datetime.date(first, 1, 1), datetime.date(last or first, 12, 31), YEAR)


def _ordered(start, end, precision, key) -> Period:
    if start > end:
        raise ValueError(f"A period that ends before it starts: {key!r}")
    return Period(start, end, precision)


def format_period(
    start: datetime.date | None, end: datetime.date | None, precision: str | None
) -> str:
    """`2023`, `2018–2023`, `01/01/2023`, `06/2024`, `01–06/2024` or `11/2023–02/2024`."""
    if end is None and start is None:
        return ""
    if precision == DAY:
        return (end or start).strftime("%d/%m/%Y")
    if precision == MONTH and start and end:
        if (start.year, start.month) == (end.year, end.month):
            return end.strftime("%m/%Y")
        if start.year == end.year:
            return f"{start.month:02d}–{end.strftime('%m/%Y')}"
        return f"{start.strftime('%m/%Y')}–{end.strftime('%m/%Y')}"
    if start and end and start.year != end.year:
        return f"{start.year}–{end.year}"
    return str((end or start).year)


def iso_partial_date(value: datetime.date | None, precision: str) -> str:
    """A date as much of ISO 8601 as the source gave: `2024-05-10`, `2024-05`, `2024`, or ``."""
    if value is None or precision == UNKNOWN:
        return ""
    if precision == YEAR:
        return f"{value.year:04d}"
    if precision == MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


_DISPLAYED_RE = re.compile(
    r"(?P<y1>\d{4})(?:\s*[-–]\s*(?P<y2>\d{4}))?"
    r"|(?P<d>\d{1,2})/(?P<dm>\d{1,2})/(?P<dy>\d{4})"
    r"|(?P<m1>\d{1,2})(?:/(?P<my1>\d{4}))?\s*[-–]\s*(?P<m2>\d{1,2})/(?P<my2>\d{4})"
    r"|(?P<m>\d{1,2})/(?P<my>\d{4})"
)


def read_displayed_period(text: str) -> Period:
    """A period typed as pages print it (`format_period`), or in a report's words: `2023`,
    `2018–2023`, `06/2024`, `01–06/2024`, `11/2023–02/2024`, `01/01/2023`, `năm 2023`.

    Empty text is no period. Raises ValueError for anything else."""
    text = " ".join(text.split())
    if not text:
        return Period(None, None, UNKNOWN)
    match = _DISPLAYED_RE.fullmatch(text)
    if match is None:
        key = read_period(text)
        if key is None:
            raise ValueError(f"Not a period: {text!r}")
        return parse_period(key)
    if match["y1"]:
        key = match["y1"] + (f"-{match['y2']}" if match["y2"] else "")
    elif match["d"]:
        key = f"{match['dy']}-{int(match['dm']):02d}-{int(match['d']):02d}"
    elif match["m2"]:
        first = f"{match['my1'] or match['my2']}-{int(match['m1']):02d}"
        key = f"{first}/{match['my2']}-{int(match['m2']):02d}"
    else:
        key = f"{match['my']}-{int(match['m']):02d}"
    return parse_period(key)
