"""The parts of the .docx report beyond statuses: extension requests, obstacles, support units."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from bot.services.exports.common import short_date, vi
from bot.services.exports.details import Details, UnitNote
from bot.services.summary import Summary
from bot.services.summary_text import clip

SHORT_NOTE = 200


def write_details(
    para: Callable[..., None], first_number: int, summary: Summary, details: Details, tz: ZoneInfo
) -> None:
    """Numbered subsections of section II, each "Không có." when empty."""
    codes = {line.task.id: line.task.code for line in summary.tasks}
    sections = (
        ("extensions", [_extension(e, codes) for e in details.extensions if e.task_id in codes]),
        ("obstacles", [_note(n, codes, tz) for n in details.obstacles if n.task_id in codes]),
        (
            "contributions",
            [_note(n, codes, tz) for n in details.contributions if n.task_id in codes],
        ),
    )
    for number, (name, lines) in enumerate(sections, first_number):
        heading = vi(f"export.doc.details.{name}", number=number, count=len(lines))
        para(heading, bold=True)
        for line in lines or [vi("export.doc.none")]:
            para(line if not lines else "- " + line)


def _extension(request, codes: dict[int, str]) -> str:
    reason = (
        vi("export.doc.details.reason", reason=clip(request.reason, SHORT_NOTE))
        if request.reason
        else ""
    )
    return vi(
        "export.doc.details.extension",
        code=codes[request.task_id],
        unit=request.unit,
        due=short_date(request.proposed_due),
        reason=reason,
        outcome=vi(f"export.doc.details.outcome.{request.state}"),
    )


def _note(note: UnitNote, codes: dict[int, str], tz: ZoneInfo) -> str:
    percent = (
        vi("export.doc.task_percent", percent=note.percent) if note.percent is not None else ""
    )
    return vi(
        "export.doc.details.note",
        code=codes[note.task_id],
        unit=note.unit,
        date=short_date(note.at.astimezone(tz).date()),
        text=clip(note.text, SHORT_NOTE),
        percent=percent,
    )
