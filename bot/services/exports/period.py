"""What happened in one period (month, quarter, half-year, year): the data of a period report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.exports.history import History, load_reports
from bot.services.period_words import period_label
from bot.services.reminders.periods import Period
from bot.services.status import DONE, end_of_day
from bot.services.summary import Summary, TaskLine, build_summary
from db.models import ProgressReport, Task


@dataclass(frozen=True, slots=True)
class PeriodReport:
    """The plan at the period's end, the reports received in it and the tasks completed in it."""

    period: Period
    label: str
    start: datetime
    end: datetime  # the period's last instant, or the report's moment if that comes first
    summary: Summary
    completed: tuple[TaskLine, ...]
    reports: History  # empty when only counted (`received`)
    received: int

    @property
    def overdue(self) -> tuple[TaskLine, ...]:
        """Tasks overdue at the end, most overdue first."""
        lines = [line for line in self.summary.tasks if line.days_overdue]
        return tuple(sorted(lines, key=lambda line: -line.days_overdue))


def period_bounds(period: Period, at: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The instant before the period begins, and its last instant (or `at` if that comes first)."""
    return end_of_day(period.start - timedelta(days=1), tz), min(end_of_day(period.end, tz), at)


async def load_period_report(
    session: AsyncSession,
    period: Period,
    at: datetime,
    tz: ZoneInfo,
    plan_id: int | None,
    *,
    quotes: bool = True,
) -> PeriodReport:
    """A period report as of `at` (a period still running is reported up to `at`).

    Without `quotes` the reports received are only counted (the chat's summary shows the number).
    """
    start, end = period_bounds(period, at, tz)
    summary = await build_summary(session, end, tz, plan_id)
    before = await build_summary(session, start, tz, plan_id)
    done_before = {line.task.id for line in before.tasks if line.status in DONE}
    completed = tuple(
        line for line in summary.tasks if line.status in DONE and line.task.id not in done_before
    )
    if quotes:
        reports = await load_reports(session, end, plan_id, since=start + timedelta(microseconds=1))
        received = len(reports)
    else:
        reports, received = History((), {}, {}), await _count_reports(session, start, end, plan_id)
    return PeriodReport(
        period, period_label(period), start, end, summary, completed, reports, received
    )


async def _count_reports(
    session: AsyncSession, start: datetime, end: datetime, plan_id: int | None
) -> int:
    """How many reports were made after `start` and up to `end`."""
    query = select(func.count(ProgressReport.id)).where(
        ProgressReport.reported_at > start, ProgressReport.reported_at <= end
    )
    if plan_id is not None:
        query = query.join(Task, Task.id == ProgressReport.task_id).where(Task.plan_id == plan_id)
    return await session.scalar(query) or 0
