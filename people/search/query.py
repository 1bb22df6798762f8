"""A query as search reads it, analysed once where the text comes in (a form, a filter, an
admin search box), and how a text must hold its words."""

from dataclasses import dataclass
from itertools import pairwise

from people.codes import DocumentCode, LooseCode, parse_code, parse_loose_code
from people.text import search_words

MAX_QUERY_LENGTH = 300
MAX_WORDS = 12
# What starts a pair of words in the search vectors (migration meetings 0012): no word does, so
# a word's prefix never matches the pairs it begins.
PAIR_MARK = "~"


@dataclass(frozen=True)
class Query:
    """A query's text, its folded search words (no diacritics, đ → d, NFD and NFC alike,
    `KH&CN` → `khcn`) and, when it is one, the document code it spells ("52/NQ-TW", "NQ 52",
    "nghị quyết 52", "52"). False when it has no word to search for."""

    text: str
    words: tuple[str, ...]
    code: DocumentCode | None = None
    loose_code: LooseCode | None = None

    @property
    def is_code(self) -> bool:
        return self.code is not None or self.loose_code is not None

    def __bool__(self):
        return bool(self.words)


def analyse(text: str) -> Query:
    """`text` as words, at most `MAX_WORDS` of them, and, when it is one, a document code."""
    text = text.replace("\x00", " ")[:MAX_QUERY_LENGTH]
    words = tuple(search_words(text)[:MAX_WORDS])
    code = parse_code(text)
    loose_code = None if code else parse_loose_code(text)
    return Query(text=text, words=words, code=code, loose_code=loose_code)


@dataclass(frozen=True)
class Words:
    """How a text must hold a query's words: each as a whole word, though the last may be only
    the start of one (`prefix`); with `phrase`, also one after another in the query's order."""

    words: tuple[str, ...]
    phrase: bool = False
    prefix: bool = True

    @property
    def pairs(self) -> list[str]:
        """The phrase's adjacent words, two by two, as the vectors hold them: "~a b", "~b c"."""
        return [f"{PAIR_MARK}{first} {second}" for first, second in pairwise(self.words)]
