"""The sweep on real databases: once and only once, catch-up without floods, newcomers, stale claims."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, update

from bot.clock import FixedClock
from bot.domain import Role, SlotState
from bot.plandoc import TaskDraft
from bot.services.reminders.sweep import nothing_to_do
from db.engine import Database
from db.models import BoundChat, Delivery, ReminderSlot
from tests.fakes import FakeChannel, bind_user
from tests.integration.reminders.helpers import (
    local,
    make_core,
    make_sweeper,
    seed_sample,
    seed_tasks,
    slots,
    summary,
    task_id,
)
from tests.support.database import BACKENDS, drop_schema, make_database

COMMUNES = "UBND các xã, thị trấn"


async def test_a_due_reminder_goes_out_once_with_its_buttons(db, clock):
    await seed_sample(db, support_reminders=False)
    await bind_user(db, clock.now(), role=Role.CONTACT, user_id="501", unit=COMMUNES)
    channel = FakeChannel()
    sweeper = make_sweeper(make_core(db, clock, channel))
    result = await sweeper.sweep()
    [(chat, message, message_id)] = channel.sent
    assert chat == "501"
    assert "Nhiệm vụ <b>1</b>: Xây dựng, ban hành Kế hoạch chuyển đổi số" in message.text
    assert "Thời hạn: <b>31/03/2025</b> (còn 7 ngày)" in message.text
    assert "trả lời (reply) tin nhắn này" in message.text
    slot = (await slots(db, "1"))[0]
    tid = await task_id(db, "1")
    assert [b.data for b in message.buttons[0]] == [
        f"rep:{tid}:{slot.unit_id}",
        f"snz:{slot.id}",
        f"ext:{tid}:{slot.unit_id}",
    ]
    assert slot.state == SlotState.SENT
    async with db.reading() as session:
        delivery = await session.scalar(select(Delivery).where(Delivery.slot_id == slot.id))
    assert (delivery.channel, delivery.chat_id, delivery.message_id) == (
        "telegram",
        "501",
        message_id,
    )
    assert (slot.id, "telegram", "501") in result.sent
    await sweeper.sweep()
    await make_sweeper(make_core(db, clock, channel)).sweep()
    assert len(channel.sent) == 1


async def test_units_without_contacts_are_undeliverable_and_old_slots_skipped(db, clock):
    await seed_sample(db, support_reminders=False)
    await make_sweeper(make_core(db, clock)).sweep()
    # Task 5 (monthly, report day 25) asked on 20/3 — catch-up window — and nobody is there.
    assert [
        (kind, day, state)
        for kind, day, state in summary(await slots(db, "5"))
        if day <= "2025-03-24"
    ] == [
        ("report_request", "2025-03-20", "undeliverable"),
    ]
    # Quarterly task 4: 17/3, 20/3 and 21/3 all due; only the latest counts, the older ones are skipped.
    assert [row for row in summary(await slots(db, "4")) if row[1] <= "2025-03-24"] == [
        ("report_request", "2025-03-17", "skipped"),
        ("report_request", "2025-03-20", "skipped"),
        ("report_overdue", "2025-03-21", "undeliverable"),
    ]


async def test_after_downtime_only_the_latest_recent_slot_is_sent(db, clock):
    await seed_sample(db, support_reminders=False)
    await bind_user(db, clock.now(), role=Role.CONTACT, user_id="501", unit=COMMUNES)
    channel = FakeChannel()
    await make_sweeper(make_core(db, clock, channel), horizon_days=40).replan(clock.now())
    clock.set(local(date(2025, 4, 10), 9))  # down from 24/3 to 10/4
    await make_sweeper(make_core(db, clock, channel)).sweep()
    assert len(channel.texts_to("501")) == 1
    assert "đã quá hạn <b>10 ngày</b>" in channel.texts_to("501")[0]
    rows = [
        row
        for row in summary(await slots(db, "1"))
        if row[0] != "escalation" and row[1] <= "2025-04-10"
    ]
    assert rows == [
        ("before_due", "2025-03-24", "skipped"),
        ("before_due", "2025-03-28", "skipped"),
        ("due", "2025-03-31", "skipped"),
        ("overdue", "2025-04-01", "skipped"),
        ("overdue", "2025-04-08", "sent"),
    ]


async def test_the_first_contact_of_a_unit_gets_the_latest_missed_reminder_once(db, clock):
    await seed_sample(db, support_reminders=False)
    sweeper = make_sweeper(make_core(db, clock, channel := FakeChannel()))
    await sweeper.sweep()  # 24/3: nobody to tell
    clock.set(local(date(2025, 3, 28)))
    await sweeper.sweep()  # 28/3: still nobody
    assert [r[2] for r in summary(await slots(db, "1"))[:2]] == ["undeliverable", "undeliverable"]
    clock.set(local(date(2025, 3, 28), 15))
    await bind_user(db, clock.now(), role=Role.CONTACT, user_id="501", unit=COMMUNES)
    clock.set(local(date(2025, 3, 28), 15, 1))
    await sweeper.sweep()
    await sweeper.sweep()
    assert len(channel.texts_to("501")) == 1 and "(còn 3 ngày)" in channel.texts_to("501")[0]
    assert [r[2] for r in summary(await slots(db, "1"))[:2]] == ["skipped", "sent"]


async def test_send_now_ignores_the_send_time_but_not_the_day(db, clock):
    clock.set(local(date(2025, 3, 24), 6))
    await seed_sample(db, support_reminders=False)
    await bind_user(db, clock.now(), role=Role.CONTACT, user_id="501", unit=COMMUNES)
    channel = FakeChannel()
    sweeper = make_sweeper(make_core(db, clock, channel))
    await sweeper.sweep()
    assert channel.sent == []
    await sweeper.sweep(cutoff=local(date(2025, 3, 24), 23, 59))
    assert len(channel.texts_to("501")) == 1


async def test_a_stale_claim_is_taken_over_and_a_fresh_one_is_left(db, clock):
    await seed_tasks(
        db,
        TaskDraft(
            code="A", title="Việc A", lead_units=["Phòng Nội vụ huyện"], due=date(2025, 3, 24)
        ),
        TaskDraft(
            code="B", title="Việc B", lead_units=["Phòng Tư pháp huyện"], due=date(2025, 3, 24)
        ),
    )
    await bind_user(db, clock.now(), role=Role.CONTACT, user_id="1", unit="Phòng Nội vụ huyện")
    await bind_user(db, clock.now(), role=Role.CONTACT, user_id="2", unit="Phòng Tư pháp huyện")
    channel = FakeChannel()
    sweeper = make_sweeper(make_core(db, clock, channel), claim_lease_seconds=120)
    await sweeper.replan(clock.now())
    stale, fresh = (await slots(db, "A", kind="due"))[0], (await slots(db, "B", kind="due"))[0]
    async with db.transaction() as session:
        await session.execute(
            update(ReminderSlot)
            .where(ReminderSlot.id == stale.id)
            .values(
                state="claimed",
                claimed_by="elsewhere:1:dead",
                claimed_at=clock.now() - timedelta(minutes=5),
            )
        )
        await session.execute(
            update(ReminderSlot)
            .where(ReminderSlot.id == fresh.id)
            .values(
                state="claimed",
                claimed_by="elsewhere:2:busy",
                claimed_at=clock.now() - timedelta(seconds=30),
            )
        )
    await sweeper.sweep()
    assert len(channel.texts_to("1")) == 1 and channel.texts_to("2") == []
    assert (await slots(db, "B", kind="due"))[0].state == SlotState.CLAIMED


async def test_claims_of_a_crashed_process_on_this_host_are_released_at_once(db, clock):
    await seed_tasks(
        db,
        TaskDraft(
            code="A", title="Việc A", lead_units=["Phòng Nội vụ huyện"], due=date(2025, 3, 24)
        ),
    )
    await bind_user(db, clock.now(), role=Role.CONTACT, user_id="1", unit="Phòng Nội vụ huyện")
    channel = FakeChannel()
    sweeper = make_sweeper(make_core(db, clock, channel))
    await sweeper.replan(clock.now())
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_owner = f"{socket.gethostname()}:{gone.stdout.strip()}:0badc0de"
    async with db.transaction() as session:
        await session.execute(
            update(ReminderSlot)
            .where(ReminderSlot.task_id == await task_id(db, "A"), ReminderSlot.kind == "due")
            .values(state="claimed", claimed_by=dead_owner, claimed_at=clock.now())
        )
    await sweeper.sweep()
    assert len(channel.texts_to("1")) == 1


async def test_escalation_is_one_message_listing_the_newly_overdue_tasks(db, clock):
    clock.set(local(date(2025, 4, 8)))
    await seed_tasks(
        db,
        TaskDraft(
            code="1", title="Việc <một>", lead_units=["Phòng Nội vụ huyện"], due=date(2025, 3, 31)
        ),
        TaskDraft(
            code="2", title="Việc hai", lead_units=["Phòng Tư pháp huyện"], due=date(2025, 3, 31)
        ),
        TaskDraft(code="3", title="Việc ba", lead_units=["Phòng Y tế huyện"], due=date(2025, 4, 7)),
    )
    await bind_user(db, clock.now(), role=Role.LEADER, user_id="900")
    await bind_user(db, clock.now(), role=Role.CONTACT, user_id="1", unit="Phòng Nội vụ huyện")
    async with db.transaction() as session:
        session.add(
            BoundChat(channel="telegram", chat_id="-100", purpose="committee", title="Thường trực")
        )
    channel = FakeChannel()
    sweeper = make_sweeper(make_core(db, clock, channel))
    await sweeper.sweep()
    for chat in ("900", "-100"):
        [text] = channel.texts_to(chat)
        assert "Nhiệm vụ quá hạn cần lãnh đạo chỉ đạo" in text
        assert (
            "<b>1</b> — Việc &lt;một&gt;" in text
            and "Phòng Nội vụ huyện: hạn 31/03/2025, quá hạn <b>8 ngày</b>" in text
        )
        assert "<b>2</b> — Việc hai" in text and "<b>3</b>" not in text
    assert len(channel.texts_to("1")) == 1  # the unit's own overdue reminder
    await sweeper.sweep()
    assert len(channel.texts_to("900")) == 1


@pytest.mark.parametrize("backend", BACKENDS)
async def test_two_sweepers_at_once_deliver_each_slot_exactly_once(backend, tmp_path):
    first, url, schema = await make_database(backend, tmp_path)
    second = Database(url, schema=schema)
    try:
        clock = FixedClock(local(date(2025, 3, 31)))
        units = [f"Phòng số {n} huyện" for n in range(12)]
        drafts = [
            TaskDraft(
                code=str(n), title=f"Việc {n}", lead_units=[units[n % 12]], due=date(2025, 3, 31)
            )
            for n in range(36)
        ]
        await seed_tasks(first, *drafts)
        for n, unit in enumerate(units):
            await bind_user(first, clock.now(), role=Role.CONTACT, user_id=str(n), unit=unit)
        channel = FakeChannel()
        sweepers = [
            make_sweeper(make_core(database, clock, channel), batch_size=5)
            for database in (first, second)
        ]
        results = await asyncio.gather(*(sweeper.sweep() for sweeper in sweepers))
        assert len(channel.sent) == 36
        assert len({(chat, message.text) for chat, message, _id in channel.sent}) == 36
        assert sum(len(r.sent) for r in results) == 36
        async with first.reading() as session:
            assert await session.scalar(select(func.count()).select_from(Delivery)) == 36
    finally:
        await second.dispose()
        await first.dispose()
        if schema:
            await drop_schema(schema)


async def test_an_idle_sweep_is_one_look_that_still_notices_every_kind_of_work(db, clock):
    lease = timedelta(minutes=3)

    async def idle(cutoff=None) -> bool:
        async with db.reading() as session:
            return await nothing_to_do(session, clock.now(), cutoff or clock.now(), lease)

    assert await idle()
    await seed_sample(db, support_reminders=False)
    assert not await idle()  # new tasks to plan
    sweeper = make_sweeper(make_core(db, clock, channel := FakeChannel()))
    await sweeper.sweep()
    assert await idle()  # planned; today's reminders found nobody (undeliverable)
    assert not await idle(cutoff=local(date(2025, 3, 28)))  # "send now" up to a later day
    clock.set(local(date(2025, 3, 24), 9))
    await bind_user(db, clock.now(), role=Role.CONTACT, user_id="501", unit=COMMUNES)
    assert not await idle()  # a newcomer to catch up
    await sweeper.sweep()
    assert len(channel.texts_to("501")) == 1 and await idle()
    async with db.transaction() as session:
        await session.execute(
            update(ReminderSlot)
            .where(ReminderSlot.id == (await slots(db, "1"))[1].id)
            .values(
                state="claimed", claimed_by="gone:1:x", claimed_at=clock.now() - timedelta(hours=1)
            )
        )
    assert not await idle()  # a claim nobody renews
