"""Sentence case for text printed in capitals (letterheads, titles)."""

from __future__ import annotations

import re
import unicodedata

_PLACE_WORDS = r"huyện|tỉnh|thị trấn|thị xã|thành phố|quận|phường|xã"
_COMMITTEE = re.compile(r"\b(huyện|tỉnh|thành|đảng) ủy\b")
_NAMED = re.compile(rf"\b({_PLACE_WORDS}|Huyện ủy|Tỉnh ủy|Thành ủy)((?: [^\W\d_]+){{1,3}})")
# Words that end a place name: "huyện Đông Hưng năm 2025", "tỉnh Thái Bình về …".
_AFTER_PLACE = {
    "năm",
    "giai",
    "đến",
    "về",
    "trên",
    "của",
    "và",
    "trong",
    "theo",
    "với",
    "cho",
    "tại",
}
_AFTER_PLACE |= {"khóa", "nhiệm", "lần", "thực", "đợt", "các", "từ", "nhằm", "để", "như"}
_AFTER_PLACE |= {"huyện", "tỉnh", "thị", "thành", "quận", "phường", "xã"}
_PROPER = ["Đảng", "Nhà nước", "Việt Nam", "Trung ương", "Chính phủ", "Quốc hội", "Tổ quốc"]
_PROPER += ["Ban Thường vụ", "Ban Chấp hành", "Ban Bí thư", "Bộ Chính trị", "Mặt trận"]
_DOCUMENTS = (
    r"nghị quyết|chỉ thị|kết luận|thông báo|quyết định|kế hoạch|chương trình|đề án|hướng dẫn"
)
# An office's field is capitalised after "và", "-", ",": "Sở Khoa học và Công nghệ".
_OFFICE = re.compile(
    r"^(sở|phòng|ban|trung tâm|chi cục|cục|văn phòng|hội|đài) (.+?)(?= (?:huyện|tỉnh|xã)\b|$)"
)
_VOWELS = set("aeiouy")
_ACRONYMS = {"UBND", "UBMTTQ", "UBMTTQVN", "OCOP"}


def _name(match: re.Match[str]) -> str:
    words = match[2].split()
    kept = []
    for word in words:
        if word.lower() in _AFTER_PLACE:
            break
        kept.append(word.capitalize())
    return " ".join([match[1], *kept, *words[len(kept) :]])


def _lower(word: str) -> str:
    """Lower case, except codes ("35-CT/TW") and acronyms ("HĐND", "UBND")."""
    bare = word.strip("“”\"'(),.;:")
    letters = set(unicodedata.normalize("NFD", bare.lower()))
    if re.search(r"[\d/&]", bare) or bare in _ACRONYMS or not _VOWELS & letters:
        return word
    return word.lower()


def sentence_case(text: str, *, body: bool = False) -> str:
    """Lower-case text written in capitals, keeping names capitalised; `body` for a body's name."""
    if any(ch.islower() for ch in text):
        return text
    text = " ".join(map(_lower, text.split()))
    text = _COMMITTEE.sub(lambda m: m[0].capitalize(), text)
    text = _NAMED.sub(_name, text)
    for proper in _PROPER:
        text = re.sub(rf"\b{proper.lower()}\b", proper, text)
    text = re.sub(rf"\b({_DOCUMENTS})(?= số)", lambda m: m[1].capitalize(), text)
    office = _OFFICE.match(text) if body else None
    if office:
        field = re.sub(r"(^|\s(?:và|-)\s|,\s)(\w)", lambda m: m[1] + m[2].upper(), office[2])
        text = f"{office[1]} {field}{text[office.end() :]}"
    return text[:1].upper() + text[1:]
