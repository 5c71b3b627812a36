"""One normalizer for unit names, shared by the importer and the chat side."""

from __future__ import annotations

import re
import unicodedata

# Old-style tone placement ("uỷ", "hoà") and its modern form ("ủy", "hòa") are one spelling.
_OLD_TONES = {
    "òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
    "òe": "oè", "óe": "oé", "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ",
    "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ",
}  # fmt: skip
_TO_MODERN = {old: new for new, old in _OLD_TONES.items()} | {
    old.capitalize(): new.capitalize() for new, old in _OLD_TONES.items()
}
_TONE_PATTERN = re.compile("|".join(map(re.escape, _TO_MODERN)))

_ABBREVIATIONS = [
    (re.compile(r"\bubnd\b"), "ủy ban nhân dân"),
    (re.compile(r"\bhđnd\b"), "hội đồng nhân dân"),
    (re.compile(r"\bubmttqvn\b|\bubmttq\b"), "ủy ban mặt trận tổ quốc việt nam"),
    (re.compile(r"\bmttq\b"), "mặt trận tổ quốc"),
]
_FRONT = re.compile(r"^(ủy ban )?mặt trận( tổ quốc)?( việt nam)?")
_GROUP_MARKERS = re.compile(r"^(các|những|toàn thể)\b|\bcác (xã|cơ quan|đơn vị|phòng|ban)\b")


def fold_spelling(text: str) -> str:
    """NFC, modern tone placement, single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = _TONE_PATTERN.sub(lambda m: _TO_MODERN[m.group(0)], text)
    return " ".join(text.split())


def unit_key(name: str) -> str:
    """The identity of a unit name: same key, same unit."""
    key = fold_spelling(fold_spelling(name).lower()).strip(" .;:,-")
    for pattern, replacement in _ABBREVIATIONS:
        key = pattern.sub(replacement, key)
    if _FRONT.match(key):
        key = _FRONT.sub("ủy ban mặt trận tổ quốc việt nam", key, count=1)
    return key


def clean_name(name: str) -> str:
    """A unit name fit to show: folded spelling, first letter capitalised."""
    name = fold_spelling(name).strip(" .;:,-")
    return name[:1].upper() + name[1:]


def looks_like_group(name: str) -> bool:
    """Names such as "các cơ quan, ban ngành" or "UBND các xã, thị trấn" denote groups."""
    return bool(_GROUP_MARKERS.search(unit_key(name)))
