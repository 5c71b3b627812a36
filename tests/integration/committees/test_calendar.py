"""Each committee's own days off move its reminders, and only its reminders."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from bot.domain import SlotKind
from bot.plandoc import TaskDraft
from db.models import Committee, Plan, ReminderSlot, Task
from db.scope import Scope, acting_for
from tests.integration.reminders.helpers import TZ, local, make_core, make_sweeper, seed_tasks

DUE = date(2025, 3, 31)  # a Monday


async def due_day_reminders(db) -> dict[int, date]:
    """Each committee's due-day reminder, by the day it fires (Hà Nội time)."""
    async with db.reading() as session:
        rows = await session.execute(
            select(Plan.committee_id, ReminderSlot.fire_at)
            .join(Task, Task.id == ReminderSlot.task_id)
            .join(Plan, Plan.id == Task.plan_id)
            .where(ReminderSlot.kind == SlotKind.DUE.value)
        )
        return {committee: local_day(fire_at) for committee, fire_at in rows}


def local_day(moment: datetime) -> date:
    return moment.astimezone(TZ).date()


async def test_a_committees_own_day_off_moves_its_due_day_reminder(db, clock):
    async with db.transaction() as session:
        session.add(Committee(name="Xã Hai", key="xã hai", calendar={DUE.isoformat(): "off"}))
    draft = TaskDraft(code="1", title="Báo cáo quý", lead_units=["Phòng Nội vụ"], due=DUE)
    for committee in (1, 2):
        with acting_for(Scope.of(committee)):
            await seed_tasks(db, draft)
    clock.set(local(date(2025, 3, 24)))
    await make_sweeper(make_core(db, clock)).replan(clock.now())
    assert await due_day_reminders(db) == {1: DUE, 2: date(2025, 3, 28)}
