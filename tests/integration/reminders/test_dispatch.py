"""Delivery through a channel that fails on cue: all delivered, in order, once; blocked chats and empty units."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select, update

from bot.domain import Role, SlotState
from bot.messages import RetryAfter, TransientError, Unreachable
from bot.plandoc import TaskDraft
from bot.services.units import get_unit
from db.models import BoundChat, ContactEndpoint, Delivery, ReminderSlot
from tests.fakes import bind_user
from tests.integration.reminders.fakes import FakeTimer, ScriptedChannel
from tests.integration.reminders.helpers import (
    local,
    make_core,
    make_sweeper,
    seed_tasks,
    slots,
    task_id,
)

HOME, JUSTICE, HEALTH, FINANCE = (
    "Phòng Nội vụ huyện",
    "Phòng Tư pháp huyện",
    "Phòng Y tế huyện",
    "Phòng Tài chính - Kế hoạch huyện",
)


async def seed_offices(db, clock):
    """Nine tasks due today across four units; contacts A and C (home), B (justice), D (health)."""
    clock.set(local(date(2025, 3, 31)))
    plan = [(HOME, 3), (JUSTICE, 3), (HEALTH, 2), (FINANCE, 1)]
    drafts = [
        TaskDraft(
            code=f"{n}.{k}", title=f"Việc {k} của {unit}", lead_units=[unit], due=date(2025, 3, 31)
        )
        for n, (unit, count) in enumerate(plan, 1)
        for k in range(1, count + 1)
    ]
    await seed_tasks(db, *drafts)
    for user, unit in (("A", HOME), ("C", HOME), ("B", JUSTICE), ("D", HEALTH)):
        await bind_user(
            db, clock.now(), role=Role.CONTACT, user_id=user, unit=unit, name=f"Người {user}"
        )
    await bind_user(db, clock.now(), role=Role.ADMIN, user_id="ADM", name="Văn phòng")


async def test_faults_are_ridden_out_in_order_without_duplicates(db, clock):
    await seed_offices(db, clock)
    timer = FakeTimer()
    channel = ScriptedChannel(timer=timer)
    channel.script["A"] = [RetryAfter(3), None, TransientError("502"), None]
    channel.script["B"] = [TransientError("timeout"), TransientError("500"), None, RetryAfter(1)]
    channel.fail_always["C"] = lambda: Unreachable("403: bot was blocked by the user")
    channel.fail_always["D"] = lambda: Unreachable("400: chat not found")
    result = await make_sweeper(make_core(db, clock, channel), timer).sweep()

    assert [text.split("\n")[2] for text in channel.texts_to("A")] == [
        f"Nhiệm vụ <b>1.{k}</b>: Việc {k} của {HOME}" for k in (1, 2, 3)
    ]
    assert [text.split("\n")[2] for text in channel.texts_to("B")] == [
        f"Nhiệm vụ <b>2.{k}</b>: Việc {k} của {JUSTICE}" for k in (1, 2, 3)
    ]
    assert max(Counter((chat, m.text) for chat, m, _ in channel.sent).values()) == 1
    a_tries = [at for chat, at in channel.attempts if chat == "A"]
    assert a_tries[1] - a_tries[0] >= 3  # the 429's retry_after was honoured

    notices = channel.texts_to("ADM")
    assert len(notices) == 2  # one per blocked chat, not one per reminder
    assert any("Người C" in text and HOME in text for text in notices)
    assert any("Người D" in text and HEALTH in text for text in notices)
    async with db.reading() as session:
        flagged = set(
            await session.scalars(
                select(ContactEndpoint.user_id).where(ContactEndpoint.unreachable)
            )
        )
        deliveries = (await session.execute(select(Delivery.chat_id, Delivery.slot_id))).all()
    assert flagged == {"C", "D"}
    assert Counter(chat for chat, _slot in deliveries) == {"A": 3, "B": 3}

    states = {}
    for code in ("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1"):
        [due] = await slots(db, code, kind="due")
        states[code] = due.state
    assert states == {
        "1.1": "sent", "1.2": "sent", "1.3": "sent",
        "2.1": "sent", "2.2": "sent", "2.3": "sent",
        "3.1": "undeliverable", "3.2": "undeliverable",  # its only contact blocked the bot
        "4.1": "undeliverable",  # no contact at all ("không có đầu mối nhận")
    }  # fmt: skip
    assert result.states and all(state is not SlotState.PENDING for state in result.states.values())


async def test_a_retry_after_a_crash_never_resends_to_a_recorded_chat(db, clock):
    await seed_offices(db, clock)
    channel = ScriptedChannel()
    sweeper = make_sweeper(make_core(db, clock, channel))
    await sweeper.replan(clock.now())
    [slot] = await slots(db, "1.1", kind="due")
    async with db.transaction() as session:  # sent to A and recorded, then the process died
        session.add(
            Delivery(
                slot_id=slot.id,
                channel="telegram",
                chat_id="A",
                message_id="77",
                sent_at=clock.now(),
            )
        )
        await session.execute(
            update(ReminderSlot)
            .where(ReminderSlot.id == slot.id)
            .values(
                state="claimed", claimed_by="gone:1:x", claimed_at=clock.now().replace(year=2024)
            )
        )
    await sweeper.sweep()
    a_texts = [text for text in channel.texts_to("A") if "<b>1.1</b>" in text]
    assert a_texts == []
    assert [s.state for s in await slots(db, "1.1", kind="due")] == ["sent"]


async def test_a_chat_that_keeps_failing_is_retried_next_sweep_then_given_up(db, clock):
    await seed_tasks(
        db, TaskDraft(code="X", title="Việc X", lead_units=[JUSTICE], due=date(2025, 3, 24))
    )
    await bind_user(db, clock.now(), role=Role.CONTACT, user_id="B", unit=JUSTICE)
    timer = FakeTimer()
    channel = ScriptedChannel(timer=timer)
    channel.fail_always["B"] = lambda: TransientError("503")
    sweeper = make_sweeper(make_core(db, clock, channel), timer, max_attempts=2)
    await sweeper.sweep()
    [slot] = await slots(db, "X", kind="due")
    assert (slot.state, slot.attempts) == ("pending", 1) and "503" in slot.last_error
    assert len(channel.attempts) == 5  # bounded backoff within one sweep
    await sweeper.sweep()
    [slot] = await slots(db, "X", kind="due")
    assert (slot.state, slot.attempts) == ("undeliverable", 2)
    await sweeper.sweep()
    assert len(channel.attempts) == 10


async def test_a_unit_group_chat_gets_the_reminder_too(db, clock):
    await seed_tasks(
        db, TaskDraft(code="X", title="Việc X", lead_units=[JUSTICE], due=date(2025, 3, 24))
    )
    await bind_user(db, clock.now(), role=Role.CONTACT, user_id="B", unit=JUSTICE)
    async with db.transaction() as session:
        unit = await get_unit(session, JUSTICE)
        session.add(
            BoundChat(
                channel="telegram",
                chat_id="-200",
                purpose="unit",
                unit_id=unit.id,
                title="Nhóm Tư pháp",
            )
        )
        session.add(
            BoundChat(
                channel="zalo", chat_id="z-1", purpose="unit", unit_id=unit.id, title="Không chạy"
            )
        )
    channel = ScriptedChannel()
    await make_sweeper(make_core(db, clock, channel)).sweep()
    assert len(channel.texts_to("B")) == 1 and len(channel.texts_to("-200")) == 1
    assert {chat for chat, _m, _id in channel.sent} == {
        "B",
        "-200",
    }  # no channel "zalo" in this process
    async with db.reading() as session:
        recorded = set(
            await session.scalars(
                select(Delivery.chat_id).where(
                    Delivery.slot_id.in_(
                        select(ReminderSlot.id).where(
                            ReminderSlot.task_id == await task_id(db, "X")
                        )
                    )
                )
            )
        )
    assert recorded == {"B", "-200"}


async def test_a_long_sweep_marks_delivered_slots_sent_as_it_goes(db, clock):
    """Slots are marked sent in bulk, at the lease-keeping tick: never left to a lease running out."""
    await seed_offices(db, clock)
    b_tasks = ("2.1", "2.2", "2.3")
    seen: list[tuple[str, dict[str, str]]] = []  # (task sent to B, B's slot states at that moment)

    class WatchingChannel(ScriptedChannel):
        async def send(self, chat_id, message):
            if chat_id == "B":
                states = {code: (await slots(db, code, kind="due"))[0].state for code in b_tasks}
                seen.append((next(c for c in b_tasks if f"<b>{c}</b>" in message.text), states))
            return await super().send(chat_id, message)

    channel = WatchingChannel()
    # One message to a chat every ~32 s: more than a tick (30 s) passes between B's reminders.
    await make_sweeper(make_core(db, clock, channel), per_chat_per_second=1 / 31).sweep()

    assert [code for code, _states in seen] == list(b_tasks)
    for n, (_code, states) in enumerate(seen):
        assert [states[code] for code in b_tasks[:n]] == ["sent"] * n
        assert [states[code] for code in b_tasks[n:]] == ["claimed"] * (3 - n)
    assert {s.state for code in b_tasks for s in await slots(db, code, kind="due")} == {"sent"}
