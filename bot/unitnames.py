"""One normalizer for unit names, shared by the importer and the chat side."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A bare "Mặt trận" in a district plan is the district's front.
DEFAULT_LEVEL = "huyện"


def _tone_pairs() -> dict[str, str]:
    pairs = {}
    for first, second in ("oa", "oe", "uy"):
        for mark in "\u0300\u0301\u0309\u0303\u0323":
            old = first + unicodedata.normalize("NFC", second + mark)
            new = unicodedata.normalize("NFC", first + mark) + second
            for case in (str.lower, str.upper, str.capitalize):
                pairs[case(old)] = case(new)
    return pairs


# "uỷ"/"hoà" and "ủy"/"hòa" are one spelling; only open syllables move their mark
# ("hoàn", "hoạch" stay), and "quý"/"quỹ" never do.
_TO_MODERN = _tone_pairs()


def _pair_pattern(pairs: dict[str, str]) -> str:
    """The two-letter keys of `pairs` as one alternative per first letter ("o[àá…]"), which the
    regex engine tries far faster than one alternative per pair; it matches the same pairs."""
    seconds: dict[str, str] = {}
    for pair in pairs:
        seconds[pair[0]] = seconds.get(pair[0], "") + pair[1]
    return "|".join(f"{first}[{rest}]" for first, rest in seconds.items())


_TONE_PATTERN = re.compile(r"(?<![qQ])(?:" + _pair_pattern(_TO_MODERN) + r")(?!\w)")

_KEY_ABBREVIATIONS = [
    (re.compile(r"\bubnd\b"), "ủy ban nhân dân"),
    (re.compile(r"\bhđnd\b"), "hội đồng nhân dân"),
    (re.compile(r"\bub ?mttq(?:vn)?\b"), "ủy ban mặt trận tổ quốc việt nam"),
    (re.compile(r"\bmttq(?:vn)?\b"), "mặt trận tổ quốc"),
    (re.compile(r"\bub\b"), "ủy ban"),
    (re.compile(r"\bđ/c\b"), "đồng chí"),
]
_KEY_FRONT = re.compile(r"^(?:ủy ban )?mặt trận(?: tổ quốc)?(?: việt nam)?(?= |$)")
_SHOW_FRONT = re.compile(
    r"^(?:(?:ủy ban|ub) )?(?:mặt trận(?: tổ quốc)?(?: việt nam)?|mttq(?:vn)?(?: việt nam)?)"
    r"|^ub ?mttq(?:vn)?(?: việt nam)?",
    re.IGNORECASE,
)
_SHOW_ABBREVIATIONS = [
    (re.compile(r"\bủy ban nhân dân\b", re.IGNORECASE), "UBND"),
    (re.compile(r"\bhội đồng nhân dân\b", re.IGNORECASE), "HĐND"),
    (re.compile(r"\b(chính trị|kinh tế)\s*[-–]?\s*xã hội\b", re.IGNORECASE), r"\1 - xã hội"),
]
_GROUP_MARKERS = re.compile(
    r"^(các|những|toàn thể|mỗi)\b|\bcác (xã|cơ quan|đơn vị|phòng|ban|ngành|tổ chức|đoàn thể"
    r"|hội|cấp ủy|đảng ủy|chi bộ|trường|địa phương|đồng chí|sở)\b"
)
_HEADS = re.compile(
    r"^(?:(?:các|những|toàn thể|mỗi) (?:cơ quan|đơn vị|ban|ngành|phòng|sở|xã|phường|thị trấn|huyện"
    r"|tổ chức|đoàn thể|hội|cấp|đảng|chi bộ|đồng chí|địa phương|doanh nghiệp|trường|thành viên"
    r"|ủy viên|trạm|trung tâm|lực lượng|bộ phận|tổ|thôn|khu dân cư|hợp tác xã|cơ sở|ủy ban"
    r"|thủ trưởng|chủ tịch|bí thư|lãnh đạo|cán bộ|công chức|người đứng đầu)"
    r"|ủy ban|ubnd|hđnd|ub ?mttq\w*|mttq\w*|mặt trận|hội|phòng|ban"
    r"|văn phòng|công an|huyện đoàn|tỉnh đoàn|thành đoàn|đoàn|trung tâm|đảng ủy|đảng bộ|chi bộ"
    r"|huyện ủy|tỉnh ủy|thành ủy|cấp ủy|chi cục|cục|sở|kho bạc|bảo hiểm|ngân hàng|tòa án|viện"
    r"|bộ chỉ huy|thủ trưởng|chủ tịch|phó chủ tịch|bí thư|trưởng|giám đốc|đài|trường|bệnh viện"
    r"|liên đoàn|thường trực|cơ quan|đơn vị|điện lực|bưu điện|hạt|đội|tổ|chi nhánh|viettel|vnpt"
    r"|trạm|thị đoàn|ngành|lực lượng|bộ phận"
    r"|thanh tra|lãnh đạo|người đứng đầu|đồng chí|đ/c|ủy viên|công chức|cán bộ)\b",
    re.IGNORECASE,
)
_GROUP_START = re.compile(r"^(?:các|những|toàn thể|mỗi)\b", re.IGNORECASE)
_SEPARATORS = re.compile(r"(?=[;,v])(;|,|\bvà\b)")  # lookahead: one check per character
_EDGE = " \t.;:,-–+•*\"'“”"
# How far ahead a comma looks for "và" (`_starts_new_unit`): pieces, separators included. It stops
# at the next "," or ";" anyway; the bound keeps a list of thousands of names linear.
_TAIL_PIECES = 41


@lru_cache(maxsize=8192)  # unit names come back again and again in a plan
def fold_spelling(text: str) -> str:
    """NFC, modern tone placement, single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = _TONE_PATTERN.sub(lambda m: _TO_MODERN[m.group(0)], text)
    return " ".join(text.split())


@lru_cache(maxsize=8192)
def unit_key(name: str) -> str:
    """The identity of a unit name: same key, same unit."""
    key = fold_spelling(name.lower())
    key = " ".join(re.sub(r"[-–—,;.:()\"“”]", " ", key).split())
    for pattern, replacement in _KEY_ABBREVIATIONS:
        key = pattern.sub(replacement, key)
    front = _KEY_FRONT.match(key)
    if front:
        key = f"ủy ban mặt trận tổ quốc việt nam {key[front.end() :].strip() or DEFAULT_LEVEL}"
    return key


@lru_cache(maxsize=8192)
def clean_name(name: str) -> str:
    """A unit name fit to show: folded spelling, usual abbreviations, first letter capitalised."""
    name = re.sub(r"\s*\([^)]*\)", "", fold_spelling(name)).strip(_EDGE)
    for pattern, replacement in _SHOW_ABBREVIATIONS:
        name = pattern.sub(replacement, name)
    front = _SHOW_FRONT.match(name)
    if front:
        name = f"Ủy ban MTTQ Việt Nam {name[front.end() :].strip() or DEFAULT_LEVEL}"
    return name[:1].upper() + name[1:]


def looks_like_group(name: str) -> bool:
    """Names such as "các cơ quan, ban ngành" or "UBND các xã, thị trấn" denote groups."""
    return bool(_GROUP_MARKERS.search(unit_key(name)))


@lru_cache(maxsize=8192)
def looks_like_unit(name: str) -> bool:
    """Whether a phrase opens the way a body's name does ("Phòng …", "UBND …", "các …")."""
    return bool(_HEADS.match(fold_spelling(name).strip(_EDGE)))


def _starts_new_unit(pieces: list[str], index: int, previous: list[str]) -> bool:
    """Whether the part after separator `pieces[index]` begins another body; `previous` is the
    name so far, in pieces."""
    separator, part = pieces[index], pieces[index + 1].strip()
    if separator == ";":
        return True
    if _GROUP_START.match(part):
        return True
    if not part[:1].isupper():
        return False
    if _GROUP_START.match(previous[0]) and not looks_like_unit(part):
        return False  # "Các trường Mầm non, Tiểu học, THCS"
    if separator == "và":
        both_councils = previous[-1].endswith(("HĐND", "Hội đồng nhân dân")) and re.match(
            r"(UBND|Ủy ban nhân dân)\b", part
        )
        return looks_like_unit(part) and not both_councils
    if looks_like_unit(part):
        return True
    # "Trung tâm Văn hóa, Thể thao và Truyền thanh": a comma inside one body's name.
    tail = "".join(pieces[index + 1 : index + _TAIL_PIECES])
    inner_list = re.match(r"[^,;]*?\svà\s+(\S+)", tail)
    return not (inner_list and not looks_like_unit(inner_list[1]))


@lru_cache(maxsize=8192)  # a list is split once for its bodies' names and once more to show them
def _names(text: str) -> tuple[str, ...]:
    """The bodies a list names, as written (edges stripped, blanks kept)."""
    pieces = _SEPARATORS.split(fold_spelling(text.replace("\n", " ; ")))
    names: list[str] = []
    current = [pieces[0].strip()]  # the name being read, in pieces: joined once, when complete
    for index in range(1, len(pieces), 2):
        separator, part = pieces[index], pieces[index + 1].strip()
        if not part or current == [""] or _starts_new_unit(pieces, index, current):
            names.append("".join(current))
            current = [part]
        else:
            current += [", " if separator == "," else f" {separator} ", part]
    names.append("".join(current))
    return tuple(name.strip(_EDGE) for name in names)


def split_units(text: str, *, display: bool = True) -> list[str]:
    """Split a list of bodies on ";", ",", "và", keeping "các xã, thị trấn" and the like whole."""
    names = _names(text)
    if not display:
        return [name for name in names if name]
    shown: dict[str, str] = {}
    for name in map(clean_name, names):
        if name and unit_key(name) not in shown:
            shown[unit_key(name)] = name
    return list(shown.values())
