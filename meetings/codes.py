"""Reference codes of Party and State documents, in every form people write them.

The issuer is part of a document's identity: 52-NQ/TW (Politburo) and 52/NQ-CP (Government) differ.
Party documents print as `52-NQ/TW`; State documents as `1234/QĐ-TTg` or `13/2023/NĐ-CP`.
"""

import re
from collections.abc import Iterator
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
}  # fmt: skip
PARTY_SUFFIXES = {"TW", "TU", "HU", "ĐU", "BCSĐ"}

_CODE = re.compile(
    r"(?<![0-9A-Z])(?P<number>\d{1,5})\s*[-/]\s*(?:(?P<year>(?:19|20)\d\d)\s*/\s*)?"
    r"(?P<type>NQ|KL|CTR|CT|QDI|QD|ND|TB|TTR|TT|HD|QC|KH|BC|DA)\s*[-/]\s*(?P<suffix>[A-Z]{2,8})(?![A-Z])"
)
# The same, as printed in running text (any case, Đ, TƯ), to find where codes are.
_CODE_IN_TEXT = re.compile(
    r"(?<![\w/-])\d{1,5}\s?[-/]\s?(?:(?:19|20)\d\d\s?/\s?)?[A-Za-zĐđ]{2,3}\s?[-/]\s?"
    r"[A-Za-zĐđƯư]{2,8}(?![\w/])"
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
    # An issuer not in the table is kept as printed in capitals (its Đ read as D).
    suffix = SUFFIXES.get(match["suffix"], match["suffix"])
    return DocumentCode(
        number=match["number"],
        doc_type=DOCUMENT_TYPES[match["type"]],
        suffix=suffix,
        year=int(match["year"]) if match["year"] else None,
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
