"""An urging letter (công văn đôn đốc) to one unit, in the form of the plan's issuer."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

from docx.enum.text import WD_ALIGN_PARAGRAPH

from bot.services.exports.common import short_date, vi
from bot.services.exports.docx_form import new_document, number_pages_from_two, paragraph
from bot.services.exports.docx_report import (
    plan_letterhead,
    plan_subject,
    task_sentence,
    write_closing,
    write_header,
)
from bot.services.exports.letters import Letter

LETTER_KIND = "CV"  # công văn


def build_letter(letter: Letter, today: date, reply_by: date, tz: ZoneInfo) -> bytes:
    """The letter as .docx bytes, dated `today`, asking for a report by `reply_by`."""
    document = new_document()
    number_pages_from_two(document)
    head = plan_letterhead(letter.plan)
    write_header(document, head, LETTER_KIND, today, subject=vi("export.letter.subject"))
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY

    def para(text: str) -> None:
        paragraph(document, text, align=justify, indent=True, after=6)

    paragraph(document, "")
    paragraph(document, vi("export.letter.to", unit=letter.unit), align=WD_ALIGN_PARAGRAPH.CENTER,
              after=12)  # fmt: skip
    para(vi("export.letter.opening", plan=_plan_reference(letter), unit=letter.unit,
            count=len(letter.tasks), date=short_date(today)))  # fmt: skip
    for lagging in sorted(letter.tasks, key=lambda item: -item.unit.standing.days_overdue):
        # The unit's own standing and report, not the task's across all its lead units.
        own = replace(lagging.line, days_overdue=lagging.unit.standing.days_overdue,
                      status=lagging.unit.standing.status, last_report=lagging.unit.last_report)  # fmt: skip
        para("- " + task_sentence(own, 0, tz))
    if letter.reminded_on:
        days = ", ".join(short_date(day) for day in letter.reminded_on)
        para(vi("export.letter.reminded", count=len(letter.reminded_on), days=days))
    else:
        para(vi("export.letter.not_reminded"))
    para(vi("export.letter.request", unit=letter.unit, date=short_date(reply_by)))
    recipients = (vi("export.letter.as_above"), head.recipients[-1]) if head.recipients else ()
    write_closing(document, replace(head, recipients=recipients))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _plan_reference(letter: Letter) -> str:
    plan = letter.plan
    reference = plan_subject(plan)
    if plan.number and plan.issued_on:
        reference += vi("export.doc.issued", date=short_date(plan.issued_on))
    if plan.issuer:
        reference += vi("export.doc.issuer", issuer=plan.issuer)
    return reference if plan.number else plan.title
