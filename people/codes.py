"""Reference codes of Party and State documents, in every form people write them.

The issuer is part of a document's identity: 52-NQ/TW (Politburo) and 52/NQ-CP (Government) differ.
Party documents print as `52-NQ/TW`; State documents as `1234/QĐ-TTg` or `13/2023/NĐ-CP`.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .text import fold

# Folded type letters → the type as printed.
DOCUMENT_TYPES = {
    "NQ": "NQ",
    "KL": "KL",
    "CT": "CT",
    "QD": "QĐ",
    "ND": "NĐ",
    "TB": "TB",
    "TT": "TT",
    "HD": "HD",
    "QC": "QC",
    "QDI": "QĐi",
    "KH": "KH",
    "BC": "BC",
    "CTR": "CTr",
    "DA": "ĐA",
    "TTR": "TTr",
}
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

_TYPES = r"NQ|KL|CTR|CT|QDI|QD|ND|TB|TTR|TT|HD|QC|KH|BC|DA"
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


# Document types spelled out, folded and upper-cased: "nghị quyết" → NGHI QUYET → NQ.
TYPE_WORDS = {
    "NGHI QUYET": "NQ",
    "KET LUAN": "KL",
    "CHI THI": "CT",
    "QUYET DINH": "QD",
    "NGHI DINH": "ND",
    "THONG BAO": "TB",
    "THONG TU": "TT",
    "HUONG DAN": "HD",
    "QUY CHE": "QC",
    "QUY DINH": "QDI",
}
_TYPE = "|".join([*TYPE_WORDS, "QDI", *(t for t in DOCUMENT_TYPES if t != "QDI")])
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
