"""Word's automatic list numbers ("1.", "a)", "-"), which are not part of a paragraph's text."""

from __future__ import annotations

from collections import defaultdict

from docx.document import Document
from docx.oxml.ns import qn
from lxml.etree import _Element

_ROMAN = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _format(kind: str, number: int) -> str:
    if kind in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (number - 1) % 26)
        return letter.upper() if kind == "upperLetter" else letter
    if kind in ("lowerRoman", "upperRoman"):
        return _roman(number).lower() if kind == "lowerRoman" else _roman(number)
    return str(number)


def _value(element: _Element | None, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val")) if child is not None else None


class Numbering:
    """Counts list paragraphs in document order and renders their labels."""

    def __init__(self, document: Document) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = defaultdict(dict)
        self.styles = {style.style_id: style.element for style in document.styles}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {
            node.get(qn("w:abstractNumId")): {
                int(level.get(qn("w:ilvl"))): (
                    _value(level, "w:numFmt") or "decimal",
                    _value(level, "w:lvlText") or "",
                    int(_value(level, "w:start") or 1),
                )
                for level in node.iter(qn("w:lvl"))
            }
            for node in root.iter(qn("w:abstractNum"))
        }
        for num in root.iter(qn("w:num")):
            self.levels[num.get(qn("w:numId"))] = abstract.get(_value(num, "w:abstractNumId"), {})

    def _num_pr(self, paragraph: _Element) -> _Element | None:
        properties = paragraph.find(qn("w:pPr"))
        num_pr = properties.find(qn("w:numPr")) if properties is not None else None
        style = self.styles.get(_value(properties, "w:pStyle") or "")
        while num_pr is None and style is not None:
            style_properties = style.find(qn("w:pPr"))
            num_pr = style_properties.find(qn("w:numPr")) if style_properties is not None else None
            style = self.styles.get(_value(style, "w:basedOn") or "")
        return num_pr

    def label(self, paragraph: _Element) -> str | None:
        """The label Word shows before this paragraph, or None."""
        num_pr = self._num_pr(paragraph)
        num_id = _value(num_pr, "w:numId") or ""
        levels = self.levels.get(num_id)
        if not levels:
            return None
        level = int(_value(num_pr, "w:ilvl") or 0)
        kind, text, start = levels.get(level, ("decimal", f"%{level + 1}.", 1))
        if kind == "bullet":
            return "-"
        counters = self.counters[num_id]
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [key for key in counters if key > level]:
            del counters[deeper]
        for index in range(level, -1, -1):
            shown = levels.get(index, ("decimal", "", 1))
            number = counters.get(index, shown[2])
            text = text.replace(f"%{index + 1}", _format(shown[0], number))
        return text or None
