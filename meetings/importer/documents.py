"""Documents: full codes with the date, issuer and title printed after them; short mentions."""

import re

from django.utils.translation import gettext_noop

from people.codes import DOCUMENT_KINDS, DocumentCode, find_codes
from people.text import fold

from .notes import Note
from .organizations import Finder
from .vocabulary import LOWER, MINISTRY_FIELDS, PROVINCE_NAMES, UPPER

_ISSUER_RE = re.compile(
    r"Bộ Chính trị|Ban Bí thư|Ban Chấp hành Trung ương(?: Đảng)?(?: khóa [IVXL]+)?"
    r"|Ủy ban Thường vụ Quốc hội|Quốc hội|Thủ tướng Chính phủ|Văn phòng Chính phủ|Chính phủ"
    r"|Văn phòng Trung ương Đảng"
    rf"|Ban [{UPPER}][{LOWER}]*(?: [{LOWER}]+){{0,2}} Trung ương"
    rf"|(?:Ban Thường vụ )?(?:Tỉnh ủy|Thành ủy)(?: (?:{PROVINCE_NAMES}))?"
    rf"|(?:Hội đồng nhân dân|HĐND|Ủy ban nhân dân|UBND) (?:tỉnh|thành phố)"
    rf"(?: (?:{PROVINCE_NAMES}))?"
    rf"|Bộ (?:{MINISTRY_FIELDS})"
)
# Document types spelled out ("nghị quyết", "Kế hoạch"), from the one table of types.
_DOC_TYPES = {fold(kind.name): kind.printed for kind in DOCUMENT_KINDS if kind.printed}


def _type_words(*, everyday: bool) -> str:
    """The names of the types, either case first letter: "[Nn]ghị quyết|[Kk]ết luận|…"."""
    return "|".join(
        f"[{kind.name[0]}{kind.name[0].lower()}]{re.escape(kind.name[1:])}"
        for kind in DOCUMENT_KINDS
        if kind.printed and kind.everyday == everyday
    )


DOC_DATE_RE = re.compile(
    r"^\s*,?\s*(?:ban hành\s+)?ngày\s+"
    r"(?:(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2}) tháng (?P<m2>\d{1,2}) năm (?P<y2>\d{4}))"
)
_DOC_ISSUER_RE = re.compile(rf"^\s*,?\s*của\s+(?P<issuer>{_ISSUER_RE.pattern})")
_DOC_TITLE_RE = re.compile(r"^\s*,?\s*(?:về việc|về|V/v)?\s*[“\"](?P<title>[^”\"]+)[”\"]")
# "nghị quyết 52", "các nghị quyết số 52 và 23"; "Kế hoạch số 3" but not "kế hoạch 3 năm".
SHORT_DOC_RE = re.compile(
    rf"(?:(?P<type>{_type_words(everyday=False)})\s+(?:số\s+)?"
    rf"|(?P<everyday>{_type_words(everyday=True)})\s+số\s+)"
    r"(?P<numbers>\d{1,5}(?:\s*(?:,|và)\s*\d{1,5})*)(?![\w/-])"
)


class Documents(Finder):
    """The documents an article cites, by normalised code."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.codes: dict[str, DocumentCode] = {}

    def find(self, line: str) -> None:
        for _start, end, parsed in find_codes(line):
            code = str(parsed)
            self.codes[code] = parsed
            document = self.found.setdefault(
                code, {"code": code, "date": None, "issuer": None, "title": None}
            )
            self.read_details(document, line[end:])
        for match in SHORT_DOC_RE.finditer(line):
            words = match["type"] or match["everyday"]
            doc_type = _DOC_TYPES[fold(words)]
            for number in re.findall(r"\d+", match["numbers"]):
                if not any(
                    int(code.number) == int(number) and code.doc_type == doc_type
                    for code in self.codes.values()
                ):
                    self.warnings.append(Note(
                        gettext_noop("“%(words)s %(number)s” names no document printed in full."),
                        about=("meeting", "resolutions"), words=words, number=number,
                    ))  # fmt: skip

    def read_details(self, document: dict, rest: str) -> None:
        """The date, issuer and quoted title printed right after a code, where not yet known."""
        date = DOC_DATE_RE.match(rest)
        if date:
            day, month, year = (date["d"] or date["d2"], date["m"] or date["m2"],
                                date["y"] or date["y2"])  # fmt: skip
            document["date"] = document["date"] or f"{year}-{int(month):02d}-{int(day):02d}"
            rest = rest[date.end() :]
        issuer = _DOC_ISSUER_RE.match(rest)
        if issuer:
            document["issuer"] = document["issuer"] or issuer["issuer"]
            self.organizations.add(issuer["issuer"])
            rest = rest[issuer.end() :]
        title = _DOC_TITLE_RE.match(rest)
        if title:
            document["title"] = document["title"] or title["title"].strip()


def document_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of the documents cited in `sentence` (a code with its date, a short mention)."""
    spans = []
    for start, end, _code in find_codes(sentence):
        date = DOC_DATE_RE.match(sentence[end:])
        spans.append((start, end + (date.end() if date else 0)))
    return spans + [match.span() for match in SHORT_DOC_RE.finditer(sentence)]
