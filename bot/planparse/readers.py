"""File readers: plain text (from a PDF), Word .docx, and PDF with a text layer."""

from __future__ import annotations

import codecs
import re
import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from bot.plandoc import PlanDocument, PlanFileError
from bot.planparse.archive_limits import check_archive
from bot.planparse.document import build_plan
from bot.planparse.docx_numbering import Numbering
from bot.planparse.lines import Line, make_line, text_lines
from bot.planparse.tables import Table, is_assignment_table

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # below space, but not \t \n \f \r


def _decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise PlanFileError(f"{name}: tệp trống.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanFileError(
            f"{name}: không phải văn bản UTF-8 (hãy lưu lại với mã UTF-8)."
        ) from None
    controls = sum(1 for _ in _CONTROLS.finditer(text))
    if controls > len(text) // 100:
        raise PlanFileError(f"{name}: không phải tệp văn bản.")
    return text


def read_text(path: Path) -> PlanDocument:
    """A plan as plain text, typically copied or extracted from a PDF."""
    # Nothing keeps the whole text once it is split into lines: a long plan's memory goes to them.
    return build_plan(text_lines(_decode(path.read_bytes(), path.name)), [], name=path.name)


def _cell_lines(table: DocxTable, number: int) -> list[Line]:
    """A table that assigns nothing (letterhead, signature block), read cell by cell."""
    lines, seen = [], set()
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            pieces = (
                make_line(piece, f"bảng {number}", hard=True) for piece in cell.text.split("\n")
            )
            lines += [line for line in pieces if line]
    return lines


def read_docx(path: Path) -> PlanDocument:
    """A Word plan: paragraphs and tables in document order."""
    check_archive(path, path.name)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError):
        raise PlanFileError(
            f"{path.name}: không phải tệp Word .docx hợp lệ (có thể là ảnh hay tệp .doc đổi đuôi)."
        ) from None
    lines: list[Line] = []
    tables: list[Table] = []
    paragraphs = table_count = 0
    numbering = Numbering(document)
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraphs += 1
            text = Paragraph(child, document).text
            label = numbering.label(child) if text.strip() else None
            pieces = (f"{label} {text}" if label else text).split("\n")
            for index, piece in enumerate(pieces):
                line = make_line(piece, f"đoạn {paragraphs}", hard=index == 0)
                lines += [line] if line else []
        elif child.tag == qn("w:tbl"):
            table_count += 1
            table = DocxTable(child, document)
            rows = [[cell.text for cell in row.cells] for row in table.rows]
            if is_assignment_table(rows):
                tables.append(Table(table_count, rows))
            else:
                lines += _cell_lines(table, table_count)
    return build_plan(lines, tables, name=path.name)


def read_pdf(path: Path) -> PlanDocument:
    """A PDF with a text layer; scanned pages have none."""
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, OSError):
        raise PlanFileError(f"{path.name}: không phải tệp PDF đọc được.") from None
    if not "".join(pages).strip():
        raise PlanFileError(
            f"{path.name}: PDF không có lớp chữ (bản quét); "
            "hãy nhận dạng chữ (OCR) hoặc dùng bản .docx."
        )
    lines = [
        line
        for number, text in enumerate(pages, 1)
        for line in text_lines(text, f"trang {number}, dòng {{}}")
    ]
    return build_plan(lines, [], name=path.name)
