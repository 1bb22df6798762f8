"""A saved web page to the report's text: trafilatura finds the article, htmldate the page's date.

`page_to_text(html)` gives the text `extract_article` reads: the headline as a `# ` line, the
page's date as a `date YYYY-MM-DD` line (the form the corpus keeps), then the article's
paragraphs and photo captions in page order. Menus, related links, comments and footers are
left out by trafilatura. Where trafilatura finds no article, the older reader
(`lines.html_to_text`) is used. See docs/import.md, "Web pages".
"""

import re
from dataclasses import dataclass
from html import unescape

from .lines import html_to_text

# trafilatura drops <figure> whole; a caption is part of the report, so it is read as a paragraph.
_FIGURE_RE = re.compile(r"<(/?)figure\b", re.IGNORECASE)
_FIGCAPTION_RE = re.compile(r"<(/?)figcaption\b", re.IGNORECASE)
_H1_RE = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_TAG_RE = re.compile(r"<[^>]+>")


@dataclass
class Page:
    """What a saved page gives: its article's text, headline and publication date (ISO)."""

    text: str
    title: str | None
    date: str | None


def read_page(html: str) -> Page:
    """The article of a saved web page, its headline and its date, or the older reader's text."""
    try:
        import trafilatura  # noqa: PLC0415 - heavy; only pages need it
        from htmldate import find_date  # noqa: PLC0415

        prepared = _FIGCAPTION_RE.sub(r"<\1p", _FIGURE_RE.sub(r"<\1div", html))
        document = trafilatura.bare_extraction(
            prepared, include_tables=True, include_comments=False, favor_recall=True,
            with_metadata=True,
        )  # fmt: skip
        main = (getattr(document, "text", None) or "").strip() if document else ""
        title = _headline(html) or (getattr(document, "title", None) if document else None)
        author = getattr(document, "author", None) if document else None
        # Only the page's own metadata (meta tags, <time>, the address): a date printed in the
        # article is the meeting's or a document's, which the importer reads itself.
        date = find_date(html, extensive_search=False, original_date=True) if main else None
    except Exception:  # noqa: BLE001 - any page trafilatura cannot read falls back below
        main, title, date, author = "", None, None, None
    if not main:
        return Page(text=html_to_text(html), title=None, date=None)
    lines = [" ".join(line.split()) for line in main.splitlines()]
    lines = [line for line in lines if line]
    if title:
        title = " ".join(title.split())
        if lines and lines[0] == title:
            lines.pop(0)
    # trafilatura takes the byline out of the text into `author`; it is the report's source line.
    if author and not any(" ".join(author.split()) in line for line in lines[-2:]):
        lines.append(" ".join(author.split()))
    head = ([f"# {title}", ""] if title else []) + ([f"date {date}"] if date else [])
    return Page(text="\n".join(head + lines), title=title, date=date)


def page_to_text(html: str) -> str:
    """The text of a saved web page's article, as `extract_article` reads it."""
    return read_page(html).text


def _headline(html: str) -> str | None:
    match = _H1_RE.search(html)
    if not match:
        return None
    return " ".join(unescape(_TAG_RE.sub(" ", match[1])).split()) or None
