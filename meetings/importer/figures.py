"""Figures: a number with its unit, the period, area, qualifier and rank printed around it."""

import re

from django.utils.translation import gettext_noop

from people.numbers import parse_vietnamese_number
from people.periods import find_periods, is_span_of_years, is_year

from .documents import document_spans
from .indicator_names import (
    AVERAGE_RE,
    MONEY_UNIT_RE,
    NOT_COUNT_UNITS,
    QUALIFIER_RE,
    TOPIC_RE,
    base_name,
    indicator_name,
    lower_first,
)
from .notes import Note
from .vocabulary import QUOTE_RE, provinces_in

_UNITS = sorted(
    """tỷ đồng|nghìn tỷ đồng|triệu đồng|nghìn đồng|tỷ USD|triệu USD|nghìn USD|USD|ha|km2|km|m2
    |tấn|nghìn tấn|triệu tấn|MW|người|nghìn người|triệu người|lao động|doanh nghiệp|dự án
    |khu công nghiệp|cụm công nghiệp|sản phẩm|lần|điểm|hạng mục|hộ|xã|thôn|học sinh
    |hợp tác xã|cơ sở|bệnh viện|lượt khách|nghìn lượt khách|triệu lượt khách|nghìn lượt
    |triệu lượt|lượt|địa phương
    |chỉ tiêu|đề án|nhiệm vụ|văn bản|thủ tục hành chính|thủ tục|giường bệnh|điểm phần trăm
    |sáng kiến|tổ chức|cán bộ|đảng viên|trạm|dịch vụ công|đơn thư|vụ việc|vụ án|tạ|con
    |căn hộ|căn|trường|lượt người|hồ sơ|tỷ USD|tỷ m3|m3""".replace("\n", "").split("|"),
    key=len,
    reverse=True,
)
# Units of measure printed against the number: "8.338,4ha", "65km". A fraction's unit may follow
# an aside: "37/102 (chiếm 36,3%) nhiệm vụ".
_GLUED_UNITS = r"(?:km2|km|ha|m2|m3|MW)(?![\w/])"
_NUMBER_RE = re.compile(
    rf"(?<![\w/.,-])(\d{{1,3}}(?:\.\d{{3}})+|\d+)(?:,(\d+))?(?!(?!{_GLUED_UNITS})\w|[.,]\d)"
)
_UNIT_RE = re.compile(
    rf"(?:\s?(?P<percent>%(?:/năm)?)|(?:(?P<fraction>/\d+)(?:\s\([^()]{{1,40}}\))?)?(?:\s+|(?={_GLUED_UNITS}))(?P<unit>(?:"
    + "|".join(re.escape(unit.strip()) for unit in _UNITS)
    + r")(?:/(?:ha|người|hộ|năm|tháng|ngày|km2|m2|lao động|con)){0,2})(?![\w/]))"
)
# "con số" after a number is "digits" ("tăng trưởng hai con số"): a magnitude, not a count.
_DIGITS_RE = re.compile(r"\s+số\b")
_CLAUSE_END_RE = re.compile(r"[,;]|\.\s|\.$|(?<!năm )(?<!đoạn )(?<![\d,.-])\d")
_CONNECTOR_RE = re.compile(r"(?<! so)\s(?:với|và|có|gồm|đạt|là)\s(?=[^,;]*\d)")
_COMPARISON_BEFORE_RE = re.compile(r"so với\s+(?:cùng kỳ\s+)?$")
# A rank as printed, without its verb: "thứ 3/61", "thứ 10 cả nước", "thứ 3 khu vực Bắc Trung Bộ".
_RANK_RE = re.compile(
    r"(?:(?:đứng|xếp)\s+)(?P<rank>(?:thứ|hạng)\s+\d+(?P<of>/\d+)?)|(?P<bare>thứ\s+\d+/\d+)"
)
_RANK_AFTER_RE = re.compile(rf"[\s,]*(?:{_RANK_RE.pattern})")
_RANK_SCOPE_RE = re.compile(
    r"\s+(?:(?:của|trong)\s+)?(?:cả nước|toàn quốc|(?:khu vực|vùng|các tỉnh)\s[^,;.]*?)"
    r"(?=\s+và\s|\s*[,;.]|\s*$)"
)
_ORDINAL_RE = re.compile(r"(?:thứ|khóa|kỳ|lần)\s+\d+|\d+\s+(?:năm|tháng|ngày)\b")
_SCORE_BEFORE_RE = re.compile(r"điểm số\s+(?:là\s+|đạt\s+)?$")
_AREA_OF_HOST_RE = re.compile(r"toàn tỉnh|cả tỉnh|của tỉnh|địa bàn tỉnh", re.IGNORECASE)


def find_figures(
    sentence: str, *, main_province: str | None, warnings: list[str], topic_period: str | None
) -> list[dict]:
    """Every figure in `sentence`, named, with its period, area, qualifier and rank."""
    documents = document_spans(sentence)
    periods = [
        (start, end, period)
        for start, end, period in find_periods(sentence)
        if not any(begin <= start < stop for begin, stop in documents)
        and not _is_comparison(sentence, start)
    ]
    blocked = documents + _claimed_spans(sentence) + [(s, e) for s, e, _ in periods]
    area = area_of(sentence, main_province)
    topic_match = TOPIC_RE.match(sentence)
    topic = lower_first(topic_match["topic"].strip()) if topic_match else ""
    figures: list[dict] = []
    segment_start = 0
    previous = None
    for match in _NUMBER_RE.finditer(sentence):
        if any(start <= match.start() < end for start, end in blocked):
            continue
        before = sentence[segment_start : match.start()]
        if ";" in before:
            segment_start += before.rfind(";") + 1
            before = sentence[segment_start : match.start()]
        unit, unit_end = _unit_after(sentence, match, before)
        if unit is None:
            continue
        after, clause_end = _words_after(sentence, unit_end)
        span = (match.start(), unit_end, clause_end, segment_start)
        period = _period_of_figure(periods, span, unit) or topic_period
        name = indicator_name(before, unit, after, previous, topic)
        value = format(parse_vietnamese_number(match[0]), "f")
        figures.append(
            {
                "name": name,
                "value": value,
                "unit": unit,
                "printed": sentence[match.start() : unit_end],
                "qualifier": _qualifier(before),
                "period": period,
                "area": area,
                "rank": _rank_after(sentence, unit_end),
                "sentence": sentence.strip(),
            }
        )
        if period is None:
            warnings.append(Note(
                gettext_noop("No period is printed for the figure “%(name)s”: %(value)s %(unit)s."),
                about=("figure", sentence.strip(), value, unit), name=name, value=value, unit=unit,
            ))  # fmt: skip
        previous = _previous(name, unit, previous)
        segment_start = unit_end + len(after)
    return figures


def _unit_after(sentence: str, number: re.Match, before: str) -> tuple[str | None, int]:
    """The unit printed after a number, and where it ends; (None, …) when it is not a figure."""
    unit_match = _UNIT_RE.match(sentence, number.end())
    if unit_match and _DIGITS_RE.match(sentence, unit_match.end()) and unit_match["unit"] == "con":
        return None, number.end()  # "tăng trưởng 2 con số": double digits, not two animals
    if unit_match:
        unit = unit_match["percent"] or " ".join(
            filter(None, (unit_match["fraction"], unit_match["unit"]))
        )
        return unit, unit_match.end()
    if _SCORE_BEFORE_RE.search(before):
        return "điểm", number.end()
    return None, number.end()


def _words_after(sentence: str, unit_end: int) -> tuple[str, int]:
    """The words after a figure that belong to it, and where its clause ends."""
    clause_end = _clause_end(sentence, unit_end)
    connector = _CONNECTOR_RE.search(sentence, unit_end)
    if connector and connector.start() < clause_end:
        return sentence[unit_end : connector.start()], clause_end
    return sentence[unit_end:clause_end], clause_end


def _period_of_figure(periods, span: tuple[int, int, int, int], unit: str) -> str | None:
    """The nearest period; a share that takes a span from an earlier clause, its last year."""
    number_start, unit_end, clause_end, segment_start = span
    period = _nearest_period(periods, number_start, unit_end, clause_end)
    if _is_level(unit) and is_span_of_years(period):
        inherited = all(end <= segment_start for _, end, _p in periods if end <= number_start)
        if inherited and any(end <= number_start for _, end, _p in periods):
            return period[-4:]
    return period


def _previous(name: str, unit: str, previous: dict | None) -> dict:
    """What the next figure of the sentence may refer back to: a name, a unit, a thing counted."""
    is_count = unit not in NOT_COUNT_UNITS and not MONEY_UNIT_RE.search(unit)
    subject = None
    if is_count and name.startswith("Số "):
        subject = base_name(name)[3:]
    elif previous and previous.get("subject"):
        subject = previous["subject"]
    return {"name": base_name(name), "unit": unit, "subject": subject}


def area_of(sentence: str, main_province: str | None) -> str | None:
    """The province a sentence names, else the host province when it says "toàn tỉnh"."""
    provinces = provinces_in(sentence)
    if provinces:
        return provinces[0][2]
    if _AREA_OF_HOST_RE.search(sentence):
        return main_province
    return None


def _rank_after(sentence: str, unit_end: int) -> str | None:
    match = _RANK_AFTER_RE.match(sentence, unit_end)
    return _rank_text(sentence, match) if match else None


def _rank_text(sentence: str, match: re.Match) -> str:
    """The rank without its verb, with its scope unless a denominator gives it ("thứ 3/61")."""
    if match["bare"]:
        return " ".join(match["bare"].split())
    rank = " ".join(match["rank"].split())
    if not match["of"]:
        scope = _RANK_SCOPE_RE.match(sentence, match.end())
        if scope:
            rank += " " + " ".join(scope[0].split())
    return rank


def _is_comparison(sentence: str, start: int) -> bool:
    """ "so với năm 2018": a year compared with, not the figure's period."""
    return bool(_COMPARISON_BEFORE_RE.search(sentence[max(0, start - 24) : start]))


def _claimed_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans whose numbers are not figures, besides documents: quotes, ranks, ordinals, dates."""
    spans = [match.span() for match in QUOTE_RE.finditer(sentence)]
    spans += [match.span() for match in _RANK_RE.finditer(sentence)]
    spans += [match.span() for match in _ORDINAL_RE.finditer(sentence)]
    return spans + [match.span() for match in re.finditer(r"\d{1,2}/\d{1,2}/\d{4}", sentence)]


def _is_level(unit: str) -> bool:
    """A share at a moment (%), not a rate over a span (%/năm) nor a flow counted over it."""
    return unit == "%"


def topic_year(sentence: str) -> str | None:
    """The year a figure-less sentence sets as the topic ("Cơ cấu kinh tế năm 2023 …")."""
    periods = [
        period
        for start, _end, period in find_periods(sentence)
        if not _is_comparison(sentence, start)
    ]
    return periods[-1] if periods and is_year(periods[-1]) else None


def _nearest_period(periods, number_start: int, unit_end: int, clause_end: int) -> str | None:
    before = [period for start, end, period in periods if end <= number_start]
    if before:
        return before[-1]
    after = [period for start, _, period in periods if unit_end <= start < clause_end]
    return after[0] if after else None


def _clause_end(sentence: str, start: int) -> int:
    """The end of the words that belong to a figure: the next comma, semicolon or number."""
    stop = _CLAUSE_END_RE.search(sentence, start)
    return stop.start() if stop else len(sentence)


def _qualifier(before: str) -> str | None:
    words = []
    if AVERAGE_RE.search(before):
        words.append("bình quân")
    comparative = QUALIFIER_RE.search(before)
    if comparative:
        words.append(comparative[1])
    return " ".join(words) or None
