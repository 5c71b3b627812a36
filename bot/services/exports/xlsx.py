"""The summary as an .xlsx workbook: one row per task and lead unit, and every report."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from bot.domain import ReportStatus
from bot.services.exports.common import cadence_label, naive_local, status_label, vi
from bot.services.exports.history import HistoryRow
from bot.services.summary import Summary, TaskLine

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
DATE_FORMAT = "dd/mm/yyyy"
MOMENT_FORMAT = "dd/mm/yyyy hh:mm"
SOURCES = {"chat", "office"}
# (text key, width, number format for dates)
SUMMARY_COLUMNS = (
    ("plan", 16, None), ("code", 8, None), ("task", 50, None), ("unit", 32, None),
    ("group", 26, None), ("due", 12, DATE_FORMAT), ("recurrence", 14, None),
    ("status", 24, None), ("days_overdue", 10, None), ("reported", 12, None),
    ("report", 50, None), ("percent", 10, None), ("report_at", 17, MOMENT_FORMAT),
)  # fmt: skip
HISTORY_COLUMNS = (
    ("plan", 16, None), ("code", 8, None), ("task", 40, None), ("reporter", 32, None),
    ("report_at", 17, MOMENT_FORMAT), ("text", 60, None), ("percent", 10, None),
    ("report_status", 18, None), ("source", 16, None),
)  # fmt: skip


def build_xlsx(summary: Summary, history: Sequence[HistoryRow], tz: ZoneInfo) -> bytes:
    """The workbook as .xlsx bytes."""
    workbook = Workbook(write_only=True)
    plans = {p.id: p.number or p.title for p in summary.plans}
    summary_rows = (row for line in summary.tasks for row in _summary_rows(line, plans, tz))
    _sheet(workbook, vi("export.xlsx.summary_sheet"), SUMMARY_COLUMNS, summary_rows)
    history_rows = (_history_row(row, tz) for row in history)
    _sheet(workbook, vi("export.xlsx.history_sheet"), HISTORY_COLUMNS, history_rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet(workbook: Workbook, title: str, columns, rows: Iterable[list]) -> None:
    sheet = workbook.create_sheet(title)
    formats = [number_format for _key, _width, number_format in columns]
    for index, (_key, width, _format) in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    count = 0
    sheet.append([_header_cell(sheet, vi(f"export.xlsx.col.{key}")) for key, _w, _f in columns])
    for values in rows:
        sheet.append([_cell(sheet, value, fmt) for value, fmt in zip(values, formats, strict=True)])
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"


def _header_cell(sheet, value: str) -> Cell:
    cell = WriteOnlyCell(sheet, value)
    cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGN
    return cell


def _cell(sheet, value, number_format: str | None):
    if number_format is None or value is None:
        return value
    cell = WriteOnlyCell(sheet, value)
    cell.number_format = number_format
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
        return [None, None, None]
    return [report.text, report.percent, naive_local(report.at, tz)]


def _history_row(row: HistoryRow, tz: ZoneInfo) -> list:
    status = vi(f"status.{row.status}") if row.status in set(ReportStatus) else row.status
    source = vi(f"export.xlsx.source.{row.source}") if row.source in SOURCES else row.source
    return [row.plan, row.code, row.title, row.unit, naive_local(row.at, tz), row.text,
            row.percent, status, source]  # fmt: skip
