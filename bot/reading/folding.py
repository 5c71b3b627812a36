"""Reply text folded for reading: lower case, no diacritics, the same length as the original."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Abbreviations and spellings people type, as pattern pieces on folded text.
WORDS = {
    "KHONG": r"(?:khong|k|ko|kg|khg|hok|hong)",
    "CHUA": r"(?:chua|ch)",
    "DUOC": r"(?:duoc|dc)",
    "DONE": r"(?:hoan thanh|hoan tat|ht|xong|xg)",
}


_NAMED = re.compile(r"\{(" + "|".join(WORDS) + r")\}")


@cache
def _table() -> dict[int, str]:
    """Each accented Latin letter to its bare lower-case letter, one character for one."""
    table = {ord("đ"): "d", ord("Đ"): "d"}
    for code in range(0xC0, 0x1F00):
        base = unicodedata.normalize("NFD", chr(code))[0].lower()
        if base.isascii() and base.isalpha() and len(base) == 1:
            table[code] = base
    return table


def fold(text: str) -> tuple[str, str]:
    """(the text in NFC, its folded twin): "Đã xong" → "da xong", position for position."""
    original = unicodedata.normalize("NFC", text or "")
    folded = original.translate(_table()).lower()
    return (original, folded) if len(folded) == len(original) else (folded, folded)


def rule(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern on folded text; `{KHONG}`-style names stand for the words people abbreviate."""
    return re.compile(_NAMED.sub(lambda m: WORDS[m.group(1)], pattern), flags)


def preceded_by(pattern: re.Pattern[str], text: str, start: int, width: int = 28) -> bool:
    """Whether the `width` characters before `start` end with `pattern`."""
    return pattern.search(text, max(0, start - width), start) is not None
