"""The summary as a .docx report in Vietnamese administrative form, ready to edit and sign.

Layout after Nghị định 30/2020/NĐ-CP: A4, Times New Roman 13/14, issuer and national motto
side by side, number, place and date, title, numbered sections, a summary table,
recipients ("Nơi nhận") and the signature block.
"""

from __future__ import annotations

import io
import re
from zoneinfo import ZoneInfo

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from bot.services.exports.common import as_of, cadence_label, short_date, status_label, vi
from bot.services.exports.docx_form import (
    TEXT_WIDTH,
    add_row,
    grid_table,
    new_document,
    paragraph,
    rule,
    two_columns,
)
from bot.services.status import Status
from bot.services.summary import PlanInfo, Summary, TaskLine

HEADER_SIZE = Pt(13)
HEADER_LEFT, HEADER_RIGHT = Cm(6.5), Cm(10)
TABLE_WIDTHS = [Cm(1.3), Cm(4.5), Cm(2.9), Cm(2.6), Cm(2.3), Cm(2.9)]
STATUS_ORDER = (Status.OVERDUE, Status.IN_PROGRESS, Status.DONE_LATE, Status.DONE_ON_TIME)
DETAILED = {Status.OVERDUE, Status.DONE_LATE}  # listed one by one; the others by code
PLACE = re.compile(r"(?:huyện|thị xã|thành phố|quận|tỉnh|ủy|uỷ)\s+(.+)$", re.IGNORECASE)
SHORT_REPORT = 160


def build_docx(summary: Summary, tz: ZoneInfo) -> bytes:
    """The report as .docx bytes."""
    document = new_document()
    plan = summary.plans[0] if len(summary.plans) == 1 else None
    _header(document, summary, plan, tz)
    _title(document, plan)
    _body(document, summary, plan, tz)
    _table(document, summary, tz)
    _closing(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _header(document, summary: Summary, plan: PlanInfo | None, tz: ZoneInfo) -> None:
    left, right = two_columns(document, HEADER_LEFT, HEADER_RIGHT)
    center = WD_ALIGN_PARAGRAPH.CENTER
    issuer = (plan.issuer if plan and plan.issuer else vi("export.doc.issuer_default")).upper()
    paragraph(left, issuer, size=HEADER_SIZE, align=center)
    paragraph(left, vi("export.doc.office"), bold=True, size=HEADER_SIZE, align=center)
    rule(left, Cm(2.2), HEADER_LEFT)
    paragraph(left, vi("export.doc.number"), size=HEADER_SIZE, align=center)
    paragraph(right, vi("export.doc.nation"), bold=True, size=HEADER_SIZE, align=center)
    paragraph(right, vi("export.doc.motto"), bold=True, align=center)
    rule(right, Cm(6.2), HEADER_RIGHT)
    local = summary.at.astimezone(tz).date()
    place = _place(plan.issuer if plan else None)
    day = f"{local.day:02d}"
    month = f"{local.month:02d}" if local.month < 3 else str(local.month)  # ND 30: 01, 02, 3…12
    dated = vi("export.doc.place_date", place=place, day=day, month=month, year=local.year)
    paragraph(right, dated, italic=True, align=center)


def _place(issuer: str | None) -> str:
    """ "UBND huyện Đông Hưng" → "Đông Hưng"."""
    match = PLACE.search(issuer or "")
    return match.group(1).strip() if match else vi("export.doc.place_default")


def _title(document, plan: PlanInfo | None) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    paragraph(document, "")
    paragraph(document, vi("export.doc.title"), bold=True, align=center)
    for line in _subtitle(plan):
        paragraph(document, line, bold=True, align=center)
    rule(document, Cm(4), TEXT_WIDTH)
    paragraph(document, "")


def _subtitle(plan: PlanInfo | None) -> list[str]:
    if plan is None:
        return [vi("export.doc.subtitle_many")]
    if not plan.number:
        return [vi("export.doc.subtitle_untitled", title=plan.title)]
    issued = vi("export.doc.issued", date=short_date(plan.issued_on)) if plan.issued_on else ""
    issuer = vi("export.doc.issuer", issuer=plan.issuer) if plan.issuer else ""
    lines = [vi("export.doc.subtitle_one", number=plan.number, issued=issued, issuer=issuer)]
    topic = plan.title.removeprefix("Kế hoạch ").strip()
    lines.append(vi("export.doc.about", topic=topic) if topic != plan.title else plan.title)
    return lines


def _body(document, summary: Summary, plan: PlanInfo | None, tz: ZoneInfo) -> None:
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY

    def para(text: str, bold: bool = False) -> None:
        paragraph(document, text, bold=bold, align=justify, indent=True, after=6)

    what = (
        vi("export.doc.intro_one", number=plan.number)
        if plan and plan.number
        else vi("export.doc.intro_many")
    )
    para(vi("export.doc.intro", what=what, **as_of(summary.at, tz)))
    para(vi("export.doc.section_overall"), bold=True)
    counts = summary.counts
    total = len(summary.tasks)
    para(vi("export.doc.overall", total=total, **counts))
    done = counts[Status.DONE_ON_TIME] + counts[Status.DONE_LATE]
    if total:
        para(vi("export.doc.completion", percent=round(100 * done / total), done=done, total=total))
    reported, expected = summary.response
    if expected:
        percent = round(100 * reported / expected)
        para(vi("export.doc.response", percent=percent, reported=reported, expected=expected))
    para(vi("export.doc.section_detail"), bold=True)
    for number, status in enumerate(STATUS_ORDER, 1):
        lines = [line for line in summary.tasks if line.status is status]
        label = status_label(status)
        para(
            vi("export.doc.status_heading", number=number, label=label, count=len(lines)), bold=True
        )
        if not lines:
            para(vi("export.doc.none"))
        elif status in DETAILED:
            for line in sorted(lines, key=lambda item: -item.days_overdue):
                para("- " + _task_sentence(line, tz))
        else:
            para(vi("export.doc.task_codes", codes=", ".join(line.task.code for line in lines)))
    para(vi("export.doc.section_units"), bold=True)
    missing = summary.not_reported
    if missing:
        para(vi("export.doc.not_reported", count=len(missing)))
        for unit, codes in missing:
            para("- " + vi("export.doc.not_reported_unit", unit=unit, codes=", ".join(codes)))
    else:
        para(vi("export.doc.all_reported"))
    if summary.unreachable_units:
        para(vi("export.doc.unreachable", units="; ".join(summary.unreachable_units)))
    para(vi("export.doc.section_proposals"), bold=True)
    for _ in range(2):
        paragraph(document, vi("export.doc.proposals_blank"), after=6)
    para(vi("export.doc.closing"))


def _task_sentence(line: TaskLine, tz: ZoneInfo) -> str:
    task = line.task
    due = vi("export.doc.task_due", date=short_date(task.due)) if task.due else ""
    if line.status is Status.OVERDUE:
        due += vi("export.doc.task_overdue", days=line.days_overdue)
    sentence = vi(
        "export.doc.task",
        code=task.code,
        title=task.title,
        leads="; ".join(line.lead_units),
        due=due,
    )
    report = line.last_report
    if report is None:
        return sentence + vi("export.doc.task_no_report")
    percent = (
        vi("export.doc.task_percent", percent=report.percent) if report.percent is not None else ""
    )
    when = short_date(report.at.astimezone(tz).date())
    return sentence + vi(
        "export.doc.task_report", date=when, text=_short(report.text), percent=percent
    )


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHORT_REPORT else text[: SHORT_REPORT - 1].rstrip() + "…"


def _table(document, summary: Summary, tz: ZoneInfo) -> None:
    title = vi("export.doc.table_title")
    paragraph(document, title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=6)
    table = grid_table(document, TABLE_WIDTHS)
    columns = ("number", "task", "leads", "due", "status", "report")
    add_row(table, TABLE_WIDTHS, [vi(f"export.doc.col.{name}") for name in columns], header=True)
    for line in summary.tasks:
        add_row(table, TABLE_WIDTHS, _table_row(line, tz))


def _table_row(line: TaskLine, tz: ZoneInfo) -> list[str]:
    task = line.task
    if task.due:
        due = short_date(task.due)
    else:
        due = (
            vi("export.doc.recurring", cadence=cadence_label(task.recurrence))
            if task.recurrence
            else ""
        )
    status = status_label(line.status)
    if line.status is Status.OVERDUE:
        status = vi("export.doc.overdue_days", label=status, days=line.days_overdue)
    report = ""
    if line.last_report is not None:
        when = short_date(line.last_report.at.astimezone(tz).date())
        percent = f" ({line.last_report.percent}%)" if line.last_report.percent is not None else ""
        report = f"{when}: {_short(line.last_report.text)}{percent}"
    return [task.code, task.title, "; ".join(line.lead_units), due, status, report]


def _closing(document) -> None:
    paragraph(document, "")
    left, right = two_columns(document, Cm(8), Cm(8.5))
    paragraph(left, vi("export.doc.recipients_title"), bold=True, italic=True, size=Pt(12))
    for line in vi("export.doc.recipients").split("\n"):
        paragraph(left, line, size=Pt(11))
    center = WD_ALIGN_PARAGRAPH.CENTER
    paragraph(right, vi("export.doc.signer_title"), bold=True, align=center)
    paragraph(right, vi("export.doc.signer_hint"), italic=True, size=HEADER_SIZE, align=center)
