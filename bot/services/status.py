"""The status of a task and its lead units at a moment, as Vietnamese follow-up reports count it.

Pure rules over plain data, plus `load_pair_facts`, the one query that reads what the
reports say about every (task, unit) at that moment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.domain import ReportStatus
from bot.services.reminders.periods import period_containing
from db.models import ProgressReport, Task


class Status(StrEnum):
    """Where a task (or one lead unit's part of it) stands."""

    DONE_ON_TIME = "done_on_time"  # Đã hoàn thành đúng hạn
    DONE_LATE = "done_late"  # Đã hoàn thành quá hạn
    IN_PROGRESS = "in_progress"  # Đang thực hiện trong hạn
    OVERDUE = "overdue"  # Quá hạn


DONE = frozenset({Status.DONE_ON_TIME, Status.DONE_LATE})


@dataclass(frozen=True, slots=True)
class TaskFacts:
    """What the status rules need to know about a task."""

    id: int
    plan_id: int
    code: str
    title: str
    due: date | None
    recurrence: str | None
    closed_at: datetime | None
    reopened_at: datetime | None
    period_months: int | None = None  # length of a reporting period; None: not recurring


@dataclass(frozen=True, slots=True)
class ReportView:
    """A progress report as summaries show it."""

    text: str
    percent: int | None
    status: str | None
    at: datetime


@dataclass(frozen=True, slots=True)
class PairFacts:
    """What one unit's reports on one task say at a moment."""

    latest: ReportView | None = None
    first_done_at: datetime | None = None  # earliest completion report that still counts


NO_REPORTS = PairFacts()


@dataclass(frozen=True, slots=True)
class PairStatus:
    """One lead unit's standing on one task."""

    status: Status
    days_overdue: int = 0
    reported: bool = False  # has reported (this period, for recurring tasks)
    owes_report: bool = False  # counted in the response rate and the "chưa báo cáo" list


def local_day(moment: datetime, tz: ZoneInfo) -> date:
    """The committee's calendar date of a moment."""
    return moment.astimezone(tz).date()


def end_of_day(day: date, tz: ZoneInfo) -> datetime:
    """The last instant of a local date: "as of 01/7" includes everything reported that day."""
    return datetime.combine(day, time.max, tzinfo=tz)


def is_recurring_only(task: TaskFacts | Task) -> bool:
    """A recurring task without a deadline is never finished by a report, only by the office."""
    return task.recurrence is not None and task.due is None


def completed_at(task: TaskFacts, facts: PairFacts, at: datetime) -> datetime | None:
    """When this unit's part was completed as of `at`, if it was.

    A "done" report counts while the unit's latest report still says done (a later "80%" is a
    correction); the reminder engine stops reminding by the same rule.
    """
    candidates = []
    if task.closed_at is not None and task.closed_at <= at:
        candidates.append(task.closed_at)
    latest_says_done = facts.latest is not None and facts.latest.status == ReportStatus.DONE
    if facts.first_done_at is not None and latest_says_done and not is_recurring_only(task):
        candidates.append(facts.first_done_at)
    return min(candidates, default=None)


def pair_status(task: TaskFacts, facts: PairFacts, at: datetime, tz: ZoneInfo) -> PairStatus:
    """The status of one lead unit's part of a task at `at`."""
    today = local_day(at, tz)
    reported = has_reported(task, facts, today, tz)
    done_at = completed_at(task, facts, at)
    if done_at is not None:
        on_time = task.due is None or local_day(done_at, tz) <= task.due
        return PairStatus(Status.DONE_ON_TIME if on_time else Status.DONE_LATE, reported=reported)
    if task.due is not None and task.due < today:
        days = (today - task.due).days
        # Overdue, a one-off task owes a report after its deadline: one made before it is old news.
        if task.period_months is None:
            reported = facts.latest is not None and local_day(facts.latest.at, tz) > task.due
        return PairStatus(Status.OVERDUE, days, reported, owes_report=True)
    return PairStatus(
        Status.IN_PROGRESS, reported=reported, owes_report=task.recurrence is not None
    )


def has_reported(task: TaskFacts, facts: PairFacts, today: date, tz: ZoneInfo) -> bool:
    """Recurring tasks: a report in the current period; one-off tasks: any report so far."""
    if facts.latest is None:
        return False
    if task.period_months is None:
        return True
    return local_day(facts.latest.at, tz) >= period_containing(today, task.period_months).start


def combine(statuses: Iterable[PairStatus]) -> tuple[Status, int]:
    """A task's status from its lead units': done only when all are done, overdue if any is."""
    statuses = list(statuses)
    overdue = [s.days_overdue for s in statuses if s.status is Status.OVERDUE]
    if overdue:
        return Status.OVERDUE, max(overdue)
    if statuses and all(s.status in DONE for s in statuses):
        late = any(s.status is Status.DONE_LATE for s in statuses)
        return (Status.DONE_LATE if late else Status.DONE_ON_TIME), 0
    return Status.IN_PROGRESS, 0


async def load_pair_facts(
    session: AsyncSession, at: datetime, plan_id: int | None = None
) -> dict[tuple[int, int], PairFacts]:
    """Latest report and first counting completion per (task, unit) as of `at` — one query.

    Per pair, two index seeks on (task_id, unit_id, reported_at) rather than a window over
    every report: ten times faster on SQLite with 100,000 reports.
    """
    report, earlier = ProgressReport, aliased(ProgressReport)
    distinct_pairs = select(report.task_id, report.unit_id).distinct()
    if plan_id is not None:
        distinct_pairs = distinct_pairs.join(Task, Task.id == report.task_id).where(
            Task.plan_id == plan_id
        )
    pairs = distinct_pairs.subquery("pairs")
    same_pair = (earlier.task_id == pairs.c.task_id, earlier.unit_id == pairs.c.unit_id)
    # An extension request is a request, not a progress report: it is never the "latest report".
    not_extension = func.coalesce(earlier.status, "") != ReportStatus.EXTENSION.value
    latest_id = (
        select(earlier.id)
        .where(*same_pair, earlier.reported_at <= at, not_extension)
        .order_by(earlier.reported_at.desc(), earlier.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    # A completion reported before the task was reopened no longer counts once it was reopened.
    counts_after_reopen = or_(
        Task.reopened_at.is_(None), Task.reopened_at > at, earlier.reported_at >= Task.reopened_at
    )
    first_done_at = (
        select(func.min(earlier.reported_at))
        .join(Task, Task.id == earlier.task_id)
        .where(*same_pair, earlier.reported_at <= at, earlier.status == ReportStatus.DONE.value)
        .where(counts_after_reopen)
        .scalar_subquery()
    )
    keyed = (
        select(latest_id.label("latest_id"), first_done_at.label("first_done_at"))
        .select_from(pairs)
        .subquery("keyed")
    )
    rows = await session.execute(
        select(
            report.task_id,
            report.unit_id,
            report.text,
            report.percent,
            report.status,
            report.reported_at,
            keyed.c.first_done_at,
        ).join(keyed, keyed.c.latest_id == report.id)
    )
    return {
        (row.task_id, row.unit_id): PairFacts(
            ReportView(row.text, row.percent, row.status, row.reported_at), row.first_done_at
        )
        for row in rows
    }
