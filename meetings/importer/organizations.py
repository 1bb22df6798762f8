"""Organizations: those named in titles (with their parents), in running text, and companies."""

import re

from people.text import fold

from .organization_names import OrganizationNames
from .phrases import phrase_end
from .vocabulary import (
    LOWER,
    MINISTRY_FIELDS,
    ORG_HEAD_RE,
    POSITION_RE,
    PROVINCE_NAMES,
    UPPER,
    expand_abbreviations,
    provinces_in,
)

# Bodies recognised in running text (inside titles the comma-bounded title gives the extent).
ORG_IN_TEXT_RE = re.compile(
    r"Bộ Chính trị|Ban Bí thư|Ban Chấp hành Trung ương(?: Đảng)?|Văn phòng Chính phủ"
    r"|Thủ tướng Chính phủ|Chính phủ|Quốc hội"
    rf"|(?<!các )Ban [{UPPER}][{LOWER}]*(?: [{LOWER}]+){{0,2}} Trung ương"
    rf"|Bộ (?:{MINISTRY_FIELDS})"
    rf"|Sở (?:{MINISTRY_FIELDS})(?: (?:tỉnh|thành phố) (?:{PROVINCE_NAMES}))?"
)
_COMPANY_RE = re.compile(
    r"(?<!\w)(?:Công ty|Tổng công ty|Tập đoàn)(?= )"
    r"(?: (?:cổ phần|TNHH(?: một thành viên| MTV)?|trách nhiệm hữu hạn(?: một thành viên)?))?"
)
_VISIT_RE = re.compile(r"khảo sát|thăm|tham quan|làm việc tại|kiểm tra")


class Finder:
    """What one kind of rule found in an article; it registers organizations and warns."""

    def __init__(self, *, organizations: "Organizations", warnings: list[str]):
        self.found: dict[str, dict] = {}
        self.organizations = organizations
        self.warnings = warnings


class Organizations:
    """The organizations an article names, by folded name, each with its kind and parent."""

    def __init__(self, known=()):
        self.found: dict[str, dict] = {}
        self.names = OrganizationNames(known)

    def add(self, name: str) -> str:
        """Register `name` once; the name as first printed."""
        key = fold(name)
        if key not in self.found:
            self.found[key] = {"name": name, "kind": _organization_kind(name), "parent": None}
        return self.found[key]["name"]

    def in_text(self, line: str) -> None:
        for match in ORG_IN_TEXT_RE.finditer(line):
            # "Ban … Trung ương" in running text must be a commission's name, not "Ban Đảng".
            if not match[0].startswith("Ban ") or self.names.is_name(match[0]):
                self.add(self.names.canonical(match[0]) or match[0])

    def companies(self, joined: str, site_visits: list[str]) -> list[tuple[int, int]]:
        """Spans of the companies named in `joined`; those visited are added to `site_visits`."""
        spans = []
        for match in _COMPANY_RE.finditer(joined):
            end = phrase_end(joined, match.end(), commas_continue=False)
            name = joined[match.start() : end].strip()
            if len(name.split()) < 3:
                continue
            spans.append((match.start(), end))
            self.add(name)
            sentence_start = max(
                joined.rfind(". ", 0, match.start()), joined.rfind("\n", 0, match.start())
            )
            if (
                _VISIT_RE.search(joined[sentence_start + 1 : match.start()])
                and name not in site_visits
            ):
                site_visits.append(name)
        return spans

    def in_title(self, title: str, main_province: str | None) -> list[str]:
        """Organizations named in a title, registering them with their parents; first is primary."""
        if not title:
            return []
        segments: list[str] = []
        for part in _parts(title, self.names.mask(title)):
            if segments and not (POSITION_RE.match(part) or ORG_HEAD_RE.match(part)):
                segments[-1] += ", " + part
            else:
                segments.append(part)
        provinces = provinces_in(title)
        province = provinces[-1][2] if provinces else main_province
        names: list[str] = []
        previous = None
        for segment in segments:
            position = POSITION_RE.match(segment)
            if position:
                org = segment[position.end() :].strip()
                if re.search(r"(?i:Trưởng ban)$", position[0]) and org:
                    org = "Ban " + org
                elif org.startswith("ban "):
                    org = "Ban " + org[4:]
                name = self.add_whole(complete_local_name(org, province)) if org else None
                previous = name
                if name:
                    names.append(name)
            elif ORG_HEAD_RE.match(segment):
                name = self.add_whole(complete_local_name(segment, province))
                if name and previous and previous != name:
                    self.found[fold(previous)]["parent"] = name
                previous = None
        return names

    def add_whole(self, name: str) -> str | None:
        """Register `name` only if it is a whole organization's name: one of the reference list
        (registered as the list writes it: "Bộ Văn hóa, Thể thao & Du lịch" is "Bộ Văn hóa, Thể
        thao và Du lịch") or of the archive, or a name the rules read (an office's head word and
        more: "Vụ Công nghiệp"); never a fragment ("Ban", "kiểm tra", ", Phó trưởng ban …")."""
        if self.names.is_name(name) or is_whole_name(name):
            return self.add(self.names.canonical(name) or name)
        return None


def _parts(title: str, masked: str) -> list[str]:
    """`title` split at ", " outside the organizations' names (`masked` marks them)."""
    parts, start = [], 0
    for joint in re.finditer(r", ", masked):
        parts.append(title[start : joint.start()])
        start = joint.end()
    return parts + [title[start:]]


_FRAGMENT_END_RE = re.compile(r"(?:\s(?:và|của|các|và các|tại|số)|[,\-–&])$")


def is_whole_name(name: str) -> bool:
    """A name the rules read: an office's head word ("Ban", "Vụ", "Tỉnh ủy", …) and more than
    that word, not ending on a joint ("Ban Tổ chức và"), nor starting with a comma."""
    head = ORG_HEAD_RE.match(name)
    return bool(head) and bool(name[head.end() :].strip()) and not _FRAGMENT_END_RE.search(name)


def complete_local_name(org: str, province: str | None) -> str:
    """`UBND tỉnh` → `Ủy ban nhân dân tỉnh Thái Nguyên`: a local body is named with its province."""
    org = expand_abbreviations(org)
    if province and re.fullmatch(r"(?:Tỉnh ủy|Tỉnh uỷ|Thành ủy)", org):
        return f"{org} {province}"
    if province and re.search(r"\b(?:tỉnh|thành phố)$", org):
        return f"{org} {province}"
    return org


def _organization_kind(name: str) -> str:
    rules = [
        (r"^Bộ Chính trị", "politburo"),
        (r"^Ban .+ Trung ương$", "party_central_commission"),
        (r"^(?:Ban Thường vụ )?(?:Tỉnh ủy|Tỉnh uỷ|Thành ủy|Huyện ủy|Đảng ủy)", "party_committee"),
        (r"^Bộ ", "ministry"),
        (r"^(?:Vụ|Cục|Tổng cục) ", "ministry_department"),
        (r"^Hội đồng nhân dân", "people_council"),
        (r"^Ủy ban nhân dân", "people_committee"),
        (r"^Sở ", "provincial_department"),
        (r"^(?:Công ty|Tập đoàn|Tổng công ty|Nhà máy|Ngân hàng)", "enterprise"),
        (r"^(?:Trung tâm|Viện|Học viện) ", "research_centre"),
        (r"Chính phủ$", "government"),
    ]
    return next((kind for pattern, kind in rules if re.search(pattern, name)), "other")
