"""The ledger on real databases: idempotent replanning, deadline moves, completion, groups, units removed."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import update

from bot.domain import SlotKind, SlotState
from bot.plandoc import TaskDraft
from bot.services.reminders.ledger import mark_for_replanning
from bot.services.tasks import TaskChanges, close_task, edit_task, get_task, reopen_task
from bot.services.units import add_member
from db.models import ReminderSlot
from tests.integration.reminders.helpers import (
    local,
    make_core,
    make_sweeper,
    pending,
    report,
    seed_sample,
    seed_tasks,
    slots,
    summary,
)


async def test_replanning_twice_changes_nothing(db, clock):
    await seed_sample(db, support_reminders=False)
    first = await make_sweeper(make_core(db, clock)).replan(clock.now())
    before = summary(await slots(db))
    assert first.created == len(before) > 0
    async with db.transaction() as session:
        await mark_for_replanning(session)
    again = await make_sweeper(make_core(db, clock)).replan(clock.now())
    assert (again.created, again.revived, again.moved, again.cancelled) == (0, 0, 0, 0)
    assert summary(await slots(db)) == before


async def test_sample_task_1_is_planned_from_the_catch_up_window_to_the_horizon(db, clock):
    await seed_sample(db, support_reminders=False)
    await make_sweeper(make_core(db, clock), horizon_days=20).replan(clock.now())
    assert pending(await slots(db, "1")) == [
        ("before_due", "2025-03-24"),
        ("before_due", "2025-03-28"),
        ("due", "2025-03-31"),
        ("overdue", "2025-04-01"),
        ("escalation", "2025-04-08"),
        ("overdue", "2025-04-08"),
    ]


async def test_a_moved_deadline_cancels_the_old_slots_and_plans_new_ones(db, clock):
    await seed_sample(db, support_reminders=False)
    sweeper = make_sweeper(make_core(db, clock), horizon_days=25)  # up to Fri 18/4
    await sweeper.replan(clock.now())
    async with db.transaction() as session:  # the 24/3 reminder already went out
        first = (await slots(db, "1"))[0]
        await session.execute(
            update(ReminderSlot).where(ReminderSlot.id == first.id).values(state="sent")
        )
        await edit_task(
            session, await get_task(session, "1"), TaskChanges(due=date(2025, 4, 15)), "test"
        )
    result = await sweeper.replan(clock.now())
    rows = summary(await slots(db, "1"))
    assert ("before_due", "2025-03-24", "sent") in rows
    assert ("before_due", "2025-03-28", "cancelled") in rows and (
        "due",
        "2025-03-31",
        "cancelled",
    ) in rows
    assert pending(await slots(db, "1")) == [
        ("before_due", "2025-04-08"),
        ("before_due", "2025-04-11"),
        ("before_due", "2025-04-14"),
        ("due", "2025-04-15"),
        ("overdue", "2025-04-16"),
    ]
    # 28/3, 31/3, 1/4, 8/4 (overdue and escalation), 15/4 overdue
    assert result.cancelled == 6 and result.created == 5
    async with db.transaction() as session:  # and back: the cancelled slots return, nothing doubles
        await edit_task(
            session, await get_task(session, "1"), TaskChanges(due=date(2025, 3, 31)), "test"
        )
    back = await sweeper.replan(clock.now())
    assert back.revived == 6 and back.created == 0 and back.cancelled == 5
    assert len(await slots(db, "1", state=SlotState.PENDING)) == 6


async def test_a_completion_report_cancels_what_is_pending(db, clock):
    await seed_sample(db, support_reminders=False)
    sweeper = make_sweeper(make_core(db, clock))
    await sweeper.replan(clock.now())
    assert pending(await slots(db, "1"))
    await report(db, "1", "UBND các xã, thị trấn", "Đã hoàn thành", clock.now())
    result = await sweeper.replan(clock.now())
    assert pending(await slots(db, "1")) == [] and result.cancelled > 0
    assert pending(await slots(db, "5"))  # other tasks untouched


async def test_a_progress_report_keeps_reminding(db, clock):
    await seed_sample(db, support_reminders=False)
    sweeper = make_sweeper(make_core(db, clock))
    await sweeper.replan(clock.now())
    before = pending(await slots(db, "1"))
    await report(db, "1", "UBND các xã, thị trấn", "Đang thực hiện, đạt 40%", clock.now())
    await sweeper.replan(clock.now())
    assert pending(await slots(db, "1")) == before != []


async def test_closing_cancels_and_reopening_replans(db, clock):
    await seed_sample(db, support_reminders=False)
    sweeper = make_sweeper(make_core(db, clock))
    await sweeper.replan(clock.now())
    before = pending(await slots(db, "1"))
    async with db.transaction() as session:
        await close_task(session, await get_task(session, "1"), "test", clock.now())
    await sweeper.replan(clock.now())
    assert pending(await slots(db, "1")) == []
    async with db.transaction() as session:
        await reopen_task(
            session, await get_task(session, "1"), "test", clock.now() + timedelta(minutes=1)
        )
    await sweeper.replan(clock.now())
    assert pending(await slots(db, "1")) == before


async def test_a_group_lead_is_reminded_per_member_and_members_complete_separately(db, clock):
    await seed_sample(db, support_reminders=False)
    async with db.transaction() as session:
        for name in ("UBND xã Đông Á", "UBND xã Đông Hoàng"):
            await add_member(session, "UBND các xã, thị trấn", name, "test")
    sweeper = make_sweeper(make_core(db, clock), horizon_days=10)
    await sweeper.replan(clock.now())
    rows = await slots(db, "1", state=SlotState.PENDING)
    members = {row.unit_id for row in rows}
    assert len(members) == 2
    assert len(rows) == 2 * 4  # 24/3, 28/3, 31/3 and 1/4 for each member
    await report(db, "1", "UBND xã Đông Á", "Xong", clock.now())
    await sweeper.replan(clock.now())
    still = await slots(db, "1", state=SlotState.PENDING)
    assert len(still) == 4 and len({row.unit_id for row in still}) == 1


async def test_group_members_added_later_replace_the_group_at_the_next_full_replan(db, clock):
    await seed_sample(db, support_reminders=False)
    await make_sweeper(make_core(db, clock), horizon_days=10).replan(clock.now())
    group_rows = await slots(db, "1", state=SlotState.PENDING)
    async with db.transaction() as session:
        await add_member(session, "UBND các xã, thị trấn", "UBND xã Đông Á", "test")
    await make_sweeper(make_core(db, clock), horizon_days=10).replan(
        clock.now()
    )  # a new process: full replan
    rows = await slots(db, "1", state=SlotState.PENDING)
    assert {row.unit_id for row in rows} != {row.unit_id for row in group_rows}
    assert all(
        row.state == SlotState.CANCELLED
        for row in await slots(db, "1", unit_id=group_rows[0].unit_id)
    )


async def test_a_removed_lead_unit_loses_its_pending_slots(db, clock):
    await seed_tasks(
        db,
        TaskDraft(
            code="1",
            title="Việc chung",
            lead_units=["Phòng Nội vụ huyện", "Phòng Tư pháp huyện"],
            due=date(2025, 4, 30),
        ),
    )
    sweeper = make_sweeper(make_core(db, clock), horizon_days=40)
    await sweeper.replan(clock.now())
    assert len({row.unit_id for row in await slots(db, "1", state=SlotState.PENDING)}) == 2
    async with db.transaction() as session:
        await edit_task(
            session,
            await get_task(session, "1"),
            TaskChanges(lead_units=["Phòng Nội vụ huyện"]),
            "test",
        )
    await sweeper.replan(clock.now())
    assert len({row.unit_id for row in await slots(db, "1", state=SlotState.PENDING)}) == 1


async def test_snoozes_survive_replanning_until_completion(db, clock):
    await seed_sample(db, support_reminders=False)
    sweeper = make_sweeper(make_core(db, clock))
    await sweeper.replan(clock.now())
    first = (await slots(db, "1"))[0]
    async with db.transaction() as session:
        session.add(
            ReminderSlot(
                task_id=first.task_id,
                unit_id=first.unit_id,
                kind=SlotKind.SNOOZE.value,
                occurrence="2025-03-25",
                fire_at=local(date(2025, 3, 25)),
                expires_at=local(date(2025, 4, 1)),
            )
        )
        await mark_for_replanning(session)
    await sweeper.replan(clock.now())
    assert len(await slots(db, "1", kind="snooze", state="pending")) == 1
    await report(db, "1", "UBND các xã, thị trấn", "Đã hoàn thành", clock.now())
    await sweeper.replan(clock.now())
    assert len(await slots(db, "1", kind="snooze", state="cancelled")) == 1


async def test_recurring_task_reported_this_period_is_not_asked_again(db, clock):
    clock.set(local(date(2025, 6, 16)))
    await seed_sample(db, support_reminders=False)
    sweeper = make_sweeper(make_core(db, clock), horizon_days=20)
    await sweeper.replan(clock.now())
    assert [d for _k, d in pending(await slots(db, "5"))] == [
        "2025-06-20",
        "2025-06-25",
        "2025-06-26",
    ]
    await report(
        db, "5", "Công an huyện", "Đã hoàn thành rà soát tháng 6", local(date(2025, 6, 16), 9)
    )
    await sweeper.replan(clock.now())
    assert pending(await slots(db, "5")) == []  # monthly: done means "reported", June is settled
