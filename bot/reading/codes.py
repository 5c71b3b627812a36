"""Task codes a reply names ("II.3", "NV 4", "Nhiệm vụ số 2"), and a reply cut per named task."""

from __future__ import annotations

import re
import unicodedata

_PREFIXED_CODE = re.compile(
    r"\b(?:nhiệm vụ|nhiem vu|nv|mục|muc)\s*(?:số\s*|so\s*)?[:.#]?\s*"
    r"([ivx]+(?:\.\d{1,2})+(?:\.[a-zđ])?|\d{1,3}(?:\.\d{1,2})*(?:\.[a-zđ])?)\b",
    re.IGNORECASE,
)
_BARE_ROMAN_CODE = re.compile(r"(?<![\w.])([IVX]+(?:\.\d{1,2})+(?:\.[a-zđ])?)(?![\w.]*\d)")
_LEADING_NUMBER_CODE = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,2})*)\s*[:)–-]\s", re.MULTILINE)
_PATTERNS = (_PREFIXED_CODE, _BARE_ROMAN_CODE, _LEADING_NUMBER_CODE)


def read_task_code(text: str) -> str | None:
    """A task code the text names: "II.3 đã xong", "NV 4: …", "Nhiệm vụ số 2", "4: xong"."""
    text = unicodedata.normalize("NFC", text or "")
    for pattern in _PATTERNS:
        match = pattern.search(text)
        if match:
            return normalize_code(match.group(1))
    return None


def split_by_task(text: str) -> list[tuple[str, str]]:
    """(code, the words about it) for each task a reply names, when it names more than one."""
    matches = sorted(
        (match.start(), rank, match.end(), match.group(1))
        for rank, pattern in enumerate(_PATTERNS)
        for match in pattern.finditer(text)
    )
    named: list[tuple[int, str]] = []  # (where, code), matches inside an earlier one left out
    reached = 0
    for start, _rank, end, code in matches:
        if start >= reached:
            named.append((start, normalize_code(code)))
            reached = end
    if len({code for _start, code in named}) < 2:
        return []
    ends = [start for start, _code in named[1:]] + [len(text)]
    return [(code, text[start:end]) for (start, code), end in zip(named, ends, strict=True)]


def normalize_code(code: str) -> str:
    """ "ii.3.A" → "II.3.a": Roman numerals upper case, item letters lower case."""
    head, *rest = code.strip().split(".")
    if head.isalpha():
        head = head.upper()
    rest = [part.lower() if part.isalpha() else part for part in rest]
    return ".".join([head, *rest])
