"""The building blocks of a Vietnamese administrative document in python-docx.

A4 with the margins of Nghị định 30/2020/NĐ-CP, Times New Roman, short centred rules,
borderless two-column blocks (issuer and motto, recipients and signature) and fast table rows.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY_SIZE = Pt(14)
TABLE_SIZE = Pt(12)
PAGE_WIDTH, PAGE_HEIGHT = Cm(21), Cm(29.7)
MARGINS = {"top": Cm(2), "bottom": Cm(2), "left": Cm(3), "right": Cm(1.5)}
TEXT_WIDTH = Cm(16.5)
XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters XML cannot carry


def new_document():
    """An empty A4 document in Times New Roman 14."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side, value in MARGINS.items():
        setattr(section, f"{side}_margin", value)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = BODY_SIZE
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.element.rPr.rFonts.set(qn("w:cs"), FONT)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    return document


def paragraph(container, text: str = "", *, bold=False, italic=False, size=None,
              align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, after=0, underline=False,
              keep_with_next=False) -> Paragraph:  # fmt: skip
    """A paragraph of one run; `indent` is the body's 1 cm first-line indent.

    `keep_with_next` keeps a heading on the page of what follows it (a table, a list).
    """
    added = container.add_paragraph()
    added.alignment = align
    added.paragraph_format.space_after = Pt(after)
    added.paragraph_format.keep_with_next = keep_with_next or None
    if indent:
        added.paragraph_format.first_line_indent = Cm(1)
    if text:
        run = added.add_run(XML_UNSAFE.sub("", text))
        run.bold, run.italic, run.underline = bold, italic, underline or None
        if size is not None:
            run.font.size = size
    return added


def number_pages_from_two(document) -> None:
    """A PAGE field centred in the header of every page but the first (both forms ask for it).

    python-docx has no field API: the field is written as WordprocessingML field characters
    (begin, instruction, separate, a placeholder result, end), as the OOXML standard describes.
    """
    section = document.sections[0]
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field_mark(header, "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    header.add_run().element.append(instruction)
    _field_mark(header, "separate")
    header.add_run("2")  # shown until the reader updates the field
    _field_mark(header, "end")
    for run in header.runs:
        run.font.size = Pt(13)


def _field_mark(container: Paragraph, kind: str) -> None:
    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), kind)
    container.add_run().element.append(mark)


def rule(container, width: Cm, column: Cm) -> None:
    """A short centred line, drawn as the bottom border of an empty, indented paragraph."""
    line = container.add_paragraph()
    line.paragraph_format.space_after = Pt(2)
    side = Cm(max((column.cm - width.cm) / 2, 0))
    line.paragraph_format.left_indent = line.paragraph_format.right_indent = side
    line.add_run().font.size = Pt(2)
    borders = parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
    )
    line._p.get_or_add_pPr().append(borders)


def _no_borders(table: Table) -> None:
    edges = "".join(
        f'<w:{edge} w:val="nil"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    table._tbl.tblPr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>{edges}</w:tblBorders>"))


def two_columns(document, left: Cm, right: Cm):
    """The two empty cells of a borderless block (issuer | motto, recipients | signature)."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    _set_widths(table, (left, right))
    # The block never breaks across pages (a signature apart from its title).
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    cells = table.rows[0].cells
    for cell in cells:
        cell._tc.remove(cell.paragraphs[0]._p)
    return cells


def _set_widths(table: Table, widths) -> None:
    """Word reads the cells' widths, LibreOffice the grid's: set both."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def grid_table(document, widths) -> Table:
    """An empty bordered table with fixed column widths, centred on the page."""
    table = document.add_table(rows=0, cols=len(widths))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    return table


def add_row(table: Table, widths, values: list[str], header: bool = False) -> None:
    """Append a row, written as WordprocessingML: python-docx's cell API takes seconds for 1,000 rows.

    Rows never break across pages; the header row repeats on every page.
    """
    size = int(TABLE_SIZE.pt * 2)  # half-points
    cells = []
    for index, (value, width) in enumerate(zip(values, widths, strict=True)):
        centred = '<w:jc w:val="center"/>' if header or index == 0 else ""
        bold = "<w:b/>" if header else ""
        text = escape(XML_UNSAFE.sub("", " ".join(value.split())))
        cells.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width.twips}" w:type="dxa"/></w:tcPr>'
            f"<w:p><w:pPr>{centred}</w:pPr><w:r><w:rPr>{bold}"
            f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
            f'<w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:tc>'
        )
    flags = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    row = f"<w:tr {nsdecls('w')}><w:trPr>{flags}</w:trPr>{''.join(cells)}</w:tr>"
    table._tbl.append(parse_xml(row))
