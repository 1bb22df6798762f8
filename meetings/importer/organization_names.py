"""Organization names read whole, commas and all: Vietnam's central bodies, provincial bodies,
and the names the archive already holds.

The central bodies are a reference list shipped as data (`data/organizations.txt`, which says
where it comes from); the provincial bodies are patterns (Tỉnh ủy, HĐND, UBND, the Front's
committee of a province, and its departments, named after the ministries); the archive's names
are passed in by the caller (`extract_article(text, known_organizations=…)`), so that the
extractor stays free of the database. A name is found however the report spells its joints
("Văn hóa, Thể thao và Du lịch", "Văn hóa, Thể thao & Du lịch"), its capitals ("Ban chỉ đạo"),
its tone marks ("Uỷ ban") and its usual abbreviations ("Đảng ủy MTTQ"); it must start with a
capital.
"""

import re
from functools import lru_cache
from pathlib import Path

from .phrases import STOP_VERB_RE
from .vocabulary import ORG_HEAD_RE, POSITION_RE, PROVINCES, fold_keeping_case

_DATA = Path(__file__).resolve().parent / "data" / "organizations.txt"
# The joints between the parts of a name, which reports print interchangeably.
_JOINT_RE = re.compile(r"\s*,\s*|\s+v[aà]\s+|\s*&\s*|\s+[-–]\s+")
_JOINT = r"(?:\s*,\s*|\s+va\s+|\s*&\s*|\s*[-–]\s*)"
# "Phó trưởng ban Chính sách, chiến lược Trung ương": the office's "ban" opens the name.
_OFFICE_BAN_RE = re.compile(r"(?<![^\W\d_])truong\s+$", re.IGNORECASE)
# Words a report may print abbreviated (folded, as the names are matched folded).
_ABBREVIATED = {
    "Uy ban nhan dan": ["UBND"],
    "Hoi dong nhan dan": ["HDND"],
    "Mat tran To quoc": ["MTTQ"],
    "Ban Chap hanh": ["BCH"],
    "Ban Thuong vu": ["BTV"],
    "Van hoa, The thao va Du lich": ["VH,TT&DL", "VHTTDL"],
    "Nong nghiep va Phat trien nong thon": ["NN&PTNT", "NNPTNT"],
    "Ke hoach va Dau tu": ["KH&DT", "KHDT"],
    "Lao dong, Thuong binh va Xa hoi": ["LD-TB&XH", "LDTBXH"],
    "Tai nguyen va Moi truong": ["TN&MT", "TNMT"],
    "Giao duc va Dao tao": ["GD&DT", "GDDT"],
    "Khoa hoc va Cong nghe": ["KH&CN", "KHCN"],
    "Thong tin va Truyen thong": ["TT&TT", "TTTT"],
    "Giao thong van tai": ["GTVT"],
}
# Provincial bodies: the province's own, and its departments (Sở), named after the ministries.
_LOCAL_BODIES = [
    "Tỉnh ủy", "Thành ủy", "Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Thành ủy",
    "Ủy ban Kiểm tra Tỉnh ủy", "Hội đồng nhân dân", "Ủy ban nhân dân", "Hội đồng nhân dân tỉnh",
    "Hội đồng nhân dân thành phố", "Ủy ban Mặt trận Tổ quốc Việt Nam", "Ủy ban Mặt trận Tổ quốc",
    "Ủy ban nhân dân tỉnh", "Ủy ban nhân dân thành phố", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    "Ủy ban Mặt trận Tổ quốc tỉnh", "Đoàn đại biểu Quốc hội tỉnh",
    "Đoàn đại biểu Quốc hội thành phố",
]  # fmt: skip
_EXTRA_DEPARTMENTS = ["Sở Ngoại vụ", "Sở Kế hoạch và Đầu tư", "Sở Tài nguyên và Môi trường"]


def reference_names() -> list[str]:
    """The central bodies of `data/organizations.txt`, as officially written."""
    lines = _DATA.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _local_pattern(central: list[str]) -> str:
    """A provincial body or department, with or without its province: "Sở Công Thương tỉnh
    Bắc Ninh", "UBND tỉnh", "Tỉnh ủy Thái Nguyên", "UBND TP. Hồ Chí Minh"."""
    departments = ["Sở " + name[3:] for name in central if name.startswith("Bộ ")]
    bodies = _LOCAL_BODIES + departments + _EXTRA_DEPARTMENTS
    body = "|".join(sorted({_pattern(name) for name in bodies}, key=len, reverse=True))
    province = "|".join(sorted({_pattern(name) for name in PROVINCES}, key=len, reverse=True))
    city = r"(?:tinh|thanh\s+pho)\s+|TP\.?\s*"  # "UBND TP. Hồ Chí Minh", "Thành ủy TP.HCM"
    return rf"(?:{body})(?:\s+(?:{city})?(?:{province}|HCM))?"


def _pattern(name: str) -> str:
    """A folded, case-blind pattern for `name` with any joint and its abbreviations."""
    folded = fold_keeping_case(" ".join(name.split()))
    parts = []
    for chunk in _JOINT_RE.split(folded):
        parts.append(r"\s+".join(re.escape(word) for word in chunk.split()))
    pattern = _JOINT.join(parts)
    for words, abbreviation in _ABBREVIATED.items():
        whole = _JOINT.join(
            r"\s+".join(re.escape(word) for word in chunk.split())
            for chunk in _JOINT_RE.split(words)
        )
        shorts = "|".join(re.escape(short) for short in abbreviation)
        pattern = pattern.replace(whole, f"(?:{whole}|{shorts})")
    return pattern


def _alternation(patterns: list[str]) -> re.Pattern:
    # A name starts with a capital (or the office's "ban"): the cheap test comes first.
    patterns = sorted(set(patterns), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?=[A-Z]|ban\s)(?i:" + "|".join(patterns) + r")(?!\w)")


@lru_cache(maxsize=1)
def _reference() -> re.Pattern:
    central = reference_names()
    return _alternation([_pattern(name) for name in central] + [_local_pattern(central)])


@lru_cache(maxsize=1)
def _reference_by_name() -> list[tuple[re.Pattern, str]]:
    return [(re.compile(_pattern(name), re.IGNORECASE), name) for name in reference_names()]


@lru_cache(maxsize=4)
def _known(names: tuple[str, ...]) -> re.Pattern | None:
    return _alternation([_pattern(name) for name in names]) if names else None


def _usable(name) -> str:
    """A known name worth reading titles by: two words or more, starting with a capital and not
    with an office's word (a fragment stored by mistake, "Ban" or "Đại biểu Quốc hội tỉnh X",
    is not one)."""
    name = " ".join(str(name or "").split())
    usable = len(name.split()) >= 2 and name[0].isupper() and not POSITION_RE.match(name)
    return name if usable and _needed(name) else ""


def _needed(name: str) -> bool:
    """Only names the rules would not read whole are compiled (an archive holds thousands):
    those with a joint or a verb inside, or not opening with an office's head word."""
    return bool(_JOINT_RE.search(name) or STOP_VERB_RE.search(name) or not ORG_HEAD_RE.match(name))


class OrganizationNames:
    """Finds the organizations of the reference list, the provinces and `known` in a text."""

    def __init__(self, known=()):
        names = tuple(sorted({_usable(name) for name in known or ()} - {""}))
        self._patterns = [pattern for pattern in (_reference(), _known(names)) if pattern]
        self._spans: dict[str, list[tuple[int, int]]] = {}

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each organization named in `text`; the longest where they overlap."""
        if text not in self._spans:
            self._spans[text] = self._find(text)
        return self._spans[text]

    def _find(self, text: str) -> list[tuple[int, int]]:
        folded = fold_keeping_case(text)
        found = sorted(
            (match.span() for pattern in self._patterns for match in pattern.finditer(folded)
             if text[match.start()].isupper()
             or text[match.start() : match.start() + 4] == "ban "
             and _OFFICE_BAN_RE.search(folded, max(0, match.start() - 12), match.start())),
            key=lambda span: (span[0], -span[1]),
        )  # fmt: skip
        spans: list[tuple[int, int]] = []
        for start, end in found:
            if not spans or start >= spans[-1][1]:
                spans.append((start, end))
        return spans

    def is_name(self, text: str) -> bool:
        """`text` is exactly one organization's name."""
        text = text.strip()
        folded = fold_keeping_case(text)
        return bool(text) and text[0].isupper() and any(p.fullmatch(folded) for p in self._patterns)

    def canonical(self, text: str) -> str | None:
        """The reference list's spelling of the central body `text` names, if it names one:
        "Đảng ủy MTTQ, các đoàn thể Trung ương" → "Đảng ủy Mặt trận Tổ quốc, các đoàn thể
        Trung ương"."""
        folded = fold_keeping_case(" ".join(text.split()))
        return next(
            (name for pattern, name in _reference_by_name() if pattern.fullmatch(folded)), None
        )

    def mask(self, text: str) -> str:
        """`text` with the joints and spaces inside organizations' names made inert (`_`), so
        that rules reading where a title ends do not stop inside a name; spans stay valid."""
        chars = list(text)
        for start, end in self.spans(text):
            for index in range(start, end):
                if not chars[index].isalnum():
                    chars[index] = "_"
        return "".join(chars)
