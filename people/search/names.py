"""How well a name answers a query, however it is typed: pure text, the same on both engines.

Exact name first, then the same letters with other tones, whole words, word starts, and one
typo (edit distance 1) in one word of a name of two words or more last.
"""

from functools import lru_cache

from people.text import search_words, tone_key

from .query import Query, Words

# Person scores: exact, same letters, whole words, word starts, one-letter typos.
EXACT, FOLDED, WORDS, PREFIXES, TYPO = 100, 90, 70, 60, 40
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def within_one_edit(a: str, b: str) -> bool:
    """True when `b` is `a` with at most one letter added, removed, changed or two swapped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (
            a[i + 2 :] == b[i + 2 :] and a[i : i + 2] == b[i : i + 2][::-1]
        )
    return a[i:] == b[i + 1 :] if len(a) < len(b) else a[i + 1 :] == b[i:]


def one_edit_away(word: str) -> set[str]:
    """The words `within_one_edit` of `word` but not `word`, in the letters a–z of folded names."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    removed = {head + tail[1:] for head, tail in splits if tail}
    swapped = {head + tail[1] + tail[0] + tail[2:] for head, tail in splits if len(tail) > 1}
    changed = {head + letter + tail[1:] for head, tail in splits if tail for letter in LETTERS}
    added = {head + letter + tail for head, tail in splits for letter in LETTERS}
    return (removed | swapped | changed | added) - {word}


@lru_cache(maxsize=65_536)
def folded_words(text: str) -> tuple[str, ...]:
    return tuple(search_words(text))


@lru_cache(maxsize=65_536)
def toned_words(text: str) -> tuple[str, ...]:
    return tuple(tone_key(text).split())


@lru_cache(maxsize=65_536)
def name_forms(full_name: str) -> tuple[tuple[str, ...], frozenset, str, frozenset]:
    """A name's folded words, as a set, joined behind a space each (" nguyen duc hien": a word
    starts one of them when " word" is in it), and its toned words as a set."""
    words = folded_words(full_name)
    return (
        words,
        frozenset(words),
        "".join(f" {word}" for word in words),
        frozenset(toned_words(full_name)),
    )


def name_score(query: Query, full_name: str) -> int:
    """How well `full_name` answers `query` (0 when it does not)."""
    name_words, whole, starts, name_tones = name_forms(full_name)
    words = query.words
    if name_words == words:
        return EXACT if toned_words(full_name) == toned_words(query.text) else FOLDED
    bonus = 5 if name_tones.issuperset(toned_words(query.text)) else 0
    if whole.issuperset(words):
        return WORDS + bonus
    unmatched = [word for word in words if f" {word}" not in starts]
    if not unmatched:
        return PREFIXES + bonus
    if len(words) >= 2 and len(unmatched) == 1:
        word = unmatched[0]
        if len(word) >= 3 and any(within_one_edit(word, name) for name in name_words):
            return TYPO
    return 0


def best_people(scores: dict[int, int], limit: int = 20) -> list[int]:
    """The people a query most likely means, of those `scores` names: at most `limit` of the
    best scored."""
    if not scores:
        return []
    best = max(scores.values())
    floor = best - 10 if best >= WORDS else best
    return [pk for pk, score in sorted(scores.items(), key=lambda i: -i[1]) if score >= floor][
        :limit
    ]


def text_words(query: Query, scores: dict[int, int]) -> Words:
    """How meetings and captions must hold `query`, given the officials' `scores`.

    When the query is two or more words that begin the words of an official's name, text holds
    them as a phrase: a report names "Trần Tiến Tài" in that order, while "tran", "tien" and
    "tai" apart (trận, tiền, tại…) are in most reports. And when an official's name holds every
    word whole, so does the phrase: "Ngọc Tú" is not "Ngọc Tuấn".
    """
    best = max(scores.values(), default=0)
    if len(query.words) >= 2 and best >= PREFIXES:
        return Words(query.words, phrase=True, prefix=best < WORDS)
    return Words(query.words)
