"""What the policy schedules on a local date, straight from the planner (no writes, whatever was sent)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.services.calendar import load_calendar
from bot.services.reminders.ledger import task_policy, terms_of
from bot.services.reminders.planner import UnitProgress, plan_slots
from bot.services.reminders.targets import reminder_targets, unit_progress
from db.models import Task, Unit


@dataclass(frozen=True, slots=True)
class ScheduledReminder:
    """One reminder the policy schedules."""

    task: str
    title: str
    unit: str | None
    kind: str
    at: datetime  # local

    def to_json(self) -> dict:
        """The `dondoc remind --dry-run --json` shape."""
        return {
            "task": self.task,
            "title": self.title,
            "unit": self.unit,
            "kind": self.kind,
            "at": self.at.isoformat(),
        }


async def scheduled_on(
    session: AsyncSession,
    day: date,
    tz: ZoneInfo,
    *,
    until: datetime | None = None,
    plan_id: int | None = None,
) -> list[ScheduledReminder]:
    """Reminders on `day` (up to `until` when given), for units that have not completed their part."""
    query = select(Task).options(selectinload(Task.plan)).order_by(Task.plan_id, Task.id)
    if plan_id is not None:
        query = query.where(Task.plan_id == plan_id)
    tasks = list(await session.scalars(query))
    calendar = await load_calendar(session)
    targets = await reminder_targets(session, [task.id for task in tasks])
    progress = await unit_progress(session, tasks, targets, tz)
    names = dict((await session.execute(select(Unit.id, Unit.name))).all())
    found: list[ScheduledReminder] = []
    for task in tasks:
        units = [
            progress.get((task.id, t.unit_id), UnitProgress(t.unit_id))
            for t in targets.get(task.id, [])
        ]
        for slot in plan_slots(terms_of(task), units, task_policy(task), calendar, tz, day, day):
            if until is None or slot.at <= until:
                found.append(
                    ScheduledReminder(
                        task.code, task.title, names.get(slot.unit_id), slot.kind.value, slot.at
                    )
                )
    return sorted(found, key=lambda item: item.at)
