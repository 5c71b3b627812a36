"""The summary as an .xlsx workbook: one row per task and lead unit, and every report.

Written in openpyxl's write-only (streaming) mode; sheets print landscape on A4, fitted to the
page width, with title rows and the header row repeated on every page. User text is never a formula.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bot.domain import ReportStatus
from bot.services.exports.common import as_of, cadence_label, naive_local, status_label, vi
from bot.services.exports.history import HistoryRow
from bot.services.summary import Summary, TaskLine

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
DATE_FORMAT = "dd/mm/yyyy"
MOMENT_FORMAT = "dd/mm/yyyy hh:mm"
SOURCES = {"chat", "office"}
TITLE_FONT = Font(bold=True, size=14)
# Leading characters a spreadsheet reads as the start of a formula (CSV/formula injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TITLE_ROWS = 3  # report name, plan, as of; the header row follows
# (text key, width, number format for dates)
SUMMARY_COLUMNS = (
    ("plan", 16, None), ("code", 8, None), ("task", 50, None), ("unit", 32, None),
    ("group", 26, None), ("due", 12, DATE_FORMAT), ("recurrence", 14, None),
    ("status", 24, None), ("days_overdue", 10, None), ("reported", 12, None),
    ("report", 50, None), ("percent", 10, None), ("report_at", 17, MOMENT_FORMAT),
    ("report_status", 18, None),
)  # fmt: skip
HISTORY_COLUMNS = (
    ("plan", 16, None), ("code", 8, None), ("task", 40, None), ("reporter", 32, None),
    ("report_at", 17, MOMENT_FORMAT), ("text", 60, None), ("percent", 10, None),
    ("report_status", 18, None), ("source", 16, None),
)  # fmt: skip


def build_xlsx(
    summary: Summary, history: Sequence[HistoryRow], tz: ZoneInfo, period_line: str | None = None
) -> bytes:
    """The workbook as .xlsx bytes; `period_line` names a period report's period."""
    workbook = Workbook(write_only=True)
    plans = {p.id: p.number or p.title for p in summary.plans}
    titles = _titles(summary, tz)
    if period_line:
        titles[2] = period_line
    summary_rows = (row for line in summary.tasks for row in _summary_rows(line, plans, tz))
    _sheet(workbook, vi("export.xlsx.summary_sheet"), titles, SUMMARY_COLUMNS, summary_rows)
    history_rows = (_history_row(row, tz) for row in history)
    history_titles = [vi("export.xlsx.history_title"), *titles[1:]]
    _sheet(workbook, vi("export.xlsx.history_sheet"), history_titles, HISTORY_COLUMNS, history_rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _titles(summary: Summary, tz: ZoneInfo) -> list[str]:
    """Report name, plan and "as of" lines above the table."""
    if len(summary.plans) == 1:
        plan = summary.plans[0]
        named = vi("export.xlsx.plan_number", number=plan.number) if plan.number else plan.title
    else:
        named = vi("export.xlsx.plans_many")
    return [
        vi("export.xlsx.summary_title"),
        named,
        vi("export.xlsx.as_of", **as_of(summary.at, tz)),
    ]


def _sheet(
    workbook: Workbook, title: str, titles: list[str], columns, rows: Iterable[list]
) -> None:
    sheet = workbook.create_sheet(title)
    _print_setup(sheet)
    formats = [number_format for _key, _width, number_format in columns]
    for index, (_key, width, _format) in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    header_row = TITLE_ROWS + 1
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    for index, line in enumerate(titles):
        cell = _text_cell(sheet, line)
        cell.font = TITLE_FONT if index == 0 else Font(bold=True)
        sheet.append([cell])
    sheet.append([_header_cell(sheet, vi(f"export.xlsx.col.{key}")) for key, _w, _f in columns])
    count = 0
    for values in rows:
        sheet.append([_cell(sheet, value, fmt) for value, fmt in zip(values, formats, strict=True)])
        count += 1
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + count}"


def _print_setup(sheet) -> None:
    """Landscape A4, every column on one page width, as many pages down as needed."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0


def _header_cell(sheet, value: str) -> Cell:
    cell = WriteOnlyCell(sheet, value)
    cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGN
    return cell


def _cell(sheet, value, number_format: str | None):
    """A value as written; text that a spreadsheet would read as a formula is stored as text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return _text_cell(sheet, value)
    if number_format is None or value is None:
        return value
    cell = WriteOnlyCell(sheet, value)
    cell.number_format = number_format
    return cell


def _text_cell(sheet, text: str) -> Cell:
    """A cell that holds `text` as text, never as a formula."""
    cell = WriteOnlyCell(sheet, text)
    if text.startswith(FORMULA_STARTS):
        cell.data_type = "s"  # openpyxl reads "=…" as a formula: keep it a string
        cell.quotePrefix = True  # and tell the spreadsheet it stays text when edited
    return cell


def _summary_rows(line: TaskLine, plans: dict[int, str], tz: ZoneInfo) -> list[list]:
    """One row per lead unit; a task without lead units gets one row of its own."""
    task = line.task
    cadence = cadence_label(task.recurrence) if task.recurrence else None
    rows = []
    for unit in line.units or (None,):
        if unit is None:
            name = group = reported = None
            status, days, report = line.status, line.days_overdue, line.last_report
        else:
            name, group, report = unit.unit, unit.group, unit.last_report
            status, days = unit.standing.status, unit.standing.days_overdue
            reported = vi("export.xlsx.yes" if unit.standing.reported else "export.xlsx.no")
        state = [status_label(status), days or None, reported]
        rows.append([plans.get(task.plan_id, ""), task.code, task.title, name, group, task.due,
                     cadence, *state, *_report(report, tz)])  # fmt: skip
    return rows


def _report(report, tz: ZoneInfo) -> list:
    if report is None:
        return [None, None, None, None]
    return [report.text, report.percent, naive_local(report.at, tz), _report_status(report.status)]


def _report_status(status: str | None) -> str | None:
    return vi(f"status.{status}") if status in set(ReportStatus) else status


def _history_row(row: HistoryRow, tz: ZoneInfo) -> list:
    status = _report_status(row.status)
    source = vi(f"export.xlsx.source.{row.source}") if row.source in SOURCES else row.source
    return [row.plan, row.code, row.title, row.unit, naive_local(row.at, tz), row.text,
            row.percent, status, source]  # fmt: skip
