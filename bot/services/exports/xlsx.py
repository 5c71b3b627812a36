"""The summary as an .xlsx workbook: one row per task and lead unit, and every report.

Written by rustpy-xlsxwriter (rust_xlsxwriter underneath, rows streamed as they come); sheets
print landscape on A4, fitted to the page width, with title rows and the header row repeated on
every page. User text is written as text, never as a formula, with a quote prefix so that it
stays text when a cell is edited.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple
from zoneinfo import ZoneInfo

from rustpy_xlsxwriter import Format, write_worksheets

from bot.domain import ReportStatus
from bot.services.exports.common import (
    as_of,
    cadence_label,
    local_clock,
    naive_local,
    status_label,
    vi,
)
from bot.services.exports.history import History
from bot.services.exports.rollup_rows import rollup_header, rollup_rows
from bot.services.rollup import RollUp
from bot.services.summary import Summary, TaskLine

TEXT_LIMIT = 32_767  # characters in one cell, Excel's limit (the writer refuses longer text)
TITLE_ROWS = 3  # report name, plan, as of; the header row follows
SOURCES = ("chat", "office")
# Column kinds: how a column's cells are formatted.
TEXT, NUMBER, DATE, MOMENT = "text", "number", "date", "moment"
PAGE_SETUP = {  # landscape A4, every column on one page width, as many pages down as needed
    "landscape": True, "paper_size": 9, "fit_to_pages": (1, 0), "repeat_rows": TITLE_ROWS,
}  # fmt: skip
# (text key, width, kind)
SUMMARY_COLUMNS = (
    ("plan", 16, TEXT), ("code", 8, TEXT), ("task", 50, TEXT), ("unit", 32, TEXT),
    ("group", 26, TEXT), ("due", 12, DATE), ("recurrence", 14, TEXT),
    ("status", 24, TEXT), ("days_overdue", 10, NUMBER), ("reported", 12, TEXT),
    ("report", 50, TEXT), ("percent", 10, NUMBER), ("report_at", 17, MOMENT),
    ("report_status", 18, TEXT),
)  # fmt: skip
HISTORY_COLUMNS = (
    ("plan", 16, TEXT), ("code", 8, TEXT), ("task", 40, TEXT), ("reporter", 32, TEXT),
    ("report_at", 17, MOMENT), ("text", 60, TEXT), ("percent", 10, NUMBER),
    ("report_status", 18, TEXT), ("source", 16, TEXT),
)  # fmt: skip


ROLLUP_COLUMNS = (
    ("number", 6, NUMBER), ("committee", 34, TEXT), ("plans", 40, TEXT), ("tasks", 10, NUMBER),
    ("done", 11, NUMBER), ("in_progress", 12, NUMBER), ("overdue", 10, NUMBER),
    ("obstacles", 11, NUMBER), ("reporting", 16, TEXT),
)  # fmt: skip


class Sheet(NamedTuple):
    """One sheet: its name, the title lines above its table, its columns and its records."""

    name: str
    titles: list[str]
    columns: tuple[tuple[str, int, str], ...]
    records: Iterable[dict]  # keyed by the columns' headings


def build_xlsx(
    summary: Summary,
    history: History,
    tz: ZoneInfo,
    period_line: str | None = None,
    rollup: RollUp | None = None,
) -> bytes:
    """The workbook as .xlsx bytes; `period_line` names a period report's period; `rollup`
    adds a sheet of the committees below."""
    plans = {p.id: _fit(p.number or p.title) for p in summary.plans}
    statuses = _report_statuses()
    titles = _titles(summary, tz)
    if period_line:
        titles[2] = period_line
    summary_rows = (
        row for line in summary.tasks for row in _summary_rows(line, plans, statuses, tz)
    )
    summary_records = _records(_headings(SUMMARY_COLUMNS), summary_rows)
    history_titles = [vi("export.xlsx.history_title"), *titles[1:]]
    history_records = _history_records(history, _headings(HISTORY_COLUMNS), statuses, tz)
    sheets = [
        Sheet(vi("export.xlsx.summary_sheet"), titles, SUMMARY_COLUMNS, summary_records),
        Sheet(vi("export.xlsx.history_sheet"), history_titles, HISTORY_COLUMNS, history_records),
    ]
    if rollup is not None and rollup.children:
        below = _records(rollup_header(), rollup_rows(rollup))
        rollup_titles = [vi("export.rollup.title"), *titles[1:]]
        sheets.append(Sheet(vi("export.xlsx.rollup_sheet"), rollup_titles, ROLLUP_COLUMNS, below))
    return _workbook(sheets)


def _workbook(sheets: Sequence[Sheet]) -> bytes:
    """The sheets written in one pass, each with its title rows, header row and print setup."""
    formats = _formats()
    names = [sheet.name for sheet in sheets]
    buffer = io.BytesIO()
    write_worksheets(
        [(sheet.name, _or_header(sheet.columns, sheet.records)) for sheet in sheets],
        buffer,
        freeze_panes={"general": {"row": TITLE_ROWS + 1, "col": 0}},  # below the header row
        header_row=dict.fromkeys(names, TITLE_ROWS),
        merge_ranges={sheet.name: _title_merges(sheet, formats) for sheet in sheets},
        column_widths={sheet.name: [width for _k, width, _f in sheet.columns] for sheet in sheets},
        column_formats={sheet.name: [formats[kind] for _k, _w, kind in sheet.columns]
                        for sheet in sheets},
        header_format=dict.fromkeys(names, formats["header"]),
        autofilter=dict.fromkeys(names, True),
        page_setup=dict.fromkeys(names, PAGE_SETUP),
    )  # fmt: skip
    return buffer.getvalue()


def _formats() -> dict[str, Format]:
    """The cell formats by column kind, of the header and of the title rows."""
    return {
        TEXT: Format().set_quote_prefix(),
        NUMBER: Format(),
        DATE: Format().set_num_format("dd/mm/yyyy"),
        MOMENT: Format().set_num_format("dd/mm/yyyy hh:mm"),
        "header": Format().set_bold().set_font_color("#FFFFFF").set_background_color("#1F4E78")
        .set_align("center").set_align("vcenter").set_text_wrap(),
        "title": Format().set_bold().set_font_size(14).set_quote_prefix(),
        "subtitle": Format().set_bold().set_quote_prefix(),
    }  # fmt: skip


def _titles(summary: Summary, tz: ZoneInfo) -> list[str]:
    """Report name, plan and "as of" lines above the table."""
    if len(summary.plans) == 1:
        plan = summary.plans[0]
        named = vi("export.xlsx.plan_number", number=plan.number) if plan.number else plan.title
    else:
        named = vi("export.xlsx.plans_many")
    return [
        vi("export.xlsx.summary_title"),
        _fit(named),
        vi("export.xlsx.as_of", **as_of(summary.at, tz)),
    ]


def _title_merges(sheet: Sheet, formats: dict[str, Format]) -> list:
    """Each title line across the table's width, the first one larger."""
    last = len(sheet.columns) - 1
    return [
        (row, 0, row, last, line, formats["title" if row == 0 else "subtitle"])
        for row, line in enumerate(sheet.titles)
    ]


def _headings(columns: tuple) -> list[str]:
    """The columns' headings, the keys of a sheet's records."""
    return [vi(f"export.xlsx.col.{key}") for key, _width, _kind in columns]


def _records(keys: list[str], rows: Iterable[Sequence]) -> Iterator[dict]:
    """Rows as the writer's records."""
    for values in rows:
        yield dict(zip(keys, values, strict=True))


def _or_header(columns: tuple, records: Iterable[dict]) -> Iterator[dict]:
    """The records; an empty sheet keeps its header (the writer takes it from the first record)."""
    empty = True
    for record in records:
        empty = False
        yield record
    if empty:
        yield dict.fromkeys(_headings(columns))


def _fit(text: str) -> str:
    """Text cut to what one cell holds (a plan or report text has no length limit of its own)."""
    return text[:TEXT_LIMIT]


def _report_statuses() -> dict[str | None, str | None]:
    """A report's status as the sheets show it; an unknown one is shown as stored."""
    return {status.value: vi(f"status.{status.value}") for status in ReportStatus}


def _summary_rows(
    line: TaskLine, plans: dict[int, str], statuses: dict, tz: ZoneInfo
) -> list[list]:
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
        rows.append([plans.get(task.plan_id, ""), task.code, _fit(task.title), name, group,
                     task.due, cadence, *state, *_report(report, statuses, tz)])  # fmt: skip
    return rows


def _report(report, statuses: dict, tz: ZoneInfo) -> list:
    """The latest report's text, percent, moment and status (empty cells without one)."""
    if report is None:
        return [None, None, None, None]
    status = statuses.get(report.status, report.status)
    return [_fit(report.text), report.percent, naive_local(report.at, tz), status]


def _history_records(
    history: History, keys: list[str], statuses: dict, tz: ZoneInfo
) -> Iterator[dict]:
    """One record per report, straight from the fetched rows (names looked up and cut to fit
    once; a dict display, not a tuple zipped into one, as this runs 100,000 times)."""
    tasks = {
        task: (_fit(plan), code, _fit(title)) for task, (plan, code, title) in history.tasks.items()
    }
    units = history.units
    sources = {source: vi(f"export.xlsx.source.{source}") for source in SOURCES}
    local = local_clock([report[2] for report in history.reports], tz)
    plan_, code_, title_, unit_, at_, text_, percent_, status_, source_ = keys
    for task, unit, at, text, percent, status, source in history.reports:
        plan, code, title = tasks[task]
        yield {plan_: plan, code_: code, title_: title, unit_: units[unit], at_: local(at),
               text_: _fit(text), percent_: percent, status_: statuses.get(status, status),
               source_: sources.get(source, source)}  # fmt: skip
