""" "Nhắc lại sau": a one-off reminder of the same task to the same unit, next working day at send time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.domain import SlotKind, SlotState
from bot.services.audit import audit
from bot.services.calendar import WorkCalendar
from bot.services.reminders.ledger import SLOT_KEY, task_policy
from bot.services.reminders.sql import insert_missing
from bot.services.reminders.targets import reminder_targets, unit_progress
from db.models import ReminderSlot, Task


class SnoozeRefused(Exception):
    """The button cannot be honoured; `key` is the text to answer with."""

    def __init__(self, key: str, code: str = ""):
        super().__init__(key)
        self.key, self.code = key, code


@dataclass(frozen=True)
class Snoozed:
    """When the task will be reminded again."""

    code: str
    at: datetime  # local


async def snooze(
    session: AsyncSession,
    slot_id: int,
    *,
    unit_id: int | None,
    actor: str,
    now: datetime,
    tz: ZoneInfo,
    calendar: WorkCalendar,
) -> Snoozed:
    """Schedule a `snooze` slot for the unit of `slot_id`; only that unit's contacts may ask."""
    original = await session.get(ReminderSlot, slot_id)
    if original is None or original.kind == SlotKind.ESCALATION:
        raise SnoozeRefused("reminder.snooze.gone")
    if unit_id != original.unit_id:
        raise SnoozeRefused("reminder.snooze.not_yours")
    task = (
        await session.scalars(
            select(Task).where(Task.id == original.task_id).options(selectinload(Task.plan))
        )
    ).one()
    targets = await reminder_targets(session, [task.id])
    progress = (await unit_progress(session, [task], targets, tz)).get((task.id, original.unit_id))
    if progress is None:
        raise SnoozeRefused("reminder.snooze.gone")
    if progress.completed_at is not None:
        raise SnoozeRefused("reminder.snooze.completed", task.code)
    policy = task_policy(task)
    day = calendar.next_working(now.astimezone(tz).date(), strictly=True)
    at = datetime.combine(day, policy.send_time, tzinfo=tz)
    expires_at = at + timedelta(days=policy.catch_up_days)
    row = {"task_id": task.id, "unit_id": original.unit_id, "kind": SlotKind.SNOOZE.value}
    row |= {"occurrence": day.isoformat(), "fire_at": at, "expires_at": expires_at}
    await insert_missing(
        session, ReminderSlot, [row | {"state": SlotState.PENDING.value, "attempts": 0}], SLOT_KEY
    )
    await session.execute(  # pressed again after a cancellation: the same slot comes back
        update(ReminderSlot)
        .where(*(getattr(ReminderSlot, key) == row[key] for key in SLOT_KEY))
        .where(ReminderSlot.state == SlotState.CANCELLED.value)
        .values(state=SlotState.PENDING.value, fire_at=at, expires_at=expires_at)
    )
    await audit(
        session,
        actor,
        "snooze",
        "task",
        task.id,
        code=task.code,
        unit_id=original.unit_id,
        at=at.isoformat(),
    )
    return Snoozed(task.code, at)
