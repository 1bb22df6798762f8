"""One extraction run: the report's lines read by each rule in turn, into the draft's dict."""

from django.utils.translation import gettext_noop

from .dates import address_date, find_meeting_date, page_date
from .documents import Documents
from .english import detect_language
from .english import extract_into as extract_english
from .figures import find_figures, topic_year
from .lines import normalise, split_credit, split_lines, split_run_on_captions
from .notes import Note
from .organizations import Organizations
from .people import People, is_local_delegation
from .vocabulary import SENTENCE_SPLIT_RE, count_provinces


def extract_article(text: str, *, source_url: str = "", known_organizations=()) -> dict:
    """Read a report's text into the draft-meeting dict described in docs/import.md.

    `source_url`, when given, may give the meeting's year; `known_organizations` are names of
    organizations already in the archive (optional): a title that names one is read whole,
    commas and all."""
    return _Article(text, source_url=source_url, known_organizations=known_organizations).extract()


class _Article:
    """One extraction run; holds the text and what was found so far."""

    def __init__(self, text: str, *, source_url: str = "", known_organizations=()):
        self.text = normalise(text)
        self.source_url = source_url
        self.warnings: list[str] = []
        self.organizations = Organizations(known_organizations)
        self.people = People(organizations=self.organizations, warnings=self.warnings)
        self.documents = Documents(organizations=self.organizations, warnings=self.warnings)

    def extract(self) -> dict:
        raw_lines = split_run_on_captions(
            [" ".join(line.split()) for line in self.text.strip().split("\n")]
        )
        lines = [line for line in raw_lines if line]
        result = {
            "title": None, "date": None, "date_precision": None, "places": [], "organizations": [],
            "people": [], "resolutions": [], "indicators": [], "photos": [], "site_visits": [],
            "source": None, "warnings": self.warnings, "language": detect_language(self.text),
        }  # fmt: skip
        if not lines:
            self.warnings.append(Note(gettext_noop("The text is empty: nothing to extract.")))
            return result
        title, source, captions, body, dropped = split_lines(raw_lines, lines)
        result["title"], result["source"] = title, source
        content = [
            line for line in lines
            if line not in (source, *dropped) and line[0] != "#"
        ]  # fmt: skip
        joined = "\n".join(content)
        company_spans = self.organizations.companies(joined, result["site_visits"])
        counts = count_provinces(joined, company_spans)
        result["places"] = sorted(counts, key=lambda name: -counts[name])
        main_province = result["places"][0] if result["places"] else None
        result["date"], result["date_precision"] = find_meeting_date(
            body,
            page=next(filter(None, map(page_date, lines)), None),
            address=address_date(self.source_url),
            warnings=self.warnings,
        )
        for line in content:
            self.documents.find(line)
        for line in content:  # a photo's credit names its photographer, no participant
            credited = split_credit(line)
            self.people.find(
                credited[0] if credited else line,
                company_spans=_spans_in(line, joined, company_spans),
            )
        if title:  # a person named only in the headline: "Bộ trưởng Hoàng Tuấn Anh thăm …"
            self.people.find(title, company_spans=[])
        for caption, credit in captions:
            names = [self.people.found[key]["name"] for key in self.people.names_in(caption)]
            result["photos"].append({"caption": caption, "credit": credit, "people": names})
        for line in content:
            self.organizations.in_text(line)
        local = is_local_delegation(joined)
        result["people"] = [
            self.people.finish(person, main_province=main_province, local_delegation=local)
            for person in self.people.found.values()
        ]
        result["resolutions"] = list(self.documents.found.values())
        result["indicators"] = self.figures([title, *body] if title else body, main_province)
        result["organizations"] = list(self.organizations.found.values())
        if result["language"] == "en":
            extract_english(result, title=title, content=content, body=body)
        return result

    def figures(self, body: list[str], main_province: str | None) -> list[dict]:
        """The body's figures; a sentence without a period takes its paragraph's topic year."""
        figures = []
        for line in body:
            topic_period = None
            for sentence in SENTENCE_SPLIT_RE.split(line):
                found = find_figures(
                    sentence,
                    main_province=main_province,
                    warnings=self.warnings,
                    topic_period=topic_period,
                )
                figures.extend(found)
                if not found:
                    topic_period = topic_year(sentence) or topic_period
        return figures


def _spans_in(line, joined, spans):
    offset = joined.find(line)
    return [(start - offset, end - offset) for start, end in spans
            if offset <= start < offset + len(line)]  # fmt: skip
