"""Vietnamese text folding, so that names typed without diacritics find their owners.

"Phạm Hoàng Sơn", "pham hoang son" and "PHAM HOÀNG SON" all fold to "pham hoang son".
"""

import re
import unicodedata

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
