"""Office changes that move reminders: calendar overrides and policies (each replans what it touches)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.audit import audit
from bot.services.reminders.ledger import mark_for_replanning
from bot.services.reminders.policy import ReminderPolicy, merge_policy
from db.models import CalendarDay, Plan, Task


async def set_calendar_day(
    session: AsyncSession, day: date, working: bool, note: str | None, actor: str
) -> None:
    """Declare `day` a day off (working=False) or a make-up working day; every task is replanned."""
    override = await session.get(CalendarDay, day)
    if override is None:
        session.add(CalendarDay(day=day, working=working, note=note))
    else:
        override.working, override.note = working, note
    await audit(
        session, actor, "set", "calendar_day", None, day=day.isoformat(), working=working, note=note
    )
    await mark_for_replanning(session)


async def remove_calendar_day(session: AsyncSession, day: date, actor: str) -> bool:
    """Drop an override (the public calendar applies again); False if there was none."""
    override = await session.get(CalendarDay, day)
    if override is None:
        return False
    await session.delete(override)
    await audit(session, actor, "remove", "calendar_day", None, day=day.isoformat())
    await mark_for_replanning(session)
    return True


async def set_policy(
    session: AsyncSession,
    plan: Plan,
    task: Task | None,
    values: dict[str, Any],
    actor: str,
    unset: tuple[str, ...] = (),
) -> ReminderPolicy:
    """Merge `values` into the plan's (or the task's) policy, drop `unset` keys; bad ones raise `PolicyError`."""
    holder = task or plan
    changed = {k: v for k, v in {**(holder.policy or {}), **values}.items() if k not in unset}
    effective = merge_policy(changed, None) if task is None else merge_policy(plan.policy, changed)
    holder.policy = changed
    entity = "task" if task else "plan"
    await audit(session, actor, "set_policy", entity, holder.id, policy=changed)
    await mark_for_replanning(session, Task.id == task.id if task else Task.plan_id == plan.id)
    return effective
