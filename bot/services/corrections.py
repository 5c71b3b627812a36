"""A sender confirms or corrects the status, percent or date of their report (within 48 hours)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import ReportStatus
from bot.reading import normalize_code, read_progress
from bot.services.audit import audit
from bot.services.obstacles import retrack_obstacle
from bot.services.progress import DEFAULT_TZ, Recorded, TaskRef, open_extension
from db.models import ProgressReport, Task

CORRECTION_WINDOW = timedelta(hours=48)


class TooLate(Exception):
    """The report is older than the correction window."""


def correctable(report: ProgressReport, now: datetime) -> bool:
    """Whether the sender may still correct the report."""
    return now - report.created_at <= CORRECTION_WINDOW


async def correct_report(
    session: AsyncSession,
    report: ProgressReport,
    *,
    status: ReportStatus,
    actor: str,
    now: datetime,
    percent: int | None = None,
    proposed_due: date | None = None,
    tz: tzinfo = DEFAULT_TZ,
) -> Recorded:
    """Set what the report says (audited); an obstacle follows the status, an extension with a
    date opens a request. TooLate after `CORRECTION_WINDOW`."""
    if not correctable(report, now):
        raise TooLate(report.id)
    task = await session.get_one(Task, report.task_id)
    before = _what(report)
    day = report.reported_at.astimezone(tz).date()
    reading = read_progress(report.text, day).about(normalize_code(task.code))
    report.status = status.value
    if status is ReportStatus.DONE:
        report.percent = 100
    elif percent is not None:
        report.percent = percent
    elif report.percent == 100:
        report.percent = None  # "done" taken back: its 100% goes with it
    if status is ReportStatus.EXTENSION:
        report.proposed_due = proposed_due or report.proposed_due or reading.proposed_due
    report.edited_at = task.updated_at = now
    await session.flush()
    connection = await session.connection()
    words = None if status is ReportStatus.DONE else reading.obstacle  # done: past any obstacle
    await connection.run_sync(retrack_obstacle, report, words, actor)
    await audit(session, actor, "correct", "progress_report", report.id, task=task.code,
                before=before, after=_what(report))  # fmt: skip
    ref = TaskRef.of(task)
    extension, problem = await open_extension(
        session, report, ref, actor, now, now.astimezone(tz).date()
    )
    return Recorded(report, ref, True, extension, problem)


def _what(report: ProgressReport) -> dict[str, object]:
    due = report.proposed_due.isoformat() if report.proposed_due else None
    return {"status": report.status, "percent": report.percent, "proposed_due": due}
