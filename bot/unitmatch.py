"""Loose matching of unit names as people type them: abbreviations, no diacritics, no level word."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import cache, lru_cache

from bot.unitnames import unit_key

# Words naming the administrative level, which people leave out ("Phòng Tài chính - Kế hoạch").
LEVEL_WORDS = frozenset({"huyen", "xa", "tinh", "phuong", "quan", "thi", "tran"})
_VOWELS = re.compile(r"[aeiouy]")
_CONNECTORS = frozenset({"va"})
ACRONYM = "@"


def ascii_fold(text: str) -> str:
    """Lower case without diacritics ("Đông Hà" → "dong ha")."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@lru_cache(maxsize=4096)
def match_tokens(name: str) -> tuple[str, ...]:
    """Words of a name for loose matching; runs of vowel-less words ("tc", "kh") become one acronym."""
    words = re.split(r"[\s&/+]+", ascii_fold(unit_key(name)))
    tokens: list[str] = []
    for word in filter(None, words):
        if word in _CONNECTORS:
            continue
        if not _VOWELS.search(word) and word.isalpha():
            if tokens and tokens[-1].startswith(ACRONYM):
                tokens[-1] += word
            else:
                tokens.append(ACRONYM + word)
        else:
            tokens.append(word)
    return tuple(tokens)


def _initials(tokens: tuple[str, ...]) -> str:
    return "".join(token[1:] if token.startswith(ACRONYM) else token[0] for token in tokens)


def loosely_matches(query: tuple[str, ...], unit: tuple[str, ...]) -> bool:
    """Whether typed words denote the unit: word by word, an acronym for its words' initials,
    a trailing level word ("huyện", "xã") optional on either side."""

    @cache
    def step(i: int, j: int) -> bool:
        if i == len(query) or j == len(unit):
            rest = query[i:] if j == len(unit) else unit[j:]
            return len(rest) <= 2 and all(token in LEVEL_WORDS for token in rest)
        if query[i] == unit[j] and step(i + 1, j + 1):
            return True
        if query[i].startswith(ACRONYM):
            return _spans(query[i][1:], unit, j, lambda end: step(i + 1, end))
        if unit[j].startswith(ACRONYM):
            return _spans(unit[j][1:], query, i, lambda end: step(end, j + 1))
        return False

    return step(0, 0)


def _spans(letters: str, words: tuple[str, ...], start: int, then) -> bool:
    """Whether words from `start` have `letters` as initials, and `then(end)` holds after them."""
    for end in range(start + 1, len(words) + 1):
        initials = _initials(words[start:end])
        if initials == letters and then(end):
            return True
        if not letters.startswith(initials):
            return False
    return False


def similarity(first: str, second: str) -> float:
    """How alike two names read, 0–1, ignoring diacritics and level words; a name that another
    only lengthens ("Trung tâm VH-TT" / "… và Truyền thông") reads as alike."""
    a, b = ([t for t in match_tokens(n) if t not in LEVEL_WORDS] for n in (first, second))
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 3 and longer[: len(shorter)] == shorter:
        return 1.0
    return SequenceMatcher(None, " ".join(a), " ".join(b)).ratio()
