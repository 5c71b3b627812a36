"""Support units ("phối hợp") get the before-deadline and due reminders of the tasks they support."""

from __future__ import annotations

from bot.services.units import get_unit
from tests.integration.reminders.helpers import (
    make_core,
    make_sweeper,
    pending,
    report,
    seed_sample,
    slots,
)

LEAD = "UBND các xã, thị trấn"  # leads task 1
SUPPORT = "Phòng Văn hóa và Thông tin huyện"  # supports task 1


async def unit_slots(db, unit: str):
    async with db.reading() as session:
        unit_id = (await get_unit(session, unit)).id
    return pending(await slots(db, "1", unit_id=unit_id))


async def test_a_support_unit_is_reminded_before_and_on_the_deadline_only(db, clock):
    await seed_sample(db)
    await make_sweeper(make_core(db, clock), horizon_days=20).replan(clock.now())
    assert await unit_slots(db, SUPPORT) == [
        ("before_due", "2025-03-24"),
        ("before_due", "2025-03-28"),
        ("due", "2025-03-31"),
    ]
    assert ("escalation", "2025-04-08") in await unit_slots(db, LEAD)


async def test_its_own_done_ends_its_reminders_and_not_the_leads(db, clock):
    await seed_sample(db)
    sweeper = make_sweeper(make_core(db, clock), horizon_days=20)
    await sweeper.replan(clock.now())
    await report(db, "1", SUPPORT, "Đã hoàn thành phần phối hợp", clock.now())
    await sweeper.replan(clock.now())
    assert await unit_slots(db, SUPPORT) == []
    assert await unit_slots(db, LEAD) != []


async def test_the_leads_completion_ends_the_support_reminders(db, clock):
    await seed_sample(db)
    sweeper = make_sweeper(make_core(db, clock), horizon_days=20)
    await sweeper.replan(clock.now())
    await report(db, "1", LEAD, "Đã hoàn thành", clock.now())
    await sweeper.replan(clock.now())
    assert await unit_slots(db, SUPPORT) == [] and await unit_slots(db, LEAD) == []


async def test_the_policy_switch_turns_them_off(db, clock):
    await seed_sample(db, support_reminders=False)
    await make_sweeper(make_core(db, clock), horizon_days=20).replan(clock.now())
    assert await unit_slots(db, SUPPORT) == []
    assert await unit_slots(db, LEAD) != []
