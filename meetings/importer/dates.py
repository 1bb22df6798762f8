"""The meeting's date: where a report prints it, and where its year comes from when it does not.

A report prints the day of the session ("Sáng 16-4-2018", "Chiều 22/2", "ngày 29 tháng 7 năm
2013", "On the afternoon of November 15", "on April 28, 2024"); the year, when left out, is the
one of the page's own date line ("Thứ Năm, 8/6/2023 14:46'(GMT+7)") or of a date written in the
page's address ("/2024/05/"). See docs/import.md, "Meeting dates".
"""

import datetime
import re
from urllib.parse import urlsplit

from django.utils.translation import gettext_noop

from people.text import fold

from .notes import Note

DAY, MONTH, YEAR = "day", "month", "year"

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        1,
    )
    for name in names
}  # fmt: skip
_MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_ORDINAL = r"(?:st|nd|rd|th)?"

# A full date in figures: 8/6/2023, 16-4-2018, 3.3.2026, 2026-02-26.
_FULL_DATE_RE = re.compile(
    r"(?<![\d/.-])(?:(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})"
    r"|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))(?![\d/-])"
)
# What a page's date line holds besides its date: weekday, time, time zone, "cập nhật", views.
_DATE_LINE_WORDS = {
    "thu", "hai", "ba", "tu", "nam", "sau", "bay", "chu", "nhat", "cap", "luc", "ngay", "so",
    "luot", "xem", "date", "gmt", "am", "pm", "updated", "update", "posted", "published",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "h",
}  # fmt: skip
_OUTLET_BEFORE_DATE_RE = re.compile(r"(?:Báo|Tạp chí|Cổng|Đài|Thông tấn|TTXVN|VOV|VTV)\b")
_DATE_LINE_JUNK_RE = re.compile(r"\d{1,2}[:h]\d{2}(?::\d{2})?|[+\d]+|[^\w]+")

# "Sáng 16-4-2018", "Chiều ngày 22/2", "Sáng nay (24/4)", "Ngày 29 tháng 7 năm 2013", at the
# start of a sentence (or after the outlet's "(Chinhphu.vn) -"), or "ngày 29/7/2013" inside one.
_PART_OF_DAY = r"(?:Sáng|Chiều|Tối|Trưa|Ngày|Đêm)"
_VI_DATE = (
    r"(?:(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?:(?P=sep)(?P<y>\d{4}))?"
    r"|(?P<wd>\d{1,2}) tháng (?P<wm>\d{1,2})(?: năm (?P<wy>\d{4}))?)(?![\d/-])"
)
_VI_OPENER_RE = re.compile(
    rf"(?:^|(?<=[.!?]\s)|(?<=\s[-–—]\s)|(?<=^[-–—]\s))(?P<opener>{_PART_OF_DAY}(?: nay| qua)?"
    rf"(?: ngày)?\s*\(?\s*){_VI_DATE}",
    re.MULTILINE,
)
_VI_INSIDE_RE = re.compile(rf"(?<=\s)(?P<opener>(?:vào )?ngày\s+){_VI_DATE}")
# "On the afternoon of November 15", "on April 28, 2024", "March 24th", "15 November 2023".
_EN_DATE_RE = re.compile(
    rf"\b(?:(?P<month>{_MONTH_NAME})\s+(?P<d>\d{{1,2}}){_ORDINAL}\b(?:,?\s+(?P<y>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}}){_ORDINAL}\s+(?P<month2>{_MONTH_NAME})(?:,?\s+(?P<y2>\d{{4}}))?)"
)
# A date printed right after a document (its code, its kind) is the document's date.
_DOCUMENT_BEFORE_RE = re.compile(
    r"(?:\d+[-/][A-ZĐ]|(?<!\w)(?:Nghị quyết|Quyết định|Kết luận|Chỉ thị|Thông báo|Kế hoạch|"
    r"Công văn|Nghị định|Thông tư|Hướng dẫn|Quy định|Đề án|Luật|ban hành|ký|Resolution|Decision|"
    r"Directive|Conclusion|Decree|Circular|Plan|Law|dated|issued|signed)(?!\w))[^,;.]{0,60}$",
    re.IGNORECASE,
)
_ADDRESS_DATE_RE = re.compile(
    r"/(?P<y>(?:19|20)\d\d)/(?P<m>0[1-9]|1[0-2])(?:/(?P<d>0[1-9]|[12]\d|3[01]))?/"
    r"|/(?P<ym>(?:19|20)\d\d)(?P<mm>0[1-9]|1[0-2])/"
    r"|(?<![\d])(?P<iy>(?:19|20)\d\d)-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])(?![\d])"
    # An article id that is its publication time, yyyymmddHHMMSS and up to four more digits, as
    # several outlets' systems write it ("-20250223092536775.htm"): the time must be one.
    r"|(?<![\d])(?P<ty>20\d\d)(?P<tm>0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
    r"(?:[01]\d|2[0-3])[0-5]\d[0-5]\d\d{0,4}(?![\d])"
)


def _valid(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def page_date(line: str) -> datetime.date | None:
    """The date of a page's own date line ("Thứ Năm, 8/6/2023 14:46'(GMT+7)", "04:35
    15/03/2016", "(29/03/2017)", "date 2026-02-26"); None for any other line."""
    if len(line) > 80:
        return None
    matches = list(_FULL_DATE_RE.finditer(line))
    if len(matches) != 1:
        return None
    match = matches[0]
    before = line[: match.start()]
    if _OUTLET_BEFORE_DATE_RE.match(before) and len(before.split()) <= 8:
        before = ""  # "Báo Chính PhủBáo Chính Phủ20/03/2025": the outlet's name, then the date
    rest = fold(before + " " + line[match.end() :])
    words = [word for word in _DATE_LINE_JUNK_RE.sub(" ", rest).split() if word]
    if any(word not in _DATE_LINE_WORDS for word in words):
        return None
    if match["iy"]:
        return _valid(int(match["iy"]), int(match["im"]), int(match["id"]))
    return _valid(int(match["y"]), int(match["m"]), int(match["d"]))


def address_date(source_url: str | None) -> tuple[int, int] | None:
    """(year, month) written as a date in the address's path ("/2024/05/", "/202403/",
    "2024-05-10", an id that is a timestamp: "-20250223092536775.htm"); other numeric ids
    ("-60971.html", "-c47053262.epi") are not dates."""
    if not source_url:
        return None
    try:
        path = urlsplit(source_url).path
    except ValueError:
        return None
    match = _ADDRESS_DATE_RE.search(path + "/")
    if not match:
        return None
    year = match["y"] or match["ym"] or match["iy"] or match["ty"]
    month = match["m"] or match["mm"] or match["im"] or match["tm"]
    return int(year), int(month)


def find_meeting_date(
    body: list[str],
    *,
    page: datetime.date | None = None,
    address: tuple[int, int] | None = None,
    warnings: list[str],
) -> tuple[str | None, str | None]:
    """(ISO date, precision) of the meeting, or (None, None).

    The first date a sentence opens with ("Sáng 16-4-2018", "Chiều 22/2") or, failing that, the
    first "ngày …" or English date that is not a document's; a date without a year takes the
    year of the page's date line, else of the address, moved back a year when the day would
    fall after the page's date (a report follows its meeting)."""
    text = "\n".join(body)
    found = _first_vietnamese(text) or _first_english(text)
    if not found:
        return None, None
    printed, day, month, year = found
    if year is None:
        year = _year_for(month, day, page, address)
    if year is None:
        warnings.append(Note(
            gettext_noop("The meeting date “%(printed)s” is printed without a year."),
            about=("meeting", "date"), printed=printed,
        ))  # fmt: skip
        return None, None
    date = _valid(year, month, day)
    if date is None:
        warnings.append(Note(
            gettext_noop("The meeting date “%(printed)s” is not a date of the calendar."),
            about=("meeting", "date"), printed=printed,
        ))  # fmt: skip
        return None, None
    return date.isoformat(), DAY


def _year_for(month, day, page, address):
    if page is not None:
        return page.year - 1 if (month, day) > (page.month, page.day) else page.year
    if address is not None:
        return address[0] - 1 if month > address[1] else address[0]
    return None


def _is_document_date(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_DOCUMENT_BEFORE_RE.search(text[line_start:start]))


def _first_vietnamese(text):
    for pattern in (_VI_OPENER_RE, _VI_INSIDE_RE):
        for match in pattern.finditer(text):
            if pattern is _VI_INSIDE_RE and _is_document_date(text, match.start()):
                continue
            if pattern is _VI_INSIDE_RE and not (match["y"] or match["wy"]):
                continue
            day = int(match["d"] or match["wd"])
            month = int(match["m"] or match["wm"])
            year = match["y"] or match["wy"]
            return match[0].strip(), day, month, int(year) if year else None
    return None


def _first_english(text):
    for match in _EN_DATE_RE.finditer(text):
        if _is_document_date(text, match.start()):
            continue
        month = _MONTHS[(match["month"] or match["month2"]).lower()]
        day = int(match["d"] or match["d2"])
        year = match["y"] or match["y2"]
        return match[0].strip(), day, month, int(year) if year else None
    return None
