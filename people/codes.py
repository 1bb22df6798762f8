"""Reference codes of Party and State documents, in every form people write them.

The issuer is part of a document's identity: 52-NQ/TW (Politburo) and 52/NQ-CP (Government) differ.
Party documents print as `52-NQ/TW`; State documents as `1234/QĐ-TTg` or `13/2023/NĐ-CP`.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .text import fold


@dataclass(frozen=True)
class DocumentKind:
    """One type of document: its letters as printed, its name, and the name editors read."""

    printed: str  # "QĐ"; empty for a document whose code has no type letters
    name: str  # the words that spell it out in Vietnamese text: "Quyết định"
    label: str  # the choice label, translated where the admin shows it
    # An everyday noun too ("báo cáo 12 doanh nghiệp"): a bare mention must say "số".
    everyday: bool = False

    @property
    def letters(self) -> str:
        """The letters folded and upper-cased, as codes are matched: QĐ → QD, QĐi → QDI."""
        return fold(self.printed).upper()

    @property
    def words(self) -> str:
        """The name folded and upper-cased, as references are matched: NGHI QUYET."""
        return fold(self.name).upper()


def gettext_noop(message: str) -> str:
    """Marks a label for `makemessages` (Django's own needs settings; this module needs none)."""
    return message


# Every document type the archive reads, stores and prints.
DOCUMENT_KINDS = (
    DocumentKind("NQ", "Nghị quyết", gettext_noop("Resolution (Nghị quyết)")),
    DocumentKind("KL", "Kết luận", gettext_noop("Conclusion (Kết luận)")),
    DocumentKind("CT", "Chỉ thị", gettext_noop("Directive (Chỉ thị)")),
    DocumentKind("QĐ", "Quyết định", gettext_noop("Decision (Quyết định)")),
    DocumentKind("NĐ", "Nghị định", gettext_noop("Decree (Nghị định)")),
    DocumentKind("TB", "Thông báo", gettext_noop("Notice (Thông báo)")),
    DocumentKind("TT", "Thông tư", gettext_noop("Circular (Thông tư)")),
    DocumentKind("HD", "Hướng dẫn", gettext_noop("Guidance (Hướng dẫn)")),
    DocumentKind("QC", "Quy chế", gettext_noop("Regulation (Quy chế)")),
    DocumentKind("QĐi", "Quy định", gettext_noop("Regulation (Quy định)")),
    DocumentKind("KH", "Kế hoạch", gettext_noop("Plan (Kế hoạch)"), everyday=True),
    DocumentKind("BC", "Báo cáo", gettext_noop("Report (Báo cáo)"), everyday=True),
    DocumentKind("CTr", "Chương trình", gettext_noop("Programme (Chương trình)"), everyday=True),
    DocumentKind("ĐA", "Đề án", gettext_noop("Scheme (Đề án)"), everyday=True),
    DocumentKind("TTr", "Tờ trình", gettext_noop("Submission (Tờ trình)"), everyday=True),
    # Laws and the National Assembly's resolutions print no type: 43/2024/QH15, 35/2023/UBTVQH15.
    DocumentKind("", "", gettext_noop("Without type letters (a law, 35/2023/UBTVQH15)")),
)
KIND_BY_PRINTED = {kind.printed: kind for kind in DOCUMENT_KINDS}
# Folded type letters → the type as printed.
DOCUMENT_TYPES = {kind.letters: kind.printed for kind in DOCUMENT_KINDS if kind.printed}
# Document types spelled out, folded and upper-cased: "nghị quyết" → NGHI QUYET → NQ.
TYPE_WORDS = {kind.words: kind.letters for kind in DOCUMENT_KINDS if kind.printed}


def _longest_first(words) -> str:
    """An alternation that tries QDI before QD and TTR before TT."""
    return "|".join(sorted(words, key=len, reverse=True))


# Issuing suffixes as printed, by their folded form. TƯ is folded to TW before lookup,
# because folded it would read as TU (a provincial party committee, Tỉnh ủy).
SUFFIXES = {
    # Party: Central Committee, provincial, district and grass-roots committees, party caucuses.
    "TW": "TW", "TU": "TU", "HU": "HU", "DU": "ĐU", "BCSD": "BCSĐ",
    # State: Government, Prime Minister, Government Office, National Assembly and its Standing
    # Committee, local councils and committees, ministries.
    "CP": "CP", "TTG": "TTg", "VPCP": "VPCP", "QH": "QH", "UBTVQH": "UBTVQH",
    "HDND": "HĐND", "UBND": "UBND", "BCT": "BCT", "BTC": "BTC", "BYT": "BYT", "BNV": "BNV",
    "BTP": "BTP", "BCA": "BCA", "BQP": "BQP", "BXD": "BXD", "BKHDT": "BKHĐT",
    "BNNPTNT": "BNNPTNT", "BTNMT": "BTNMT", "BGTVT": "BGTVT", "BGDDT": "BGDĐT",
    "BTTTT": "BTTTT", "BKHCN": "BKHCN", "BLDTBXH": "BLĐTBXH", "BVHTTDL": "BVHTTDL",
    "NHNN": "NHNN",
    # Party central commissions and offices: Tổ chức, Tuyên giáo, Kinh tế, Dân vận, Nội chính,
    # Kiểm tra, Văn phòng Trung ương.
    "BTCTW": "BTCTW", "BTGTW": "BTGTW", "BKTTW": "BKTTW", "BDVTW": "BDVTW", "BNCTW": "BNCTW",
    "UBKTTW": "UBKTTW", "VPTW": "VPTW",
}  # fmt: skip
PARTY_SUFFIXES = {"TW", "TU", "HU", "ĐU", "BCSĐ", "BTCTW", "BTGTW", "BKTTW", "BDVTW", "BNCTW",
                  "UBKTTW", "VPTW"}  # fmt: skip

_TYPES = _longest_first(DOCUMENT_TYPES)
_CODE = re.compile(
    r"(?<![0-9A-Z])(?P<number>\d{1,5})\s*(?P<first>[-/])\s*(?:(?P<year>(?:19|20)\d\d)\s*/\s*)?"
    rf"(?:(?P<type>{_TYPES})\s*[-/]\s*)?(?P<suffix>[A-Z]{{2,8}})(?P<term>\d{{1,2}})?(?![A-Z0-9])"
)
# The same, as printed in running text (any case, Đ, TƯ), to find where codes are. A code
# without type letters has a year and an issuer with its term: laws and resolutions of the
# National Assembly (43/2024/QH15) and its Standing Committee (35/2023/UBTVQH15).
_CODE_IN_TEXT = re.compile(
    r"(?<![\w/-])\d{1,5}(?:\s?[-/]\s?(?:(?:19|20)\d\d\s?/\s?)?[A-Za-zĐđ]{2,3}\s?[-/]\s?"
    r"[A-Za-zĐđƯư]{2,8}\d{0,2}|/(?:19|20)\d\d/[A-ZĐ]{2,8}\d{1,2})(?![\w/])"
)


@dataclass(frozen=True)
class DocumentCode:
    """The parts of a document code."""

    number: str
    doc_type: str
    suffix: str
    year: int | None = None
    party_form: bool = False

    @property
    def key(self) -> str:
        """The identity: leading zeros and letter case do not make another document."""
        return fold(f"{int(self.number)}-{self.year or ''}-{self.doc_type}-{self.suffix}")

    def __str__(self):
        if not self.doc_type:
            return f"{self.number}/{self.year}/{self.suffix}"
        if self.suffix in PARTY_SUFFIXES or self.party_form:
            return f"{self.number}-{self.doc_type}/{self.suffix}"
        if self.year:
            return f"{self.number}/{self.year}/{self.doc_type}-{self.suffix}"
        return f"{self.number}/{self.doc_type}-{self.suffix}"


_TU_SUFFIX = re.compile(r"(?<=[-/])\s*T[ƯưỨứ](?!\w)", re.IGNORECASE)


def _fold_upper(text: str) -> str:
    return fold(_TU_SUFFIX.sub("TW", text)).upper()


def parse_code(text: str) -> DocumentCode | None:
    """The first full document code in `text` (any separator order, any case), or None."""
    match = _CODE.search(_fold_upper(text or ""))
    if not match:
        return None
    if not match["type"] and not (match["year"] and match["term"]):
        return None
    # An issuer not in the table is kept as printed in capitals (its Đ read as D); a term of
    # the National Assembly stays on its issuer (UBTVQH15).
    suffix = SUFFIXES.get(match["suffix"], match["suffix"]) + (match["term"] or "")
    return DocumentCode(
        number=match["number"],
        doc_type=DOCUMENT_TYPES[match["type"]] if match["type"] else "",
        suffix=suffix,
        year=int(match["year"]) if match["year"] else None,
        # "26-HD/BTCTW": a number joined by a hyphen is a Party document, whoever issued it.
        party_form=match["first"] == "-" and not match["year"],
    )


def find_codes(text: str) -> Iterator[tuple[int, int, DocumentCode]]:
    """(start, end, code) of every full document code printed in `text`, in order."""
    for match in _CODE_IN_TEXT.finditer(text or ""):
        code = parse_code(match[0])
        if code is not None:
            yield match.start(), match.end(), code


def normalise_code(text: str) -> str | None:
    """`52/nq-tw` → `52-NQ/TW`; None when `text` holds no full code."""
    code = parse_code(text)
    return str(code) if code else None


_TYPE = _longest_first([*TYPE_WORDS, *DOCUMENT_TYPES])
_LOOSE_CODES = [
    # NQ 52, nq52, NQ-52, nghị quyết 52, nghị quyết số 52, NQ 52 TW
    re.compile(
        rf"^(?P<type>{_TYPE})\s*(?:SO\s*)?[-/ .]?\s*(?P<number>\d{{1,5}})"
        r"(?:\s*[-/ ]\s*(?P<suffix>[A-Z]{2,4}))?$"
    ),
    # 52 NQ, 52-NQ, 52/NQ
    re.compile(rf"^(?P<number>\d{{1,5}})\s*[-/ ]\s*(?P<type>{_TYPE})$"),
    # 52
    re.compile(r"^(?:SO\s*)?(?P<number>\d{1,5})$"),
]


@dataclass(frozen=True)
class LooseCode:
    """A document reference without all of its parts ("NQ 52", "nghị quyết 52", "52")."""

    number: str
    doc_type: str | None = None
    suffix: str | None = None


def parse_loose_code(text: str) -> LooseCode | None:
    """The reference `text` consists of when it is not a full code, or None.

    Only the whole of `text` counts: "NQ 52" is a reference, "NQ 52 về công nghiệp" is free text.
    """
    folded = " ".join(_fold_upper(text or "").replace("SỐ", "SO").split())
    for pattern in _LOOSE_CODES:
        match = pattern.match(folded)
        if not match:
            continue
        parts = match.groupdict()
        doc_type = parts.get("type")
        if doc_type:
            doc_type = DOCUMENT_TYPES[TYPE_WORDS.get(doc_type, doc_type)]
        suffix = parts.get("suffix")
        if suffix:
            suffix = SUFFIXES.get(suffix)
            if suffix is None:
                return None
        return LooseCode(number=str(int(match["number"])), doc_type=doc_type, suffix=suffix)
    return None
