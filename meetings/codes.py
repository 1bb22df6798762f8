"""Reference codes of Party and State documents, in every form people write them.

The issuer is part of a document's identity: 52-NQ/TW (Politburo) and 52/NQ-CP (Government) differ.
Party documents print as `52-NQ/TW`; State documents as `1234/QĐ-TTg` or `13/2023/NĐ-CP`.
"""

import re
from dataclasses import dataclass

from people.text import fold

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
}
# Issuing suffixes as printed, by their folded form. TƯ is folded to TW before lookup,
# because folded it would read as TU (a provincial party committee, Tỉnh ủy).
SUFFIXES = {"TW": "TW", "CP": "CP", "TTG": "TTg", "TU": "TU", "HU": "HU", "DU": "ĐU", "QH": "QH"}
PARTY_SUFFIXES = {"TW", "TU", "HU", "ĐU"}

_CODE = re.compile(
    r"(?<![0-9A-Z])(?P<number>\d{1,5})\s*[-/]\s*(?:(?P<year>(?:19|20)\d\d)\s*/\s*)?"
    r"(?P<type>NQ|KL|CT|QDI|QD|ND|TB|TT|HD|QC)\s*[-/]\s*(?P<suffix>[A-Z]{2,4})(?![A-Z])"
)


@dataclass(frozen=True)
class DocumentCode:
    """The parts of a document code."""

    number: str
    doc_type: str
    suffix: str
    year: int | None = None

    @property
    def key(self) -> str:
        """The identity: leading zeros and letter case do not make another document."""
        return fold(f"{int(self.number)}-{self.year or ''}-{self.doc_type}-{self.suffix}")

    def __str__(self):
        if self.suffix in PARTY_SUFFIXES:
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
    suffix = SUFFIXES.get(match["suffix"])
    if suffix is None:
        return None
    return DocumentCode(
        number=match["number"],
        doc_type=DOCUMENT_TYPES[match["type"]],
        suffix=suffix,
        year=int(match["year"]) if match["year"] else None,
    )


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
