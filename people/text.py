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


def unique_slugs(model, texts, *, field: str = "slug", max_length: int = 200) -> list[str]:
    """`unique_slug` for many new rows at once, unique among them too: one query per round of
    collisions rather than one per row, so an import of a thousand names stays quick."""
    bases = [vietnamese_slug(text, max_length - 8) or "x" for text in texts]
    slugs: list[str | None] = [None] * len(bases)
    tries, taken = [1] * len(bases), set()
    while pending := [i for i, slug in enumerate(slugs) if slug is None]:
        candidates = {i: bases[i] if tries[i] == 1 else f"{bases[i]}-{tries[i]}" for i in pending}
        used = model._default_manager.filter(**{f"{field}__in": set(candidates.values())})
        taken |= set(used.values_list(field, flat=True))
        for i, candidate in candidates.items():
            if candidate in taken:
                tries[i] += 1
            else:
                slugs[i] = candidate
                taken.add(candidate)
    return slugs


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
# Every element name of HTML (WHATWG), and those browsers still parse: a `<` that opens one
# of these is markup; any other `<` (`tỷ lệ <trên 50%`, `x<y`) is text.
HTML_ELEMENTS = frozenset(
    """a abbr acronym address area article aside audio b base bdi bdo big blink blockquote body
    br button canvas caption center cite code col colgroup data datalist dd del details dfn
    dialog dir div dl dt em embed fieldset figcaption figure font footer form frame frameset h1
    h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link
    main map mark marquee math menu meta meter nav nobr noembed noframes noscript object ol
    optgroup option output p param picture plaintext pre progress q rp rt ruby s samp script
    search section select slot small source span strike strong style sub summary sup svg table
    tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr
    xmp""".split()  # noqa: SIM905 — a list of 120 words reads better as words
)
_ATTRIBUTE = r"""\s+[A-Za-z_:@][-\w:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=`]+))?"""
_TAG = re.compile(rf"<(?:!--|!doctype\b|/?([A-Za-z][A-Za-z0-9]*)(?:{_ATTRIBUTE})*\s*/?>)", re.I)
_STRAY_LT = re.compile(r"<")
# What XML 1.0 cannot carry at all (feeds): C0 controls but tab, newline and carriage return.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def starts_markup(text: str, position: int = 0) -> bool:
    """Whether the `<` at `position` opens a real tag (an HTML element, a comment, a doctype)."""
    match = _TAG.match(text, position)
    return bool(match) and (match.group(1) is None or match.group(1).lower() in HTML_ELEMENTS)


def _escape_stray_brackets(text: str) -> str:
    """`<` that opens no real tag, as `&lt;`: the sanitiser would read it as a tag and drop
    the words up to the next `>`."""
    return _STRAY_LT.sub(lambda m: "<" if starts_markup(text, m.start()) else "&lt;", text)


def clean_rich_text(text: str) -> str:
    """HTML reduced to the allow-list: no script, style, event handler or `javascript:` link.
    Words outside tags are all kept, a stray `<` included."""
    if not text:
        return text
    return nh3.clean(
        _escape_stray_brackets(unicodedata.normalize("NFC", text)),
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes=URL_SCHEMES | {"mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def rich_text_as_plain(html_text: str) -> str:
    """What a reader of a rich field sees, as plain text (meta descriptions, snippets)."""
    if not html_text:
        return html_text
    return html.unescape(nh3.clean(html_text, tags=set()))


def refuse_nul(text: str) -> str:
    """`text` unchanged, or ValueError if it holds NUL: PostgreSQL cannot store it, and
    dropping it silently would change what was typed (forms refuse it with a message)."""
    if "\x00" in text:
        raise ValueError("Text cannot contain the NUL character (0x00).")
    return text


def clean_plain_text(text: str) -> str:
    """Plain text is stored as typed, only in Unicode NFC, so that one spelling typed on any
    keyboard is one string; templates escape it on output."""
    return unicodedata.normalize("NFC", refuse_nul(text))


def xml_text(text: str) -> str:
    """`text` without the control characters XML 1.0 cannot carry (feeds); storage keeps them."""
    return _NOT_XML.sub("", text) if text else text


def clean_field_value(field, value, *, rich: bool = False, verbatim: bool = False):
    """`value` as a text field may store it: allow-listed HTML if `rich`, exactly as given if
    `verbatim` (NUL refused), else plain text in NFC; URLs keep only http(s). Choices, slugs
    and non-text values are returned unchanged."""
    if not isinstance(value, str) or not value or field.choices:
        return value
    if isinstance(field, models.SlugField):
        return value
    if isinstance(field, models.URLField):
        return value if urlsplit(value.strip()).scheme.lower() in URL_SCHEMES else ""
    if isinstance(field, models.CharField | models.TextField):
        if rich:
            return clean_rich_text(value)
        return refuse_nul(value) if verbatim else clean_plain_text(value)
    return value


def clean_text_fields(instance) -> None:
    """Prepare every text field of a row to be stored (see `clean_field_value`); the model
    names its `rich_text_fields` and `verbatim_text_fields`."""
    rich = getattr(instance, "rich_text_fields", ())
    verbatim = getattr(instance, "verbatim_text_fields", ())
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        cleaned = clean_field_value(
            field, value, rich=field.name in rich, verbatim=field.name in verbatim
        )
        if cleaned is not value:
            setattr(instance, field.attname, cleaned)


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


class _FoldedLetters(dict):
    """A `str.translate` table filled as letters come: each to its folded form when that is one
    letter, else to itself. Filled up to a bound, so odd input cannot grow it without end."""

    def __missing__(self, code):
        folded = fold(chr(code))
        letter = folded if len(folded) == 1 else chr(code)
        if len(self) < 10_000:
            self[code] = letter
        return letter


_FOLDED_LETTERS = _FoldedLetters()


def fold_in_place(text: str) -> str:
    """`text` (NFC) folded letter by letter, as `search_words` folds it, but keeping every
    letter where it stands: a match in the result is a match at the same place in `text`."""
    return _TU.sub("TW", text).translate(_FOLDED_LETTERS)


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


# The Vietnamese alphabet: ă, â, đ, ê, ô, ơ, ư are letters of their own, each after its base.
# A sort key spells each letter as its base and a digit (ă → a2) and each word's tone as a digit
# after a 0 that ends the word, so only [a-z0-9] remain and every collation orders keys alike.
_LETTER_KEYS = {letter: f"{letter}1" for letter in "abcdefghijklmnopqrstuvwxyz0123456789"} | {
    "ă": "a2",
    "â": "a3",
    "đ": "d2",
    "ê": "e2",
    "ô": "o2",
    "ơ": "o3",
    "ư": "u2",
}
# The letters (and digits) the officials index files names under, in alphabetical order, each
# with the start of the sort keys of the names it holds.
INDEX_LETTERS = {
    letter.upper(): key for letter, key in sorted(_LETTER_KEYS.items(), key=lambda item: item[1])
}
_KEY_LETTERS = {key: letter for letter, key in INDEX_LETTERS.items()}


def letter_of_key(key: str) -> str:
    """The index letter of a sort key ("d2…" → "Đ"); empty for a name with neither letter nor
    digit."""
    return _KEY_LETTERS.get(key[:2], "")


# Tones in the dictionary's order: ngang, huyền, sắc, hỏi, ngã, nặng.
_TONE_ORDER = {"\u0300": "1", "\u0301": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}


def without_tones(text: str) -> str:
    """Lower case with the tone marks removed but the letters' own marks kept: "Đức" → "đưc"."""
    decomposed = unicodedata.normalize("NFD", (text or "").casefold())
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_ORDER))


def alphabetical_key(text: str) -> str:
    """A key that sorts as a Vietnamese dictionary does: An < Án < Ăn < Ân < Duy < Đức."""
    keys = []
    for word in unicodedata.normalize("NFC", text or "").split():
        letters = "".join(_LETTER_KEYS.get(ch, "") for ch in without_tones(word))
        decomposed = unicodedata.normalize("NFD", word.casefold())
        tone = next((_TONE_ORDER[ch] for ch in decomposed if ch in _TONE_ORDER), "0")
        keys.append(f"{letters}0{tone}")
    return "".join(keys)


def name_sort_key(full_name: str) -> str:
    """Given name first (the last syllable, as Vietnamese readers look names up), then the rest."""
    words = full_name.split()
    return alphabetical_key(" ".join(words[-1:] + words[:-1]))
