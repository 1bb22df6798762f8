"""People: names, the titles printed with them, their roles at the meeting and their side."""

import re

from django.utils.translation import gettext_noop

from people.text import fold

from .notes import Note
from .organizations import Finder
from .phrases import STOP_VERB_RE, SURNAME_RE, is_capitalised, phrase_end
from .vocabulary import (
    POSITION_RE,
    PROVINCE_NAMES,
    SENTENCE_SPLIT_RE,
    expand_abbreviations,
    provinces_in,
)

# Capitalised words that never start a given name: they start titles or sentences.
_NOT_GIVEN_NAMES = {
    "Phó", "Chủ", "Bí", "Giám", "Trưởng", "Ủy", "Uỷ", "Bộ", "Vụ", "Cục", "Sở", "Ban", "Tỉnh",
    "Đồng", "Ông", "Bà", "Tổng", "Thứ", "Viện", "Công", "Đoàn", "Tại", "Về", "Theo", "Trong",
    "Các", "Hội", "Nhà", "Thủ", "Chánh", "Đảng", "Ngày", "Sáng", "Chiều", "Khu",
}  # fmt: skip
_NEXT_WORD_RE = re.compile(r" ([^\W\d_]+(?:['’][^\W\d_]+)?)")
# A name after "ông", "bà" or "đồng chí" needs no known surname: "bà Siu H'Mia".
_HONORIFIC_NAME_RE = re.compile(
    r"(?<!\w)(?:[Ôô]ng|[Bb]à|[Đđ]ồng chí)\s+([^\W\d_]+(?:['’][^\W\d_]+)?)(?= )"
)
# A place named after a place word is no person, even when it opens with a surname: "phường Vũ
# Ninh", "đường Lê Lợi", "cảng Cái Mép" (not "thôn": "… Phát triển nông thôn Nguyễn Xuân Cường").
# It runs at most three capitalised words and stops before a surname after the first, so that
# "xã Tân Lập Nguyễn Văn An" still names Nguyễn Văn An.
_PLACE_WORD_RE = re.compile(
    r"(?<!\w)(?:phường|[Xx]ã|thị trấn|[Hh]uyện|[Qq]uận|thị xã|thành phố|khu phố|tổ dân phố"
    r"|[Đđ]ường|phố|cảng|sân bay|cửa khẩu|street|[Ww]ard|[Cc]ommune|[Dd]istrict)"
    r" (?=[^\W\d_])"
)
_SHARED_TITLE_RE = re.compile(
    r"(?<!\w)(?:[Cc]ác đồng chí|[Cc]ác ông|[Cc]ác bà)\s+(?P<title>[^:;]{3,300}):\s*"
)
# Between the names of a list: commas, "và", a military rank ("Thượng tướng"), not a title.
_LIST_GAP_RE = re.compile(r"[\s,]*(?:và\s+)?(?:(?:Đại|Thượng|Trung|Thiếu) (?:tướng|tá|úy)\s+)?")
# A title of several offices runs long: "Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng, Bí thư Đảng
# ủy Mặt trận Tổ quốc và các đoàn thể Trung ương, Chủ tịch Ủy ban Trung ương …" is 33 words.
_TITLE_MAX_WORDS = 50
_TITLE_OPENER_RE = re.compile(r"\s*,\s*|\s+[-–—]\s+|\s*\(\s*")  # "A – Phó Chủ tịch …"
_TITLE_BEFORE_BOUNDARY_RE = re.compile(
    r"[.,;:(“\n]|(?<!\w)(?:[đĐ]ồng chí|[Ôô]ng|[Bb]à|có|do)(?=\s)"
)
# Leading a delegation ("Trưởng đoàn", "Phó trưởng Đoàn kiểm tra, giám sát số 15", "Trưởng Đoàn
# giám sát của Quốc hội") is a role; only a province's deputies' delegation is an office.
_DELEGATION_ROLE_RE = re.compile(
    r"^(Phó )?[Tt]rưởng [đĐ]oàn(?!(?: chuyên trách)?(?: [đĐ]oàn)? (?i:đại biểu)"
    r"|(?: chuyên trách)?(?: [đĐ]oàn)? ĐBQH)\b"
)
_ROLE_AFTER_RE = re.compile(
    r"^[\s,]*(?:đã |cũng |tiếp tục )?(?:(?P<chaired>(?:đồng )?chủ trì)"
    r"|(?P<led>dẫn đầu|làm [Tt]rưởng đoàn)"
    r"|(?P<reported>báo cáo)|(?P<spoke>phát biểu|tham gia ý kiến|cho biết|nhấn mạnh|khẳng định"
    r"|đề nghị|đánh giá|ghi nhận|chia sẻ|trình bày|kết luận|nêu|cảm ơn|lưu ý|yêu cầu|đề xuất"
    r"|bày tỏ|thông tin|giải trình|kiến nghị|nhận định|chỉ đạo|trả lời|phân tích|mong muốn"
    r"|biểu dương|nhận xét|thông báo))"
)
_ROLE_OPENING_RE = re.compile(
    r"^(?:(?P<reported>Báo cáo)|(?P<spoke>Phát biểu)|(?P<chaired>Chủ trì))\b"
)
_ROLE_ORDER = ["chaired", "led_delegation", "spoke", "reported"]
_COMPANY_WORDS_RE = re.compile(r"Công ty|Tập đoàn|Tổng công ty|Ngân hàng|HĐQT|Hội đồng quản trị")
_LOCAL_RE = re.compile(
    r"Tỉnh ủy|Tỉnh uỷ|Thành ủy|Huyện ủy|HĐND|Hội đồng nhân dân|UBND|Ủy ban nhân dân|Sở |"
    r"\btỉnh\b|\bthành phố\b|\bhuyện\b"
)
_CENTRAL_RE = re.compile(
    r"Trung ương|Bộ |Vụ |Cục |Chính phủ|Quốc hội|Trung tâm|Viện |Bộ trưởng|Thứ trưởng"
)
RECEIVED_LOCAL_DELEGATION_RE = re.compile(
    r"[Tt]iếp(?: và làm việc với)? [Đđ]oàn(?: công tác)?(?: của)? (?:tỉnh|thành phố) "
    rf"(?:{PROVINCE_NAMES})"
)


class People(Finder):
    """The people an article names, by folded name, with every title and role printed."""

    def names_in(self, line: str) -> list[str]:
        """Keys of the people named in `line`, in order, each once."""
        keys = []
        for _start, _end, name in self.name_matches(line):
            key = fold(name)
            if key in self.found and key not in keys:
                keys.append(key)
        return keys

    def name_matches(self, line: str, company_spans=()):
        """(start, end, name) of each personal name in `line`."""
        blocked = list(company_spans) + [(start, end) for start, end, _name in provinces_in(line)]
        blocked += self.organizations.names.spans(line)  # "Đoàn Thanh niên Cộng sản Hồ Chí Minh"
        blocked += list(_place_spans(line))
        previous_end = 0
        starts = [(m.start(), m.end(), m[0]) for m in SURNAME_RE.finditer(line)]
        starts += [
            (m.start(1), m.end(1), m[1])
            for m in _HONORIFIC_NAME_RE.finditer(line)
            if m[1] not in _NOT_GIVEN_NAMES and is_capitalised(m[1])
        ]
        for start, first_end, first in sorted(starts):
            if start < previous_end or any(begin <= start < end for begin, end in blocked):
                continue
            words = [first]
            position = first_end
            while len(words) < 4:
                word = _NEXT_WORD_RE.match(line, position)
                if not word or word[1] in _NOT_GIVEN_NAMES or not is_capitalised(word[1]):
                    break
                words.append(word[1])
                position = word.end()
            if len(words) >= 2:
                previous_end = position
                yield start, position, " ".join(words)

    def find(self, line: str, company_spans) -> None:
        """Record each person named in `line` with the titles and roles printed around the name."""
        for sentence in SENTENCE_SPLIT_RE.split(line):
            first_in_sentence = True
            # Titles are read on the sentence with organizations' names made inert: a comma or a
            # verb inside "Ban Chính sách, chiến lược Trung ương" does not end the title.
            masked = self.organizations.names.mask(sentence)
            for start, end, name in self.name_matches(sentence, company_spans):
                person = self.person(name)
                after_title, title_end = _title_after(sentence, end, masked)
                for title in (_title_before(sentence, start, masked), after_title):
                    if title:
                        self.add_title(person, title)
                roles = _ROLE_AFTER_RE.match(sentence[title_end if after_title else end :])
                if roles:
                    person["roles"].add(_role_of(roles))
                if first_in_sentence:
                    _opening_roles(sentence, person)
                first_in_sentence = False
            self._shared_title(sentence, company_spans)

    def _shared_title(self, sentence: str, company_spans) -> None:
        """One title printed for a list of names: "Các đồng chí Ủy viên Ban Chấp hành Trung
        ương Đảng, Phó Chủ tịch Quốc hội: Thượng tướng Trần Quang Phương, Nguyễn Đắc Định, …"
        (not when each name has its own office after the colon)."""
        shared = _SHARED_TITLE_RE.search(sentence)
        if not shared or not POSITION_RE.search(shared["title"]):
            return
        position = shared.end()
        for start, end, name in self.name_matches(sentence, company_spans):
            if start < position:
                continue
            if not _LIST_GAP_RE.fullmatch(sentence[position:start]):
                break
            self.add_title(self.person(name), shared["title"].strip())
            position = end

    def person(self, name: str) -> dict:
        return self.found.setdefault(
            fold(name), {"name": name, "titles": [], "roles": set(), "side_hint": None}
        )

    def add_title(self, person: dict, title: str) -> None:
        kept = []
        for part in _offices(title, self.organizations.names.mask(title)):
            if _DELEGATION_ROLE_RE.match(part):
                person["side_hint"] = "delegation"
                if not part.startswith("Phó"):
                    person["roles"].add("led_delegation")
            else:
                kept.append(part)
        title = ", ".join(kept)
        if title and title not in person["titles"]:
            person["titles"].append(title)

    def finish(self, person: dict, *, main_province: str | None, local_delegation: bool) -> dict:
        """The person as the draft states them: the longest title, its organization, the side."""
        titles = sorted(person["titles"], key=len, reverse=True)
        title = titles[0] if titles else ""
        if not title:
            self.warnings.append(Note(
                gettext_noop("No title is printed for %(name)s."),
                about=("person", person["name"]), name=person["name"],
            ))  # fmt: skip
        for other in titles[1:]:
            if not titles_agree(title, other):
                self.warnings.append(Note(
                    gettext_noop("%(name)s is printed as “%(title)s” and as “%(other)s”; "
                                 "kept the longer."),
                    about=("person", person["name"]), name=person["name"], title=title,
                    other=other,
                ))  # fmt: skip
        organizations = self.organizations.in_title(title, main_province)
        return {
            "name": person["name"],
            "title": title,
            "organization": organizations[0] if organizations else None,
            "side": _side(title, person, local_delegation),
            "roles": [role for role in _ROLE_ORDER if role in person["roles"]],
        }


def is_local_delegation(text: str) -> bool:
    """The text says a province's delegation was received: the sides are reversed."""
    return bool(RECEIVED_LOCAL_DELEGATION_RE.search(text))


def _opening_roles(sentence: str, person: dict) -> None:
    """Roles a sentence gives its first person: "Báo cáo …", "Tiếp và làm việc với Đoàn …"."""
    opening = _ROLE_OPENING_RE.match(sentence)
    if opening:
        person["roles"].add(_role_of(opening))
    if re.match(r"[Tt]iếp(?: và làm việc)? với [Đđ]oàn", sentence):
        person["side_hint"] = person["side_hint"] or "host"


def _side(title: str, person: dict, local_delegation: bool) -> str | None:
    if person["side_hint"]:
        return person["side_hint"]
    if not title:
        return None
    if _COMPANY_WORDS_RE.search(title):
        return "other"
    if _LOCAL_RE.search(title):
        return "delegation" if local_delegation else "host"
    if _CENTRAL_RE.search(title):
        return "host" if local_delegation else "delegation"
    return "other"


def _offices(title: str, masked: str) -> list[str]:
    """The offices of a title, split at commas outside organizations' names; a part in lower
    case goes on the office before it ("Phó trưởng Đoàn kiểm tra, giám sát số 15")."""
    offices: list[str] = []
    start = 0
    for joint in [*re.finditer(r"\s*,\s*", masked), None]:
        part = title[start : joint.start() if joint else len(title)].strip()
        start = joint.end() if joint else start
        if offices and part and not part[0].isupper():
            offices[-1] += ", " + part
        elif part:
            offices.append(part)
    return offices


def _title_after(sentence: str, name_end: int, masked: str) -> tuple[str | None, int]:
    """A title printed right after a name: ", <title>", " - <title>" or " (<title>)"."""
    opener = _TITLE_OPENER_RE.match(sentence, name_end)
    if not opener or not (
        POSITION_RE.match(masked, opener.end()) or POSITION_RE.match(sentence, opener.end())
    ):  # the sentence too: "Tỉnh ủy viên" opens with a masked organization's name
        return None, name_end
    end = phrase_end(masked, opener.end(), commas_continue=True)
    title = " ".join(sentence[opener.end() : end].split()[:_TITLE_MAX_WORDS]).strip(" ,-")
    return title or None, end


def _title_before(sentence: str, name_start: int, masked: str) -> str | None:
    """A title printed right before a name: "Phó Trưởng Ban Kinh tế Trung ương Nguyễn Đức Hiển",
    with the offices printed before it between commas: "do Ủy viên Bộ Chính trị, Chủ tịch nước
    Lương Cường chủ trì"."""
    head = masked[:name_start]
    boundaries = list(_TITLE_BEFORE_BOUNDARY_RE.finditer(head))
    segment_start = boundaries[-1].end() if boundaries else 0
    segment = head[segment_start:]
    # Offices are looked for in the sentence too: "Chánh Văn phòng Trung ương Đảng" opens
    # with an office whose organization's name is masked.
    starts = {match.start() for match in POSITION_RE.finditer(segment)}
    starts |= {match.start() for match in POSITION_RE.finditer(sentence[segment_start:name_start])}
    for position in sorted(starts):
        if position and segment[position - 1] != " ":
            continue
        candidate = segment[position:].strip()
        if candidate and not STOP_VERB_RE.search(" " + candidate):
            start = _offices_before(head, boundaries, segment_start + position)
            return sentence[start:name_start].strip()
    return None


def _offices_before(head: str, boundaries: list[re.Match], start: int) -> int:
    """Where the title that starts at `start` really starts: earlier offices joined to it by
    commas count ("dưới sự chủ trì của Ủy viên Trung ương Đảng, Phó chủ tịch Quốc hội …"): each
    part opens with an office's word, or the first has one after other words; a part naming a
    person ("ông A, Bí thư Tỉnh ủy, Chủ tịch …") makes them that person's title, not this one's."""
    index = len(boundaries) - 1
    if index < 0 or head[boundaries[index].end() : start].strip():
        return start
    extended = start
    while index >= 0 and boundaries[index][0] == ",":
        part_start = boundaries[index - 1].end() if index else 0
        part = head[part_start : boundaries[index].start()]
        if _has_name(part):
            return start
        office = _first_office(part)
        if office is None:
            return extended
        extended = part_start + office
        if office > len(part) - len(part.lstrip()):
            return extended
        index -= 1
    return extended


def _first_office(part: str) -> int | None:
    """Where the first office printed in `part` starts, if the rest of the part is a title."""
    for position in POSITION_RE.finditer(part):
        if position.start() and part[position.start() - 1] != " ":
            continue
        if not STOP_VERB_RE.search(" " + part[position.start() :]):
            return position.start()
    return None


def _place_spans(line: str):
    """(start, end) of each place's name printed after a place word (see _PLACE_WORD_RE)."""
    for match in _PLACE_WORD_RE.finditer(line):
        position, words = match.end(), 0
        while words < 3:
            word = _NEXT_WORD_RE.match(line, position - 1)
            if not word or not is_capitalised(word[1]):
                break
            if words and SURNAME_RE.match(word[1] + " "):
                break
            position, words = word.end() + 1, words + 1
        if words:
            yield match.end(), position - 1


def _has_name(text: str) -> bool:
    """A personal name is printed in `text` (a known surname and a capitalised word, not a
    province's name: "Bí thư Tỉnh ủy Hà Giang" names nobody)."""
    places = provinces_in(text)
    for match in SURNAME_RE.finditer(text):
        following = text[match.end() :].split()[:1]
        in_place = any(begin <= match.start() < end for begin, end, _name in places)
        if following and is_capitalised(following[0]) and not in_place:
            return True
    return False


def _role_of(match: re.Match) -> str:
    group = next(name for name, value in match.groupdict().items() if value)
    return {"led": "led_delegation"}.get(group, group)


def _expand(title: str) -> str:
    return fold(expand_abbreviations(title))


def titles_agree(longer: str, shorter: str) -> bool:
    """Every part of the shorter title is a prefix of a part of the longer one, or the reverse."""
    long_parts = [part.strip() for part in _expand(longer).split(",")]
    for part in (part.strip() for part in _expand(shorter).split(",")):
        if not any(other.startswith(part) or part.startswith(other) for other in long_parts):
            return False
    return True
