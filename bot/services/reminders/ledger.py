"""The reminder ledger: planned slots written once (unique task+unit+kind+occurrence), unwanted ones cancelled."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.domain import SlotKind, SlotState
from bot.services.calendar import WorkCalendar
from bot.services.reminders.planner import PlannedSlot, TaskTerms, plan_slots
from bot.services.reminders.policy import ReminderPolicy, policy_for
from bot.services.reminders.sql import dialect_name, insert_missing
from bot.services.reminders.targets import reminder_targets, unit_progress
from db.models import ReminderSlot, Task
from db.results import rowcount

SLOT_KEY = ["task_id", "unit_id", "kind", "occurrence"]
REPLAN_LOCK = 0x646F6E646F63  # "dondoc": the advisory lock key
SLOT_COLUMNS = (
    ReminderSlot.id,
    ReminderSlot.task_id,
    ReminderSlot.unit_id,
    ReminderSlot.kind,
    ReminderSlot.occurrence,
    ReminderSlot.state,
    ReminderSlot.fire_at,
    ReminderSlot.expires_at,
)


@dataclass
class ReplanResult:
    """What replanning changed."""

    created: int = 0
    revived: int = 0
    moved: int = 0
    cancelled: int = 0

    def add(self, other: ReplanResult) -> None:
        """Sum another result into this one."""
        self.created += other.created
        self.revived += other.revived
        self.moved += other.moved
        self.cancelled += other.cancelled


def task_policy(task: Task) -> ReminderPolicy:
    """The policy in force for a task (its plan must be loaded)."""
    return policy_for(task.plan.policy, task.policy)


def planning_window(
    now: datetime, tz: ZoneInfo, policy: ReminderPolicy, horizon_days: int
) -> tuple[date, date]:
    """Local dates to plan: back to the catch-up window, ahead to the horizon."""
    today = now.astimezone(tz).date()
    return today - timedelta(days=policy.catch_up_days), today + timedelta(days=horizon_days)


def terms_of(task: Task) -> TaskTerms:
    """The planner's view of a task."""
    return TaskTerms(task.due, task.recurrence, task.report_day)


async def hold_replan_lock(session: AsyncSession, *, exclusive: bool) -> None:
    """PostgreSQL: replanning excludes other processes' replanning and claiming until commit.

    (SQLite needs nothing: its writers already take turns.)
    """
    if dialect_name(session) == "postgresql":
        lock = func.pg_advisory_xact_lock if exclusive else func.pg_advisory_xact_lock_shared
        await session.execute(select(lock(REPLAN_LOCK)))


def needs_replanning():
    """SQL: tasks whose slots were planned from an older version of them (or never)."""
    return or_(Task.slots_planned_at.is_(None), Task.slots_planned_at != Task.updated_at)


async def replan_tasks(
    session: AsyncSession,
    task_ids: list[int],
    *,
    now: datetime,
    calendar: WorkCalendar,
    tz: ZoneInfo,
    horizon_days: int,
) -> ReplanResult:
    """Bring these tasks' slots in line with their terms, units, reports and policy; idempotent.

    On PostgreSQL a task that another process is replanning right now is skipped.
    """
    query = (
        select(Task).where(Task.id.in_(task_ids)).options(selectinload(Task.plan)).order_by(Task.id)
    )
    if dialect_name(session) == "postgresql":
        query = query.with_for_update(skip_locked=True, of=Task)
    tasks = list(await session.scalars(query))
    if not tasks:
        return ReplanResult()
    stamps = [{"task": task.id, "stamp": task.updated_at} for task in tasks]
    targets = await reminder_targets(session, [task.id for task in tasks])
    progress = await unit_progress(session, tasks, targets, tz)
    existing: dict[int, dict[tuple, Any]] = defaultdict(dict)
    for row in await session.execute(
        select(*SLOT_COLUMNS)
        .where(ReminderSlot.task_id.in_([t.id for t in tasks]))
        .order_by(ReminderSlot.id)
    ):
        existing[row.task_id][(row.unit_id, row.kind, row.occurrence)] = row
    diff = _Diff()
    for task in tasks:
        policy = task_policy(task)
        live = [
            p for (tid, _unit), p in progress.items() if tid == task.id and p.completed_at is None
        ]
        start, end = planning_window(now, tz, policy, horizon_days)
        planned = plan_slots(terms_of(task), live, policy, calendar, tz, start, end)
        diff.compare(task.id, planned, existing[task.id], {p.unit_id for p in live}, policy)
    result = await diff.apply(session)
    table = Task.__table__
    await session.execute(
        update(table)
        .where(table.c.id == bindparam("task"), table.c.updated_at == bindparam("stamp"))
        .values(slots_planned_at=bindparam("stamp"), updated_at=table.c.updated_at),
        stamps,
    )
    return result


class _Diff:
    """What the ledger must change for planned slots to be exactly the wanted ones."""

    def __init__(self) -> None:
        self.missing: list[dict[str, Any]] = []
        self.changed: list[
            tuple[Any, datetime, datetime]
        ] = []  # (existing row, fire_at, expires_at)
        self.unwanted: list[int] = []

    def compare(
        self,
        task_id: int,
        planned: list[PlannedSlot],
        existing: dict[tuple, Any],
        live_units: set[int],
        policy: ReminderPolicy,
    ) -> None:
        catch_up = timedelta(days=policy.catch_up_days)
        wanted = {slot.key: slot for slot in planned}
        for key, slot in wanted.items():
            row = existing.get(key)
            if row is None:
                self.missing.append(
                    {"task_id": task_id, "unit_id": slot.unit_id, "kind": slot.kind.value}
                    | {
                        "occurrence": slot.occurrence,
                        "fire_at": slot.at,
                        "expires_at": slot.at + catch_up,
                    }
                    | {"state": SlotState.PENDING.value, "attempts": 0}
                )
            elif row.state == SlotState.CANCELLED or (
                row.state == SlotState.PENDING
                and (row.fire_at, row.expires_at) != (slot.at, slot.at + catch_up)
            ):
                self.changed.append((row, slot.at, slot.at + catch_up))
        for key, row in existing.items():
            # A snooze is the contact's own request: it stays while the unit still owes the task.
            keep_snooze = row.kind == SlotKind.SNOOZE and row.unit_id in live_units
            if row.state == SlotState.PENDING and key not in wanted and not keep_snooze:
                self.unwanted.append(row.id)

    async def apply(self, session: AsyncSession) -> ReplanResult:
        result = ReplanResult(created=len(self.missing))
        await insert_missing(session, ReminderSlot, self.missing, SLOT_KEY)
        for row, fire_at, expires_at in self.changed:
            changed = await session.execute(
                update(ReminderSlot)
                .where(ReminderSlot.id == row.id, ReminderSlot.state == row.state)
                .values(
                    state=SlotState.PENDING.value,
                    fire_at=fire_at,
                    expires_at=expires_at,
                    last_error=None,
                )
            )
            if row.state == SlotState.CANCELLED:
                result.revived += rowcount(changed)
            else:
                result.moved += rowcount(changed)
        if self.unwanted:
            cancelled = await session.execute(
                update(ReminderSlot)
                .where(
                    ReminderSlot.id.in_(self.unwanted),
                    ReminderSlot.state == SlotState.PENDING.value,
                )
                .values(state=SlotState.CANCELLED.value)
            )
            result.cancelled = rowcount(cancelled)
        return result


async def mark_for_replanning(session: AsyncSession, *conditions) -> None:
    """Make the next sweep replan the matching tasks (all when no condition is given)."""
    await session.execute(
        update(Task)
        .where(*conditions)
        .values(slots_planned_at=None, updated_at=Task.updated_at)
        .execution_options(synchronize_session=False)
    )
