"""Vietnamese text folding, so that names typed without diacritics find their owners.

"Phạm Hoàng Sơn", "pham hoang son" and "PHAM HOÀNG SON" all fold to "pham hoang son".
"""

import html
import re
import unicodedata
from urllib.parse import urlsplit

import nh3
from django.db import models
from django.utils.text import slugify

_WHITESPACE = re.compile(r"\s+")
# đ/Đ are letters of their own, not d plus a combining mark, so NFD does not split them.
_LETTERS = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def fold(text: str) -> str:
    """Lower-case, strip every diacritic (tones and vowel marks), map đ to d, collapse spaces."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WHITESPACE.sub(" ", stripped.casefold()).strip()


def vietnamese_slug(text: str, max_length: int = 200) -> str:
    """An ASCII slug such as `pham-hoang-son` for a Vietnamese phrase."""
    return slugify(fold(text))[:max_length].strip("-")


def unique_slug(model, text: str, *, instance_pk=None, field: str = "slug", max_length: int = 200):
    """A slug for `text` not yet used by another row of `model` (adds -2, -3, … on collision)."""
    base = vietnamese_slug(text, max_length - 8) or "x"
    candidate, n = base, 2
    others = (
        model._default_manager.exclude(pk=instance_pk) if instance_pk else model._default_manager
    )
    while others.filter(**{field: candidate}).exists():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


# Rich text (bodies, summaries, captions, notes) may keep this much HTML, and no more.
RICH_TEXT_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "sub",
    "sup",
}
RICH_TEXT_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https"}


def clean_rich_text(text: str) -> str:
    """HTML reduced to the allow-list: no script, style, event handler or `javascript:` link."""
    if not text:
        return text
    return nh3.clean(
        text,
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes=URL_SCHEMES | {"mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def clean_plain_text(text: str) -> str:
    """Plain text with every tag removed; entities are decoded until nothing changes."""
    if not text or not any(ch in text for ch in "<&"):
        return text
    for _ in range(5):
        cleaned = html.unescape(nh3.clean(text, tags=set()))
        if cleaned == text:
            break
        text = cleaned
    return text


def clean_field_value(field, value, *, rich: bool = False):
    """`value` as a text field may store it: allow-listed HTML if `rich`, else plain text;
    URLs keep only http(s). Choices, slugs and non-text values are returned unchanged."""
    if not isinstance(value, str) or not value or field.choices:
        return value
    if isinstance(field, models.SlugField):
        return value
    if isinstance(field, models.URLField):
        return value if urlsplit(value.strip()).scheme.lower() in URL_SCHEMES else ""
    if isinstance(field, models.CharField | models.TextField):
        return clean_rich_text(value) if rich else clean_plain_text(value)
    return value


def clean_text_fields(instance, rich_fields=()) -> None:
    """Sanitise every text field of a row before it is stored (see `clean_field_value`)."""
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        cleaned = clean_field_value(field, value, rich=field.name in rich_fields)
        if cleaned is not value:
            setattr(instance, field.attname, cleaned)
