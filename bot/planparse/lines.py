"""Text lines of a plan: cleaning, and joining lines that a PDF broke into paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from bot.unitnames import fold_spelling

# Two or more columns printed side by side (letterhead, signature block) leave wide gaps. Written
# as three spaces, not `\s{3,}`, so that the engine jumps from one space to the next.
_COLUMN_GAP = re.compile(r"\s\s\s+")
_PAGE_NUMBER = re.compile(r"[-–]?\s*\d{1,3}\s*[-–]?|Trang \d+(/\d+)?")
_SEPARATOR = re.compile(r"[-_*=.\s]{3,}|\*")
_STARTS_ITEM = re.compile(
    r"(?:[IVX]{1,4}\s*[.)]|\d{1,5}(?:\.\d{1,2})*\s*[.)]|\d{1,2}\.\d{1,2}|[a-zđ]\s*\)|[a-zđ]\.)\s"
    r"|[-–+•*]\s*[^\sa-zà-ỹđ]"
    r"|(?:Nơi nhận|T/M|TM\.|KT\.|PHỤ LỤC|Phụ lục)"
)


@dataclass(frozen=True, slots=True)
class Line:
    """A line of text, where it came from, and its side-by-side parts."""

    text: str
    where: str
    columns: tuple[str, ...] = ()
    hard: bool = False


def make_line(raw: str, where: str, *, hard: bool = False) -> Line | None:
    """A cleaned line, or None for blanks, page numbers and rules."""
    raw = raw.replace("\u00a0", " ").replace("\t", "    ")
    columns = tuple(fold_spelling(part) for part in _COLUMN_GAP.split(raw.strip()) if part.strip())
    text = " ".join(columns)
    if not text or _PAGE_NUMBER.fullmatch(text):
        return None
    return Line(text, where, columns, hard)


def text_lines(text: str, where: str = "dòng {}") -> list[Line]:
    """Lines of plain text; `where` is formatted with the 1-based line number."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    lines = (make_line(raw, where.format(number)) for number, raw in enumerate(text.split("\n"), 1))
    return [line for line in lines if line is not None]


def is_separator(line: Line) -> bool:
    """Rules such as "-----" or "***" under a title."""
    return bool(_SEPARATOR.fullmatch(line.text))


@dataclass(slots=True)
class _Paragraph:
    """Lines joined so far, with what the joining rules ask of the whole (kept as lines arrive)."""

    lines: list[Line]
    letters: int = 0  # up to 2
    lowercase: bool = False

    def add(self, line: Line) -> None:
        self.lines.append(line)
        self.letters = min(2, self.letters + _letters(line.text))
        self.lowercase = self.lowercase or line.text != line.text.upper()

    def is_heading(self) -> bool:
        return self.letters >= 2 and not self.lowercase

    def line(self) -> Line:
        first = self.lines[0]
        if len(self.lines) == 1:
            return first
        text = " ".join(line.text for line in self.lines)
        return Line(text, first.where, first.columns, first.hard)


def _letters(text: str) -> int:
    """How many letters `text` has, counted up to 2 (all that headings ask)."""
    return len(list(islice(filter(str.isalpha, text), 2)))


def _is_heading(text: str) -> bool:
    return text == text.upper() and _letters(text) >= 2


def _starts_paragraph(previous: _Paragraph, line: Line, short: int) -> bool:
    # In justified text only a paragraph's last line falls well short of the margin.
    last = previous.lines[-1]
    return (
        line.hard
        or bool(_STARTS_ITEM.match(line.text))
        or _is_heading(line.text)
        or previous.is_heading()
        or last.text.endswith(":")
        or (len(last.text) < short and line.text[:1].isupper())
    )


def join_paragraphs(lines: list[Line]) -> list[Line]:
    """Join the lines a PDF broke mid-sentence; each paragraph keeps its first line's place.

    Linear in the text: a paragraph is kept as its lines until the end (no repeated joining).
    """
    lengths = sorted(len(line.text) for line in lines)
    short = lengths[len(lengths) // 2] * 2 // 3 if lengths else 0
    paragraphs: list[_Paragraph] = []
    after_rule = False
    for line in lines:
        if is_separator(line):
            after_rule = True
            continue
        if not paragraphs or after_rule or _starts_paragraph(paragraphs[-1], line, short):
            paragraphs.append(_Paragraph([]))
        paragraphs[-1].add(line)
        after_rule = False
    return [paragraph.line() for paragraph in paragraphs]
