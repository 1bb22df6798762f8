"""English reports: the language, people with their English titles, document dates, figures.

Vietnamese outlets' English editions print names without diacritics ("Nguyen Thien Nhan"),
titles in English before or after the name ("Deputy Prime Minister Nguyen Thien Nhan",
"Nguyen Duc Trung - Secretary of the Provincial Party Committee"), document dates in English
("dated October 22, 2018") and figures with English units ("4.68 percent", "VND 1.3 billion").
The rules are written in docs/import.md, under "English reports".
"""

import datetime
import re

from people.codes import find_codes
from people.text import fold

from .phrases import SURNAMES
from .vocabulary import PROVINCES, SENTENCE_SPLIT_RE, count_provinces, fold_keeping_case

_ENGLISH_WORDS = frozenset({
    "the", "of", "and", "to", "in", "on", "with", "was", "were", "is", "are", "at", "for", "by",
    "that", "said", "this", "from", "has", "have"
})  # fmt: skip
_VIETNAMESE_ONLY = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]")


def detect_language(text: str) -> str:
    """ "en" when English function words are common and Vietnamese letters rare, else "vi"."""
    words = re.findall(r"[^\W\d_]+", (text or "").lower())
    if len(words) < 5:
        return "vi"
    english = sum(word in _ENGLISH_WORDS for word in words)
    vietnamese = sum(bool(_VIETNAMESE_ONLY.search(word)) for word in words)
    return "en" if english >= 0.08 * len(words) and vietnamese < 0.1 * len(words) else "vi"


# A Vietnamese syllable printed without diacritics: initial consonant(s), vowels, final.
_INITIAL = "Ngh|Ng|Nh|Ch|Gh|Gi|Kh|Ph|Qu|Th|Tr|[BCDGHKLMNPRSTVX]"
_SYLLABLE = (
    rf"(?:(?:{_INITIAL})[aeiouy]{{1,3}}|[AEIOUY][aeiouy]{{0,2}})(?:ng|nh|ch|[cmnpt])?(?![\w’'-])"
)
_SURNAMES = sorted({fold(name).capitalize() for name in SURNAMES}, key=len, reverse=True)
_NAME_RE = re.compile(
    rf"(?<![\w’'-])(?:{'|'.join(_SURNAMES)})(?: {_SYLLABLE}){{1,3}}"
    rf"|(?:(?<=\bMr\. )|(?<=\bMs\. )|(?<=\bMrs\. )|(?<=\bComrade ))"
    rf"{_SYLLABLE}(?: {_SYLLABLE}){{1,3}}"
)
_PLACES = {fold(name) for name in PROVINCES} | {"ha noi", "hanoi", "ho chi minh", "ha long"}

# Words that name a position; a title holds at least one.
_POSITION_WORDS = frozenset({
    "President", "Vice", "Chairman", "Chairwoman", "Chairperson", "Chair", "Head", "Minister",
    "Secretary", "Member", "member", "Deputy", "Director", "Chief", "Premier", "Governor",
    "Mayor", "Ambassador", "Commander", "General", "Leader", "leader", "chief", "Lieutenant",
    "Colonel", "Major", "Admiral", "Politburo", "Speaker", "Legislator", "Inspector", "Editor",
    "Permanent", "Standing", "Prime", "Party", "Chancellor", "Rector", "Consul", "Envoy",
    "Delegate"
})  # fmt: skip
# Lower-case words a title may hold between its capitalised words.
_TITLE_LINKS = frozenset({
    "of", "the", "and", "for", "member", "leader", "chief", "provincial", "municipal", "city",
    "district", "standing", "permanent", "deputy"
})  # fmt: skip
# How far before or after a name its title may reach (characters): titles are short.
_REACH = 300
_TITLE_FOLDED = {word.lower() for word in _POSITION_WORDS}
_NOT_OPENING = frozenset(("The", "A", "An", "At", "In", "On", "Attending", "Also"))
_HONORIFIC_RE = re.compile(r"(?:\b(?:Mr|Ms|Mrs|Madam|Dr)\.?|\bComrade)\s*$")
_NAMES_JOIN_RE = re.compile(r"\s*(?:,|and|,\s*and)\s*")
_TOKEN_RE = re.compile(r"\([A-Z]{2,6}\)|[\w’'-]+(?:[’']s)?|[,;:.()–—-]|\S")
# An abbreviation printed inside a title: "National Assembly (NA) Chairman".
_ABBREVIATION_TOKEN_RE = re.compile(r"\([A-Z]{2,6}\)")


def _is_title_word(token: str) -> bool:
    return token[:1].isupper() or token in _TITLE_LINKS


def _segment_is_title(words: list[str]) -> bool:
    """A comma-separated part of a title: starts capitalised, holds a position word."""
    return (
        bool(words)
        and words[0][:1].isupper()
        and words[0] not in _NOT_OPENING
        and words[-1] not in ("of", "the", "and", "for")
        and any(word in _POSITION_WORDS for word in words)
    )


def _title_before(text: str) -> str | None:
    """The title printed right before a name: comma-separated parts, nearest first."""
    text = _HONORIFIC_RE.sub("", text).rstrip()
    tokens = _TOKEN_RE.findall(text)
    if tokens and tokens[-1] == ",":
        tokens.pop()
    segments: list[list[str]] = []
    current: list[str] = []
    for token in reversed(tokens):
        if token == ",":
            segments.append(current)
            current = []
            continue
        if _ABBREVIATION_TOKEN_RE.fullmatch(token) and current:
            current.insert(0, token)
            continue
        if not _is_title_word(token) or not token[0].isalpha():
            break
        current.insert(0, token)
    segments.append(current)
    kept: list[list[str]] = []
    for words in segments:
        while words and not (words[0][:1].isupper() and words[0] not in _NOT_OPENING):
            words = words[1:]
        if not _segment_is_title(words):
            break
        kept.insert(0, words)
    return ", ".join(_join(words) for words in kept) or None


def _title_after(text: str) -> str | None:
    """The title printed right after a name: ", <title>", " - <title>", " (<title>)"."""
    match = re.match(r"\s*(?:,|[-–—]|\()\s*", text)
    if not match:
        return None
    tokens = _TOKEN_RE.findall(text[match.end() :])
    segments: list[list[str]] = []
    current: list[str] = []
    for token in tokens:
        if token == ",":
            segments.append(current)
            current = []
            continue
        if not token[0].isalpha() or not _is_title_word(token):
            break
        current.append(token)
    segments.append(current)
    kept = []
    for words in segments:
        while words and words[-1] in ("of", "the", "and", "for"):
            words = words[:-1]
        if not _segment_is_title(words) or _NAME_RE.fullmatch(_join(words)):
            break
        kept.append(words)
    return ", ".join(_join(words) for words in kept) or None


def _is_place(name: str) -> bool:
    """A province (or Hanoi, Ho Chi Minh City, Ha Long) at the start of `name`."""
    words = fold(name).split()
    return any(" ".join(words[:size]) in _PLACES for size in range(1, len(words) + 1))


def _singular(title: str | None) -> str | None:
    """A title printed in the plural for several names ("Deputy Prime Ministers"), in the
    singular; None when `title` is not plural."""
    if title and title.endswith("s") and title.split()[-1][:-1] in _POSITION_WORDS:
        return title[:-1]
    return None


def _join(words: list[str]) -> str:
    return " ".join(words)


class EnglishPeople:
    """The people an English report names, by folded name, with every title printed."""

    def __init__(self):
        self.found: dict[str, dict] = {}

    def names_in(self, line: str) -> list[tuple[int, int, str]]:
        """(start, end, name as printed): with or without diacritics ("Phạm Minh Chính" in
        Việt Nam News's English), matched on the line folded one character for one."""
        names = []
        for match in _NAME_RE.finditer(fold_keeping_case(line)):
            name = line[match.start() : match.end()]
            if _is_place(name):
                continue
            names.append((match.start(), match.end(), name))
        return names

    def find(self, line: str) -> None:
        shared, previous_end = None, None
        for start, end, name in self.names_in(line):
            person = self.found.setdefault(fold(name), {"name": name, "titles": []})
            # A title before a name never reaches back over the previous name.
            before = line[max(previous_end or 0, start - _REACH) : start]
            after = line[end : end + _REACH]
            title_before = _title_before(before)
            if (
                shared
                and previous_end is not None
                and _NAMES_JOIN_RE.fullmatch(line[previous_end:start])
            ):
                title_before = shared  # "Deputy Prime Ministers Le Thanh Long and Mai Van Chinh"
            shared = _singular(title_before) if title_before != shared else shared
            title_before = shared or title_before
            for title in (title_before, _title_after(after)):
                if title and title not in person["titles"]:
                    person["titles"].append(title)
            previous_end = end

    def find_by_given_name(self, line: str) -> None:
        """A name without a known surname right after a title: "Vice State President Thinh",
        "Chairwoman Siu Hong said". One syllable that is the given name of a person already
        named in full ("Nhan" for Nguyen Thien Nhan) is that person, not a new one."""
        given = {fold(p["name"]).split()[-1] for p in self.found.values()}
        pattern = rf"(?<![\w’'-])({_SYLLABLE}(?: {_SYLLABLE}){{0,3}})(?= [a-z]|[,.;:]|$)"
        spans = [(start, end) for start, end, _name in self.names_in(line)]
        for match in re.finditer(pattern, line):
            name = match[1]
            if fold(name) in self.found or any(s <= match.start() < e for s, e in spans):
                continue
            title = _title_before(line[max(0, match.start() - _REACH) : match.start()])
            if (
                not title
                or (" " not in name and title.split()[-1] not in _POSITION_WORDS)
                or (" " not in name and fold(name) in given)
                or any(word in _TITLE_FOLDED for word in fold(name).split())
                or _is_place(name)
            ):
                continue
            person = self.found.setdefault(fold(name), {"name": name, "titles": []})
            if title not in person["titles"]:
                person["titles"].append(title)

    def people(self) -> list[dict]:
        result = []
        for person in self.found.values():
            titles = sorted(person["titles"], key=len, reverse=True)
            result.append(
                {
                    "name": person["name"],
                    "title": titles[0] if titles else "",
                    "organization": None,
                    "side": None,
                    "roles": [],
                }
            )
        return result


# Document dates in English, right after the code: "dated October 22, 2018", "of 22 October 2018".
_MONTHS = {
    name: number
    for number, names in enumerate(
        [("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",),
         ("June", "Jun"), ("July", "Jul"), ("August", "Aug"), ("September", "Sep", "Sept"),
         ("October", "Oct"), ("November", "Nov"), ("December", "Dec")],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DOC_DATE_RE = re.compile(
    r"^\s*,?\s*(?:dated|issued on|of|on)\s+"
    rf"(?:(?P<m>{_MONTH})\.? (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)? (?P<m2>{_MONTH}),? (?P<y2>\d{{4}})"
    r"|(?P<d3>\d{1,2})/(?P<m3>\d{1,2})/(?P<y3>\d{4}))"
)


def document_dates(lines: list[str], resolutions: list[dict]) -> None:
    """Fill a document's date from the English date printed right after its code."""
    by_code = {r["code"]: r for r in resolutions}
    for line in lines:
        for _start, end, code in find_codes(line):
            document = by_code.get(str(code))
            match = _DOC_DATE_RE.match(line[end:])
            if document is None or document["date"] or not match:
                continue
            month = match["m"] or match["m2"]
            month = _MONTHS[month] if month else int(match["m3"])
            try:
                document["date"] = datetime.date(
                    int(match["y"] or match["y2"] or match["y3"]),
                    month,
                    int(match["d"] or match["d2"] or match["d3"]),
                ).isoformat()
            except ValueError:
                continue


# Figures: a number with an English unit, the units of importer/figures.py in English.
_COUNT_UNITS = {
    "projects": "projects", "project": "projects", "tasks": "tasks", "task": "tasks",
    "houses": "houses", "house": "houses", "communes": "communes", "commune": "communes",
    "households": "households", "enterprises": "enterprises", "businesses": "businesses",
    "criteria": "criteria", "targets": "targets", "hectares": "ha", "hectare": "ha",
    "ha": "ha", "km": "km", "kilometres": "km", "kilometers": "km", "tonnes": "tonnes",
    "tons": "tonnes", "workers": "workers", "people": "people", "students": "students",
    "schools": "schools", "villages": "villages", "hamlets": "villages", "cooperatives":
    "cooperatives", "products": "products", "points": "points", "times": "times",
    "MW": "MW", "km2": "km2", "m2": "m2", "visitors": "visitors", "documents": "documents",
    "industrial parks": "industrial parks", "industrial clusters": "industrial clusters",
}  # fmt: skip
_COUNT = "|".join(re.escape(unit) for unit in sorted(_COUNT_UNITS, key=len, reverse=True))
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"thousand|million|billion|trillion"
_PER_UNITS = {"sq km": "km2", "square kilometre": "km2", "hectare": "ha"}
# Units of measure printed against the number ("a 65km coastline", "1,200ha").
_GLUED = r"km2|km|ha|m2|m3|MW"
_FIGURE_RE = re.compile(
    rf"(?<![\w/.,-])(?:(?P<cur_before>VND|USD|US\$|\$)\s?(?P<v1>{_NUMBER})(?:\s(?P<s1>{_SCALE}))?"
    rf"|(?P<v2>{_NUMBER})(?:-?\s?(?P<percent>%|percent|per cent)"
    rf"|\s(?P<s2>{_SCALE})\s(?P<cur2>VND|USD|dong)"
    rf"|\s(?P<cur3>VND|USD|dong)"
    rf"|(?P<glued>{_GLUED})"
    rf"|(?P<of>\s(?:out of|of|/)\s?(?P<total>\d+))?\s(?:(?:[a-z]+-)?[a-z]+\s){{0,2}}?"
    rf"(?P<count>{_COUNT})(?:\s(?:per|a)\s(?P<per>km2|sq km|square kilometre|hectare|ha))?))"
    rf"(?P<rate>(?:/(?:person|capita|household|year|month))+)?"  # "VND/person/year"
    rf"(?![\w%-]|\.\d)"
)
_PERIOD_RE = re.compile(
    r"\b(?:in|of|for|by|term(?: of)?|period(?: of)?)\s+(?:the\s+)?(?:year\s+)?"
    r"(?P<span>(?:19|20)\d{2}(?:\s?[-–]\s?(?:19|20)\d{2})?)\b",
    re.IGNORECASE,
)
_CLAUSE_START_RE = re.compile(r"[,;:]\s|\b(?:and|while|with)\s")


def find_figures(sentence: str) -> list[dict]:
    """Every figure of an English sentence: value as a plain decimal, unit in English."""
    blocked = [(start, end) for start, end, _code in find_codes(sentence)]
    figures = []
    for match in _FIGURE_RE.finditer(sentence):
        if any(start <= match.start() < end for start, end in blocked):
            continue
        value = (match["v1"] or match["v2"]).replace(",", "")
        if match["percent"]:
            unit = "%"
        elif match["glued"]:
            unit = match["glued"]
        elif match["count"]:
            unit = _COUNT_UNITS[match["count"]]
            if match["of"]:
                unit = f"/{match['total']} {unit}"
            if match["per"]:  # a density: "64 people per km2"
                unit = f"{unit}/{_PER_UNITS.get(match['per'], match['per'])}"
        else:
            currency = match["cur_before"] or match["cur2"] or match["cur3"]
            currency = {"dong": "VND", "US$": "USD", "$": "USD"}.get(currency, currency)
            scale = match["s1"] or match["s2"]
            unit = f"{scale} {currency}" if scale else currency
        unit += match["rate"] or ""
        before = sentence[: match.start()]
        periods = list(_PERIOD_RE.finditer(sentence))
        period = None
        if periods:
            nearest = [p for p in periods if p.start() < match.start()] or periods
            period = nearest[-1]["span"].replace(" ", "").replace("–", "-")
        figures.append(
            {
                "name": _name(before, unit),
                "value": value,
                "unit": unit,
                "printed": match[0].strip(),
                "qualifier": None,
                "period": period,
                "area": None,
                "rank": None,
                "sentence": sentence.strip(),
            }
        )
    return figures


def _name(before: str, unit: str) -> str:
    """What the figure measures: its clause before the number, without the verb."""
    clause = _CLAUSE_START_RE.split(before)[-1]
    clause = re.sub(
        r"\b(?:is|was|are|were|has|have|had|reached|reaching|estimated|expected|totalled|totaled"
        r"|increased|decreased|rose|grew|at|by|to|of|about|over|nearly|around|approximately"
        r"|more than|less than|up|down|with|achieved|set up|the|a|an|\s)+$",
        "",
        clause.strip(),
        flags=re.IGNORECASE,
    ).strip()
    words = clause.split()[-12:]
    name = " ".join(words)
    if not name or unit not in ("%",) and not unit.endswith(("VND", "USD")):
        name = f"Number of {unit.split(' ', 1)[-1] if unit.startswith('/') else unit}"
    return name[:1].upper() + name[1:]


def extract_into(result: dict, *, title: str | None, content: list[str], body: list[str]) -> None:
    """Replace the Vietnamese rules' people, figures and document dates by the English ones."""
    lines = ([title] if title else []) + content
    people = EnglishPeople()
    for line in lines:
        people.find(line)
    for line in lines:
        people.find_by_given_name(line)
    result["people"] = people.people()
    # A province's name inside a person's ("Truong Hoa Binh") is not a place of the meeting.
    joined = "\n".join(content)
    names = [(start, end) for start, end, _name in people.names_in(joined)]
    counts = count_provinces(joined, names)
    result["places"] = sorted(counts, key=lambda name: -counts[name])
    for photo in result["photos"]:
        photo["people"] = [
            people.found[fold(name)]["name"]
            for _start, _end, name in people.names_in(photo["caption"])
            if fold(name) in people.found
        ]
    document_dates(lines, result["resolutions"])
    result["indicators"] = [
        figure
        for line in ([title] if title else []) + body
        for sentence in SENTENCE_SPLIT_RE.split(line)
        for figure in find_figures(sentence)
    ]
