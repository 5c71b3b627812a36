"""Rows of spreadsheets (.xlsx, read-only) and CSV files as text cells."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path

from bot.plandoc import PlanFileError
from bot.planparse.archive_limits import check_archive


def cell_text(value: object) -> str:
    """A cell as people read it: whole numbers without ".0", dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return str(value).replace("\r\n", "\n").strip()


def open_workbook(path: Path):
    """An .xlsx workbook opened read-only (values, not formulas)."""
    from openpyxl import load_workbook

    check_archive(path, path.name)
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise PlanFileError(f"{path.name}: không phải tệp Excel .xlsx hợp lệ.") from None


def xlsx_sheets(path: Path) -> list[tuple[str, list[list[str]]]]:
    """Every sheet's name and rows of cell texts (trailing empty rows dropped)."""
    workbook = open_workbook(path)
    try:
        sheets = []
        for sheet in workbook.worksheets:
            rows = [
                [cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)
            ]
            while rows and not any(rows[-1]):
                rows.pop()
            sheets.append((sheet.title, rows))
        return sheets
    finally:
        workbook.close()


def csv_rows(text: str) -> list[list[str]]:
    """Rows of a CSV text, comma, semicolon or tab separated."""
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    return [
        [cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)
    ]
