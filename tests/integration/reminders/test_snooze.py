"""The "Nhắc lại sau" button: the unit's contacts get the task again next working day, nobody else can."""

from __future__ import annotations

from datetime import date

from bot.domain import Role
from bot.messages import Incoming
from tests.fakes import FakeChannel, bind_user
from tests.integration.reminders.helpers import (
    local,
    make_core,
    make_sweeper,
    report,
    seed_sample,
    slots,
)

COMMUNES = "UBND các xã, thị trấn"


def press(user: str, data: str) -> Incoming:
    return Incoming(
        channel="telegram", chat_id=user, user_id=user, callback_data=data, callback_id="q1"
    )


async def sent_reminder(db, clock):
    await seed_sample(db, support_reminders=False)
    await bind_user(db, clock.now(), role=Role.CONTACT, user_id="501", unit=COMMUNES)
    channel = FakeChannel()
    core = make_core(db, clock, channel)
    await make_sweeper(core).sweep()
    [slot] = await slots(db, "1", state="sent")
    return core, channel, slot


async def test_snooze_reminds_again_on_the_next_working_day(db, clock):
    clock.set(local(date(2025, 3, 28), 9))  # a Friday
    core, channel, slot = await sent_reminder(db, clock)
    [answer] = await core.handle(press("501", f"snz:{slot.id}"))
    assert answer.text == "Đã hẹn: bot sẽ nhắc lại nhiệm vụ <b>1</b> lúc 08:00 thứ Hai, 31/03/2025."
    [snoozed] = await slots(db, "1", kind="snooze")
    assert (snoozed.state, snoozed.fire_at, snoozed.unit_id) == (
        "pending",
        local(date(2025, 3, 31)),
        slot.unit_id,
    )
    await core.handle(press("501", f"snz:{slot.id}"))  # pressed twice: still one
    assert len(await slots(db, "1", kind="snooze")) == 1
    clock.set(local(date(2025, 3, 31)))
    await make_sweeper(core).sweep()
    texts = channel.texts_to("501")
    assert len(texts) == 2 and texts[1].startswith(
        "⏰ <b>Nhắc lại nhiệm vụ</b>"
    )  # with the due day merged
    assert [s.state for s in await slots(db, "1", kind="due")] == ["skipped"]


async def test_only_the_units_own_contacts_may_snooze(db, clock):
    core, _channel, slot = await sent_reminder(db, clock)
    await bind_user(db, clock.now(), role=Role.CONTACT, user_id="777", unit="Công an huyện")
    await bind_user(db, clock.now(), role=Role.LEADER, user_id="900")
    [answer] = await core.handle(press("777", f"snz:{slot.id}"))
    assert "dành cho đơn vị khác" in answer.text
    [answer] = await core.handle(press("900", f"snz:{slot.id}"))
    assert answer.text == "Bạn không có quyền dùng lệnh này."
    [answer] = await core.handle(press("stranger", f"snz:{slot.id}"))
    assert "chưa được cấp quyền" in answer.text
    [answer] = await core.handle(press("501", "snz:99999"))
    assert answer.text == "Lời nhắc này không còn hiệu lực."
    assert await slots(db, "1", kind="snooze") == []


async def test_a_completed_task_is_not_snoozed(db, clock):
    core, _channel, slot = await sent_reminder(db, clock)
    await report(db, "1", COMMUNES, "Đã hoàn thành", clock.now())
    [answer] = await core.handle(press("501", f"snz:{slot.id}"))
    assert answer.text == "Nhiệm vụ <b>1</b> đã hoàn thành, không cần nhắc lại."
    assert await slots(db, "1", kind="snooze") == []
