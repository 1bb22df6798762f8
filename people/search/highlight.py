"""The query's words marked in a text, with its own diacritics: pure text."""

import re
import unicodedata
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from people.codes import find_codes
from people.text import ABBREVIATIONS, fold_in_place

from .query import Query


def marked_words(words) -> set[str]:
    """The query's words, with the other form of any abbreviation among them."""
    marked = set(words)
    for long, short in ABBREVIATIONS.items():
        if short in marked:
            marked.update(long.split())
        if set(long.split()) <= marked:
            marked.add(short)
    return marked


@lru_cache(maxsize=256)
def marker(words: tuple[str, ...]) -> tuple[re.Pattern, frozenset[str]]:
    """A pattern for the words `highlight` marks in folded text, and those words.

    A word stands whole (or, the last one, as the start of a word), not inside "kh&cn"; a
    word written with "&" ("KH&CN") is matched as any such pair and checked against `words`.
    """
    marked = marked_words(words)
    alternatives = [re.escape(words[-1]) + r"[^\W_]*", *map(re.escape, marked)]
    pattern = "|".join([*alternatives, r"[^\W_]+&[^\W_]+"])
    edges = r"(?<![^\W_])(?<![^\W_]&)(?:{})(?![^\W_])(?!&[^\W_])"
    return re.compile(edges.format(pattern)), frozenset(marked)


def _codes_marked_whole(text: str, query: Query, spans) -> list[tuple[int, int]]:
    """For a query that spells a document code ("nq 52"): the printed codes it names marked
    whole ("52-NQ/TW"), and no word marked inside another code ("NQ" of "23-NQ/TW")."""
    codes = [(start, end, code) for start, end, code in find_codes(text)]
    kept = [s for s in spans if not any(start <= s[0] < end for start, end, _code in codes)]
    named = [(start, end) for start, end, code in codes if _names(query, code)]
    return sorted(kept + named)


def _names(query: Query, code) -> bool:
    if query.code is not None:
        return code.key == query.code.key
    loose = query.loose_code
    return (
        int(code.number) == int(loose.number)
        and loose.doc_type in (None, code.doc_type)
        and loose.suffix in (None, code.suffix)
    )


def highlight(text: str, query: Query, width: int | None = None):
    """`text` escaped, the query's words in `<mark>`, cut to about `width` characters around
    the first match when `width` is given. Original diacritics are kept."""
    text = unicodedata.normalize("NFC", text or "")
    spans = []
    if query.words:
        pattern, marked = marker(query.words)
        prefix = query.words[-1]
        for match in pattern.finditer(fold_in_place(text)):
            word = match.group().replace("&", "")
            if word in marked or word.startswith(prefix):
                spans.append(match.span())
    if query.is_code:
        spans = _codes_marked_whole(text, query, spans)
    start, end = 0, len(text)
    if width and len(text) > width:
        first = spans[0][0] if spans else 0
        start = max(0, first - width // 3)
        start = text.rfind(" ", 0, start) + 1 if start else 0
        end = min(len(text), start + width)
        cut = text.rfind(" ", start, end)
        end = cut if end < len(text) and cut > first else end
    out, position = [], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        out.append(escape(text[position:span_start]))
        out.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    out.append(escape(text[position:end]))
    html = "".join(out)
    if start > 0:
        html = "… " + html
    if end < len(text):
        html += " …"
    return mark_safe(html)  # noqa: S308 — every piece above is escaped
