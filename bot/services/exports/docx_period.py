"""A period report (.docx): the reports received in the period quoted per task and unit, in the
plan's own order, the tasks completed in it and those overdue at its end."""

from __future__ import annotations

import io
from itertools import groupby
from zoneinfo import ZoneInfo

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from bot.services.exports.common import short_date, vi
from bot.services.exports.docx_form import (
    add_row,
    grid_table,
    new_document,
    number_pages_from_two,
    paragraph,
)
from bot.services.exports.docx_report import (
    plan_letterhead,
    plan_subject,
    task_sentence,
    write_closing,
    write_header,
    write_rollup_table,
    write_title,
)
from bot.services.exports.period import PeriodReport
from bot.services.rollup import RollUp
from bot.services.summary_text import clip

QUOTE_LIMIT = 300
TITLE_LIMIT = 120
RECEIVED_WIDTHS = [Cm(4.4), Cm(3.6), Cm(2.3), Cm(6.2)]


def build_period_docx(report: PeriodReport, tz: ZoneInfo, rollup: RollUp | None = None) -> bytes:
    """The period report as .docx bytes; with `rollup`, a table of the committees below."""
    document = new_document()
    number_pages_from_two(document)
    plans = report.summary.plans
    plan = plans[0] if len(plans) == 1 else None
    head = plan_letterhead(plan)
    write_header(document, head, "BC", report.end.astimezone(tz).date())
    write_title(document, plan, report.label)
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY

    def para(text: str, bold: bool = False) -> None:
        paragraph(
            document, text, bold=bold, align=justify, indent=True, after=6, keep_with_next=bold
        )

    what = plan_subject(plan)
    start, end = report.period.start, report.end.astimezone(tz).date()
    para(vi("export.period_doc.intro", what=what, label=report.label,
            start=short_date(start), end=short_date(end)))  # fmt: skip
    _overall(para, report)
    _received(document, para, report, tz)
    para(vi("export.period_doc.section_completed", count=len(report.completed)), bold=True)
    for line in report.completed or ():
        para("- " + task_sentence(line, 0, tz))
    if not report.completed:
        para(vi("export.doc.none"))
    para(vi("export.period_doc.section_overdue", count=len(report.overdue)), bold=True)
    for line in report.overdue:
        para("- " + task_sentence(line, 0, tz))
    if not report.overdue:
        para(vi("export.doc.none"))
    para(vi("export.period_doc.section_proposals"), bold=True)
    for _ in range(2):
        paragraph(document, vi("export.doc.proposals_blank"), after=6)
    para(vi("export.doc.closing"))
    if rollup is not None and rollup.children:
        write_rollup_table(document, rollup)
    write_closing(document, head)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _overall(para, report: PeriodReport) -> None:
    para(vi("export.doc.section_overall"), bold=True)
    counts = report.summary.counts
    para(vi("export.period_doc.overall_end", total=len(report.summary.tasks), **counts))
    units = {row.unit for row in report.reports}
    tasks = {(row.plan, row.code) for row in report.reports}
    para(vi("export.period_doc.received", reports=len(report.reports), units=len(units),
            tasks=len(tasks), completed=len(report.completed)))  # fmt: skip


def _received(document, para, report: PeriodReport, tz: ZoneInfo) -> None:
    """A table: per task in the plan's order, each unit's latest report in the period, quoted.

    Rows are appended as table XML (`add_row`): thousands of paragraphs would cost python-docx
    quadratic time.
    """
    para(vi("export.period_doc.section_received"), bold=True)
    if not report.reports:
        para(vi("export.period_doc.no_reports"))
        return
    table = grid_table(document, RECEIVED_WIDTHS)
    columns = ("task", "unit", "date", "text")
    add_row(
        table, RECEIVED_WIDTHS, [vi(f"export.period_doc.col.{c}") for c in columns], header=True
    )
    several = len(report.summary.plans) > 1
    for (plan, code, title), rows in groupby(report.reports, lambda r: (r.plan, r.code, r.title)):
        task = vi("export.period_doc.task", code=code, title=clip(title, TITLE_LIMIT))
        task = f"{task} ({plan})" if several else task
        per_unit: dict[str, list] = {}
        for row in rows:
            per_unit.setdefault(row.unit, []).append(row)
        for index, (unit, reports) in enumerate(sorted(per_unit.items())):
            latest = reports[-1]  # rows come in time order
            add_row(table, RECEIVED_WIDTHS, [
                task if index == 0 else "", unit, short_date(latest.at.astimezone(tz).date()),
                _quote(latest, len(reports)),
            ])  # fmt: skip


def _quote(row, count: int) -> str:
    percent = vi("export.doc.task_percent", percent=row.percent) if row.percent is not None else ""
    kind = vi("export.period_doc.extension") if row.status == "extension" else ""
    more = vi("export.period_doc.count", count=count) if count > 1 else ""
    return vi("export.period_doc.quote", kind=kind, text=clip(row.text, QUOTE_LIMIT),
              percent=percent, count=more)  # fmt: skip
