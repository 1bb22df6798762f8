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


# The abbreviations of official reports, by their folded long form. A search document holds
# both forms wherever either occurs, so "Chủ tịch HĐND" finds "Chủ tịch Hội đồng nhân dân".
ABBREVIATIONS = {
    "hoi dong nhan dan": "hdnd",
    "uy ban nhan dan": "ubnd",
    "ban thuong vu": "btv",
    "ban chap hanh": "bch",
    "trung uong": "tw",
    "khoa hoc va cong nghe": "khcn",
    "ke hoach va dau tu": "khdt",
    "thong tin va truyen thong": "tttt",
    "mat tran to quoc": "mttq",
}
_ABBREVIATION = re.compile(
    r"\b(" + "|".join(f"{long}|{short}" for long, short in ABBREVIATIONS.items()) + r")\b"
)
_EXPANDED = {
    form: f"{long} {short}" for long, short in ABBREVIATIONS.items() for form in (long, short)
}
# "TƯ" in capitals is Trung ương; folded it would read as TU (Tỉnh ủy).
_TU = re.compile(r"(?<!\w)TƯ(?!\w)")
_AMPERSAND = re.compile(r"(?<=[^\W_])&(?=[^\W_])")
_NOT_WORD = re.compile(r"[\W_]+")
# Tone marks, apart from the vowel marks (circumflex, breve, horn) that make other letters.
_TONES = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}


def search_words(text: str) -> list[str]:
    """The folded words search compares: `KH&CN` → `khcn`, `52-NQ/TW` → `52 nq tw`."""
    if not text:
        return []
    text = _TU.sub("TW", unicodedata.normalize("NFC", text))
    return _NOT_WORD.sub(" ", _AMPERSAND.sub("", fold(text))).split()


def search_document(*parts: str) -> str:
    """The folded, space-padded text a search column stores, abbreviations present both ways.

    PostgreSQL computes the same with `public.ma_search_document()` (see the search migrations).
    """
    text = " ".join(search_words(" ".join(part for part in parts if part)))
    return f" {_ABBREVIATION.sub(lambda m: _EXPANDED[m[1]], text)} "


def tone_key(text: str) -> str:
    """Words with their tone written last, so old and new tone placement compare equal.

    "Hoà" and "Hòa" both give "hoa2"; "Thuỷ" and "Thủy" give "thuy3"; NFD and NFC agree.
    """
    words = []
    text = _NOT_WORD.sub(" ", unicodedata.normalize("NFC", text or "")).casefold()
    for word in unicodedata.normalize("NFD", text).split():
        tone = "".join(_TONES.get(ch, "") for ch in word)
        bare = "".join(ch for ch in word if ch not in _TONES)
        words.append(unicodedata.normalize("NFC", bare) + tone[:1])
    return " ".join(words)
