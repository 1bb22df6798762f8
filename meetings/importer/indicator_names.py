"""What a figure measures, said as the indicator an editor would file it under.

A growth rate in %/năm is "Tốc độ tăng (trưởng) …"; a share ("chiếm X% GRDP") is
"Tỷ trọng … trong GRDP"; a count ("có 41 cụm công nghiệp …") is "Số …"; a percentage of a group
("98% số doanh nghiệp …") is "Tỷ lệ …"; a change ("tăng 8,9% so với cùng kỳ") names what
changed; a bare measure ("tổng diện tích 277 ha") takes the thing counted before it.
"""

import re
from dataclasses import dataclass

from people.periods import PERIOD_RE
from people.text import fold

from .vocabulary import PROVINCE_NAMES

QUALIFIER_RE = re.compile(r"(?:^|\s)(trên|hơn|gần|khoảng|dưới|tới|ít nhất|xấp xỉ)\s*$")
_COUNT_BEFORE_RE = re.compile(r"(?:^|\s)(?:có|với|và|gồm)\s*$")
_LEADING_FILLER_RE = re.compile(
    r"^(?:[\s,]|trong đó|riêng|tính chung|tính đến nay|đến nay|hiện nay|còn|với|và|toàn tỉnh"
    r"|cả tỉnh|có)+(?=\S|$)",
    re.IGNORECASE,
)
_SPEECH_RE = re.compile(r"\b(?:cho biết|báo cáo|nhấn mạnh|khẳng định|thông tin)\b[,:]?")
NOT_COUNT_UNITS = {"%", "%/năm", "lần", "điểm", "ha", "km", "km2", "m2", "MW"}
_TRAILING_VERB_RE = re.compile(
    r"(?:[\s,]+(?:đạt|chiếm|là|tăng|giảm|tăng trưởng|có|với|gấp|lên|xuống|ước đạt|đạt được|vượt"
    r"|điểm số|bằng|tăng thêm|đạt mức|giảm còn|còn))+$"
)
# "bình quân" qualifies a figure, except in a name: "thu nhập bình quân đầu người".
AVERAGE_RE = re.compile(r"\bbình quân\b(?! đầu người| chung)")
MONEY_UNIT_RE = re.compile(r"đồng|USD")
_MEASURE_OF_UNIT = {"ha": "Diện tích", "km2": "Diện tích", "m2": "Diện tích", "km": "Chiều dài"}
# Words that open a measure which needs its object: "tổng diện tích" of what?
_BARE_MEASURE_RE = re.compile(
    r"^(?:Tổng (?:diện tích|vốn|số vốn|công suất|doanh thu|giá trị)|Diện tích|Tỷ lệ lấp đầy"
    r"|Công suất|Vốn)\b",
    re.IGNORECASE,
)
_SHARE_VERB_RE = re.compile(r"\bchiếm\s*$")
_CHANGE_VERB_RE = re.compile(r"\b(tăng|giảm|vượt|đạt|bằng)(?: thêm)?\s*$")
_LEADING_SUBJECT_RE = re.compile(
    r"^(?:(?:toàn|cả)\s+)?(?:tỉnh|thành phố|huyện|địa phương)\s+(?=\S)|^(?:đã|được)\s+",
    re.IGNORECASE,
)
_INNER_AREA_RE = re.compile(
    rf"\s+(?:của (?:tỉnh|thành phố)(?: (?:{PROVINCE_NAMES}))?|của (?:{PROVINCE_NAMES})"
    rf"|trên địa bàn (?:tỉnh|thành phố)(?: (?:{PROVINCE_NAMES}))?|toàn tỉnh|cả tỉnh)(?=\s|$)"
)
_LEAD_CHUNK_RE = re.compile(
    r"^(?:theo .*|sau .*|của (?:tỉnh|thành phố).*|tính đến(?: nay)?|đến nay|hiện nay|trong đó|riêng"
    r"|tính chung|nhìn chung|cụ thể|ngoài ra|đồng thời|toàn tỉnh|cả tỉnh|tỉnh|thành phố|còn)?$",
    re.IGNORECASE,
)
_ACTION_VERBS = (
    r"triển khai|thực hiện|đầu tư|xây dựng|hoàn thành|nâng cấp|cải tạo|thu hút|cấp|hỗ trợ"
    r"|đào tạo|tổ chức|giải quyết|tiếp nhận|trồng mới|trồng|giải ngân|xử lý|kiểm tra|thanh tra"
    r"|phát hiện|thu hồi|tuyển sinh|cấp mới|thành lập|kết nạp"
)
_ACTION_VERB_RE = re.compile(rf"(?:{_ACTION_VERBS})$")
_VERB_PHRASE_RE = re.compile(
    rf"(?:đã\s+)?(?:{_ACTION_VERBS})(?:(?:,\s*|\s+và\s+)(?:{_ACTION_VERBS}))*"
)
TOPIC_RE = re.compile(
    r"^\s*Về\s+(?:(?:phát triển|kết quả|thực hiện|tình hình|lĩnh vực)\s+)*(?P<topic>[^:,;]+):"
)


@dataclass(frozen=True)
class _Clause:
    """The words around a figure, read once for every naming rule."""

    base: str  # what the clause says before the number, cleaned
    after: str  # what it says after the unit, cleaned
    unit: str
    counted: str  # the unit as the thing counted: "/9 địa phương" → "địa phương"
    previous: dict | None  # the figure before it in the sentence
    topic: str  # the sentence's "Về <topic>:"
    growth_word: str
    breakdown: bool  # "trong đó"
    share: bool  # "chiếm"
    change: re.Match | None  # tăng, giảm, vượt, đạt, bằng
    count_verb: bool  # có, với, và, gồm

    @property
    def previous_name(self) -> str | None:
        return self.previous["name"] if self.previous else None

    @property
    def is_count(self) -> bool:
        return self.unit not in NOT_COUNT_UNITS and not MONEY_UNIT_RE.search(self.unit)


def indicator_name(before: str, unit: str, after: str, previous: dict | None, topic: str) -> str:
    """The indicator a figure reports, from the words before and after it (module docstring)."""
    clause = _read_clause(before, unit, after, previous, topic)
    return (
        _name_after_previous(clause)
        or _name_of_percentage(clause)
        or _name_of_count(clause)
        or _name_of_measure(clause)
    )


def _read_clause(before: str, unit: str, after: str, previous: dict | None, topic: str):
    clause = _SPEECH_RE.split(before.split(":")[-1])[-1]
    clause = re.sub(r"^\s*Về [^,]*,", "", clause)
    text = PERIOD_RE.sub(" ", clause)
    text = AVERAGE_RE.sub(" ", text)
    text = QUALIFIER_RE.sub("", text.rstrip(" ,"))
    text = text.rstrip(" ,")
    return _Clause(
        base=_clean_phrase(_TRAILING_VERB_RE.sub("", text)),
        after=_clean_phrase(re.sub(r"\s+(?:với|và)$", "", after.rstrip()), lead=False),
        unit=unit,
        counted=re.sub(r"^/\d+\s*", "", unit),
        previous=previous,
        topic=topic,
        growth_word="tăng trưởng" if "tăng trưởng" in clause else "tăng",
        breakdown=bool(re.search(r"\btrong đó\b", clause)),
        share=bool(_SHARE_VERB_RE.search(text)),
        change=_CHANGE_VERB_RE.search(text),
        count_verb=bool(_COUNT_BEFORE_RE.search(text)),
    )


def _name_after_previous(c: _Clause) -> str | None:
    """A figure with no words of its own before it: a change of the previous one."""
    if not c.previous_name or c.base:
        return None
    if c.after.startswith("so với"):
        verb = c.change[1] if c.change else ""
        if c.unit == "lần" or not verb:
            return f"{c.previous_name} {c.after}"
        if c.unit == "điểm phần trăm":
            return f"Mức {verb} {lower_first(c.previous_name)} {c.after}"
        if c.unit.startswith("%"):
            return f"Tốc độ {verb} {lower_first(c.previous_name)} {c.after}"
        return f"{c.previous_name} {verb} {c.after}"
    if c.unit == "lần" and c.after.startswith("năm"):
        return f"{c.previous_name} {c.after}"
    return None


def _name_of_percentage(c: _Clause) -> str | None:
    """Shares, growth rates, changes in % and rates of a group."""
    base, unit, previous_name = c.base, c.unit, c.previous_name
    if c.share and unit.startswith("%"):
        if not base and previous_name and previous_name.startswith("Số "):
            return "Tỷ lệ " + previous_name[3:]
        return _share_name(base or previous_name or "", c.after)
    if c.breakdown and c.previous and c.previous["unit"] == unit and base:
        narrowed = _narrow(previous_name, re.sub(r"^ngành\s+", "", base))
        if narrowed:
            return narrowed
        if unit == "%/năm":
            return _growth_name(re.sub(r"^ngành\s+", "", base), c.growth_word)
    if unit == "%/năm":
        return _growth_name(base or previous_name or "", c.growth_word)
    if unit.startswith("%") and re.match(r"tăng trưởng\b", base, re.IGNORECASE):
        return _capitalise(f"Tốc độ {lower_first(base)}")
    if (
        unit == "%"
        and base
        and c.change
        and c.change[1] in ("tăng", "giảm")
        and not re.match(r"(?:Tốc độ|Tỷ lệ|Tỷ trọng|Chỉ số)\b", base, re.IGNORECASE)
    ):
        return _capitalise(f"Tốc độ {c.change[1]} {lower_first(base)} {c.after}")
    if unit.startswith("%") and not base and c.after:
        if previous_name and c.change and c.change[1] in ("vượt", "đạt", "bằng"):
            relation = "vượt" if c.change[1] == "vượt" else "so với"
            return f"Tỷ lệ {lower_first(previous_name)} {relation} {c.after}"
        return _capitalise("Tỷ lệ " + re.sub(r"^số\s+", "", c.after))
    return None


def _name_of_count(c: _Clause) -> str | None:
    """ "có 41 cụm công nghiệp được quy hoạch" → "Số cụm công nghiệp được quy hoạch"."""
    if not c.is_count:
        return None
    base, after, counted = c.base, c.after, c.counted
    if after and _is_verb_phrase(base):
        verb = re.sub(r"^đã\s+", "", base)
        return _capitalise(f"Số {counted} {after} được {verb}")
    if after and (c.count_verb or not base):
        return _capitalise(f"Số {counted} {after}")
    if not after and (c.count_verb or not base):
        subject = c.topic if c.count_verb and len(base.split()) > 4 else ""
        verb = _ACTION_VERB_RE.search(base)
        return _capitalise(" ".join(filter(None, ("Số", counted, subject, verb and verb[0]))))
    if not after and _is_verb_phrase(base):
        return _capitalise(f"Số {counted} {base}")
    return None


def _name_of_measure(c: _Clause) -> str:
    """Areas, lengths and bare measures; else the words before the figure."""
    base, previous = c.base, c.previous
    if c.after and _is_verb_phrase(base) and c.unit in _MEASURE_OF_UNIT:
        return _capitalise(f"{_MEASURE_OF_UNIT[c.unit]} {c.after} {base}")
    if (
        base
        and previous
        and previous.get("subject")
        and _BARE_MEASURE_RE.match(base)
        and not re.search(r"\b(?:của|các|trong)\b", base)
    ):
        return _capitalise(f"{base} các {previous['subject']}")
    if not base and c.previous_name:
        return c.previous_name
    return _capitalise(base or c.counted)


def _clean_phrase(text: str, *, lead: bool = True) -> str:
    """Words of a name without leading clauses, subjects, the province and "tổng số"."""
    text = " ".join(text.split()).strip(" ,")
    if lead:
        chunks = [chunk.strip() for chunk in text.split(",")]
        while len(chunks) > 1 and _LEAD_CHUNK_RE.match(chunks[0]):
            chunks.pop(0)
        text = ", ".join(chunks)
        text = _LEADING_FILLER_RE.sub("", text)
        text = re.sub(r"^Kết quả(?: xếp hạng)?\s+", "", text)
        for _ in range(2):
            text = _LEADING_SUBJECT_RE.sub("", text)
    text = _INNER_AREA_RE.sub("", text)
    text = re.sub(r"\s+được$", "", text)
    if not lead:
        text = re.sub(r"\bđã\s+", "", text)
    text = re.sub(r"^([Tt])ổng số vốn\b", r"\1ổng vốn", text)
    text = re.sub(r"^[Tt]ổng số\s+", "số ", text)
    return text.strip(" ,")


def _is_verb_phrase(text: str) -> bool:
    """A phrase that says what was done rather than what is measured ("thu hút", "trồng mới")."""
    return bool(_VERB_PHRASE_RE.fullmatch(text))


def _share_name(thing: str, after: str) -> str:
    """ "công nghiệp chiếm 52% GRDP" → "Tỷ trọng công nghiệp trong GRDP"."""
    thing = re.sub(r"^riêng\s+", "", thing)
    if re.match(r"Cơ cấu\s+", thing):
        return _capitalise("Tỷ trọng " + thing.split(None, 2)[2] + " trong cơ cấu kinh tế")
    whole = after.split(" của ")[0] if after else ""
    if not re.match(r"Tỷ trọng\b", thing, re.IGNORECASE):
        thing = "Tỷ trọng " + lower_first(thing)
    thing = re.sub(r"(?<!trong) GRDP$", " trong GRDP", thing)
    if whole and not thing.endswith(whole):
        thing = f"{thing} trong {whole}"
    return _capitalise(thing)


def _growth_name(thing: str, growth_word: str) -> str:
    """ "Giá trị sản xuất công nghiệp (giá so sánh 2010)" → "Tốc độ tăng trưởng giá trị …"."""
    if re.match(r"(?:Tốc độ|Tỷ lệ|Chỉ số|Năng suất)\b", thing, re.IGNORECASE):
        return _capitalise(thing)
    thing = re.sub(r"\s*\([^)]*\)", "", base_name(thing))
    thing = re.sub(r"\s+(?:tăng trưởng|tăng)$", "", thing)
    if re.match(r"tăng trưởng\b", thing, re.IGNORECASE):
        return _capitalise(f"Tốc độ {lower_first(thing)}")
    return _capitalise(f"Tốc độ {growth_word} {lower_first(thing)}".strip())


def _narrow(previous_name: str | None, part: str) -> str | None:
    """ "… sản xuất công nghiệp" narrowed by "công nghiệp chế biến, chế tạo" (a "trong đó")."""
    if not previous_name:
        return None
    words, part_words = base_name(previous_name).split(), part.split()
    for size in range(min(len(words), len(part_words)), 0, -1):
        if fold(" ".join(words[-size:])) == fold(" ".join(part_words[:size])):
            return " ".join(words[:-size] + part_words)
    return None


def lower_first(text: str) -> str:
    """Lower-case the first word unless it is an acronym ("GRDP") or a proper name."""
    first = text.split(" ", 1)[0] if text else ""
    if first and first[0].isupper() and first[1:].islower():
        return text[:1].lower() + text[1:]
    return text


def base_name(name: str) -> str:
    return re.sub(r"\s+so với .*$", "", name)


def _capitalise(text: str) -> str:
    text = " ".join(text.split()).strip(" ,")
    return text[:1].upper() + text[1:]
