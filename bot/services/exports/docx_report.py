"""The summary as a .docx report in Vietnamese administrative form, ready to edit and sign.

The issuer's form (Party: Hướng dẫn 36-HD/VPTW; State: Nghị định 30/2020/NĐ-CP, see
`letterhead`): A4, Times New Roman 13/14, pages numbered from the second, issuer and motto side by
side, number, place and date, title, sections, a summary table, "Nơi nhận" and the signature.
"""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from bot.services.exports.common import cadence_label, short_date, status_label, vi
from bot.services.exports.details import Details
from bot.services.exports.docx_details import write_details
from bot.services.exports.docx_form import (
    TEXT_WIDTH,
    add_row,
    grid_table,
    new_document,
    number_pages_from_two,
    paragraph,
    rule,
    two_columns,
)
from bot.services.exports.letterhead import Letterhead, letterhead, recipient_lines
from bot.services.exports.rollup_rows import rollup_header, rollup_rows
from bot.services.rollup import RollUp
from bot.services.status import Status
from bot.services.summary import PlanInfo, Summary, TaskLine
from bot.services.summary_text import clip

HEADER_SIZE = Pt(13)
HEADER_LEFT, HEADER_RIGHT = Cm(6.5), Cm(10)
TABLE_WIDTHS = [Cm(1.3), Cm(4.5), Cm(2.9), Cm(2.6), Cm(2.3), Cm(2.9)]
ROLLUP_WIDTHS = [Cm(0.9), Cm(3.2), Cm(3.4), Cm(1.3), Cm(1.4), Cm(1.5), Cm(1.2), Cm(1.4), Cm(2.2)]
STATUS_ORDER = (Status.OVERDUE, Status.IN_PROGRESS, Status.DONE_LATE, Status.DONE_ON_TIME)
# Listed one by one with title, latest report and percent; completed on time by code only.
DETAILED = {Status.OVERDUE, Status.IN_PROGRESS, Status.DONE_LATE}
SHORT_REPORT = 160


def build_docx(
    summary: Summary, tz: ZoneInfo, details: Details | None = None, rollup: RollUp | None = None
) -> bytes:
    """The report as .docx bytes; with `rollup`, a table of the committees below after its own."""
    details = details or Details((), (), (), {})
    document = new_document()
    number_pages_from_two(document)
    plan = summary.plans[0] if len(summary.plans) == 1 else None
    head = plan_letterhead(plan)
    write_header(document, head, "BC", summary.at.astimezone(tz).date())
    write_title(document, plan)
    _body(document, summary, plan, details, tz)
    _table(document, summary, tz)
    if rollup is not None and rollup.children:
        write_rollup_table(document, rollup)
    write_closing(document, head)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def plan_letterhead(plan: PlanInfo | None) -> Letterhead:
    """The letterhead of one plan's documents (of the default issuer for several plans)."""
    return letterhead(plan.issuer if plan else None, plan.report_settings if plan else {})


def write_header(document, head: Letterhead, kind: str, day, subject: str | None = None) -> None:
    """Issuer and number (and a letter's subject) on the left; motto (State) or Party name,
    then place and date, on the right."""
    left, right = two_columns(document, HEADER_LEFT, HEADER_RIGHT)
    center = WD_ALIGN_PARAGRAPH.CENTER
    paragraph(left, head.superior, size=HEADER_SIZE, align=center)
    paragraph(left, head.office, bold=True, size=HEADER_SIZE, align=center)
    if head.is_party:
        paragraph(left, vi("export.form.party_star"), size=HEADER_SIZE, align=center)
        nation = vi("export.form.party_nation")
        paragraph(right, nation, bold=True, underline=True, size=HEADER_SIZE, align=center)
        paragraph(right, "", after=6)
    else:
        rule(left, Cm(2.2), HEADER_LEFT)
        paragraph(right, vi("export.doc.nation"), bold=True, size=HEADER_SIZE, align=center)
        paragraph(right, vi("export.doc.motto"), bold=True, align=center)
        rule(right, Cm(6.2), HEADER_RIGHT)
    paragraph(left, head.number(kind), size=HEADER_SIZE, align=center)
    if subject:
        paragraph(left, subject, size=Pt(12), align=center)
    day_text = f"{day.day:02d}"
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)  # 01, 02, 3…12
    dated = vi("export.doc.place_date", place=head.place, day=day_text, month=month, year=day.year)
    paragraph(right, dated, italic=True, align=center)


def write_title(document, plan: PlanInfo | None, period_label: str | None = None) -> None:
    """ "BÁO CÁO", what it reports on (and for which period), a short rule."""
    center = WD_ALIGN_PARAGRAPH.CENTER
    paragraph(document, "")
    paragraph(document, vi("export.doc.title"), bold=True, align=center)
    lines = _subtitle(plan)
    if period_label:
        lines[0] += " " + period_label
    for line in lines:
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


def _body(document, summary: Summary, plan: PlanInfo | None, details: Details, tz) -> None:
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY

    def para(text: str, bold: bool = False) -> None:
        # Headings (bold) stay on the page of what they head.
        paragraph(
            document, text, bold=bold, align=justify, indent=True, after=6, keep_with_next=bold
        )

    what = plan_subject(plan)
    para(vi("export.doc.intro", what=what, date=short_date(summary.at.astimezone(tz).date())))
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
                para("- " + task_sentence(line, details.evidence.get(line.task.id, 0), tz))
        else:
            para(vi("export.doc.task_codes", codes=", ".join(line.task.code for line in lines)))
    write_details(para, len(STATUS_ORDER) + 1, summary, details, tz)
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


def plan_subject(plan: PlanInfo | None) -> str:
    """ "Kế hoạch số 112/KH-UBND", "Kế hoạch nêu trên" or "các kế hoạch"."""
    if plan is None:
        return vi("export.doc.intro_many")
    if plan.number:
        return vi("export.doc.intro_one", number=plan.number)
    return vi("export.doc.intro_untitled")


def task_sentence(line: TaskLine, evidence: int, tz: ZoneInfo) -> str:
    """ "Nhiệm vụ 2: title (leads; thời hạn …; quá hạn N ngày). Báo cáo gần nhất …"."""
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
    if evidence:
        sentence += vi("export.doc.task_evidence", count=evidence)
    report = line.last_report
    if report is None:
        return sentence + vi("export.doc.task_no_report")
    percent = (
        vi("export.doc.task_percent", percent=report.percent) if report.percent is not None else ""
    )
    when = short_date(report.at.astimezone(tz).date())
    return sentence + vi(
        "export.doc.task_report", date=when, text=clip(report.text, SHORT_REPORT), percent=percent
    )


def _table(document, summary: Summary, tz: ZoneInfo) -> None:
    title = vi("export.doc.table_title")
    center = WD_ALIGN_PARAGRAPH.CENTER
    paragraph(document, title, bold=True, align=center, after=6, keep_with_next=True)
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
        report = f"{when}: {clip(line.last_report.text, SHORT_REPORT)}{percent}"
    return [task.code, task.title, "; ".join(line.lead_units), due, status, report]


def write_rollup_table(document, rollup: RollUp) -> None:
    """The committees below, one row each, worst first."""
    center = WD_ALIGN_PARAGRAPH.CENTER
    title = vi("export.rollup.title")
    paragraph(document, "", after=6)
    paragraph(document, title, bold=True, align=center, after=6, keep_with_next=True)
    table = grid_table(document, ROLLUP_WIDTHS)
    add_row(table, ROLLUP_WIDTHS, rollup_header(), header=True)
    for row in rollup_rows(rollup):
        add_row(table, ROLLUP_WIDTHS, [str(value) for value in row])


def write_closing(document, head: Letterhead) -> None:
    """ "Nơi nhận" on the left; authority, title, room to sign and the signer's name on the right."""
    paragraph(document, "")
    left, right = two_columns(document, Cm(8), Cm(8.5))
    recipients_title = vi("export.doc.recipients_title")
    paragraph(left, recipients_title, bold=True, italic=not head.is_party, size=Pt(12),
              underline=head.is_party)  # fmt: skip
    for line in recipient_lines(head):
        paragraph(left, line, size=Pt(11))
    center = WD_ALIGN_PARAGRAPH.CENTER
    if head.on_behalf:
        paragraph(right, head.on_behalf.upper(), bold=True, align=center)
    paragraph(right, head.signer_title, bold=True, align=center)
    if head.signer_name:
        for _ in range(4):  # room for the signature and the seal
            paragraph(right, "")
        paragraph(right, head.signer_name, bold=True, align=center)
    else:
        paragraph(right, vi("export.doc.signer_hint"), italic=True, size=HEADER_SIZE, align=center)
