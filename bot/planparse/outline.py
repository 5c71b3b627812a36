"""A plan's outline: sections (I, II, III) and their numbered items (1., 1.1., a))."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeGuard

from bot.planparse.lines import Line
from bot.unitnames import fold_spelling

_ROMAN = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
}
_SECTION = re.compile(r"(?P<numeral>[IVX]{1,4})\s*[.)/-]\s*(?P<heading>\S.*)")
_ITEM = re.compile(r"(?P<number>\d{1,5})\s*[.)]\s+(?P<rest>\S.*)")
_SUBITEM = re.compile(r"(?P<number>\d{1,5})\.(?P<sub>\d{1,2})\.?\s+(?P<rest>\S.*)")
_LETTER = re.compile(r"(?P<letter>[a-zđ])\s*[).]\s+(?P<rest>\S.*)")
_LETTERS = "abcdđeghiklmnopqrstuvxy"
_END = re.compile(
    r"(?:Nơi nhận|NƠI NHẬN|PHỤ LỤC|Phụ lục\s*(?:\d+|[IVX]+)?\s*$|T/M\b|TM\.|KT\.|TL\.)"
)


class SectionKind(StrEnum):
    """What a section holds, as far as tasks are concerned."""

    PURPOSE = "purpose"
    TASKS = "tasks"
    ORGANIZATION = "organization"
    OTHER = "other"


@dataclass(slots=True)
class Item:
    """A numbered item, its paragraphs and its sub-items."""

    label: str
    paragraphs: list[Line]
    children: list[Item] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The item's own paragraphs, one per line."""
        return "\n".join(paragraph.text for paragraph in self.paragraphs)


@dataclass(slots=True)
class Section:
    """A Roman-numbered section; `numeral` is None for a plan without sections."""

    numeral: str | None
    kind: SectionKind
    items: list[Item] = field(default_factory=list)


def section_kind(heading: str) -> SectionKind:
    """Classify a section heading ("II. NHIỆM VỤ, GIẢI PHÁP" → tasks)."""
    heading = fold_spelling(heading).lower()
    if "tổ chức thực hiện" in heading:
        return SectionKind.ORGANIZATION
    if re.search(r"nhiệm vụ|giải pháp|nội dung", heading):
        return SectionKind.TASKS
    if re.search(r"mục đích|yêu cầu|mục tiêu|quan điểm|căn cứ|tình hình|kết quả", heading):
        return SectionKind.PURPOSE
    return SectionKind.OTHER


def _is_section(match: re.Match[str] | None, last: int) -> TypeGuard[re.Match[str]]:
    if match is None or match["numeral"] not in _ROMAN:
        return False
    heading = match["heading"]
    shouting = not any(ch.islower() for ch in heading)
    return _ROMAN[match["numeral"]] == last + 1 or (shouting and _ROMAN[match["numeral"]] > last)


def _next_letter(previous: str | None, letter: str) -> bool:
    if previous is None:
        return letter == "a"
    after = _LETTERS[_LETTERS.index(previous) + 1 :] if previous in _LETTERS else ""
    return after[:1] == letter or (after[:1] == "đ" and after[1:2] == letter)


class _Builder:
    """Feeds paragraphs into the current section and item."""

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.last_numeral = 0

    def add(self, paragraph: Line) -> None:
        text = paragraph.text
        section = _SECTION.fullmatch(text)
        if _is_section(section, self.last_numeral):
            self.last_numeral = _ROMAN[section["numeral"]]
            self.sections.append(Section(section["numeral"], section_kind(section["heading"])))
            return
        if not self.sections:
            self.sections.append(Section(None, SectionKind.OTHER))
        items = self.sections[-1].items
        top = items[-1] if items else None
        item, sub = _ITEM.fullmatch(text), _SUBITEM.fullmatch(text)
        letter = _LETTER.fullmatch(text)
        if item and int(item["number"]) == (int(top.label) if top else 0) + 1:
            items.append(Item(item["number"], [paragraph]))
        elif top and sub and sub["number"] == top.label:
            top.children.append(Item(sub["sub"], [paragraph]))
        elif (
            top
            and letter
            and _next_letter(top.children[-1].label if top.children else None, letter["letter"])
        ):
            top.children.append(Item(letter["letter"], [paragraph]))
        elif top:
            (top.children[-1] if top.children else top).paragraphs.append(paragraph)


def outline(paragraphs: list[Line]) -> list[Section]:
    """Sections and items of the plan body, up to "Nơi nhận", the signature or an appendix."""
    builder = _Builder()
    for paragraph in paragraphs:
        if _END.match(paragraph.text) and builder.sections:
            break
        builder.add(paragraph)
    return builder.sections
