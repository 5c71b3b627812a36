"""Reminders sent by the real Zalo adapter ask the emulator's user to write in the chat."""

from __future__ import annotations

from datetime import date

from bot.domain import Recurrence, Role
from bot.emulators.zalo_harness import zalo_bot, zalo_settings
from bot.plandoc import TaskDraft
from tests.fakes import FakeChannel, bind_user
from tests.integration.reminders.helpers import make_sweeper, seed_tasks

UNIT = "Phòng Nội vụ huyện"
DUE_TASK = "Nhiệm vụ 1: Việc có hạn"
MONTHLY_TASK = "Nhiệm vụ 2: Việc báo cáo hằng tháng"


async def contacts_on_both_platforms(db, emulator, clock) -> None:
    """A due task and a monthly report of one unit; contacts "zu1" on Zalo, "501" on Telegram."""
    await seed_tasks(
        db,
        TaskDraft(code="1", title="Việc có hạn", lead_units=[UNIT], due=date(2025, 3, 24)),
        TaskDraft(
            code="2",
            title="Việc báo cáo hằng tháng",
            lead_units=[UNIT],
            recurrence=Recurrence.MONTHLY,
            report_day=25,
        ),
    )
    emulator.user("zu1", "Nguyễn Văn A")  # the emulator delivers only to users it knows
    for user_id, channel in (("zu1", "zalo"), ("501", "telegram")):
        await bind_user(
            db, clock.now(), role=Role.CONTACT, user_id=user_id, unit=UNIT, channel=channel
        )


async def test_one_sweep_words_the_ask_for_each_channel(tmp_path, emulator, sqlite_db, clock):
    await contacts_on_both_platforms(sqlite_db, emulator, clock)
    telegram = FakeChannel()
    async with zalo_bot(zalo_settings(tmp_path, emulator), sqlite_db, clock) as (core, _service):
        core.channels["telegram"] = telegram
        swept = await make_sweeper(core).sweep()
    assert {(channel, chat) for _slot, channel, chat in swept.sent} == {
        ("zalo", "zu1"),
        ("telegram", "501"),
    }

    on_zalo = {text.split("\n")[2]: text for text in emulator.texts_to("zu1")}
    assert on_zalo.keys() == {DUE_TASK, MONTHLY_TASK}
    assert (
        "\n\nĐề nghị đơn vị nhắn tin báo cáo tiến độ ngay trong cuộc trò chuyện này, ví dụ: "
        "“Đã hoàn thành 70%, đang …” hoặc “Đã hoàn thành”.\n\n1. 📝 Báo cáo"
    ) in on_zalo[DUE_TASK]
    assert (
        "\n\nĐề nghị đơn vị nhắn tin báo cáo kết quả thực hiện trong kỳ "
        "ngay trong cuộc trò chuyện này.\n\n1. 📝 Báo cáo"
    ) in on_zalo[MONTHLY_TASK]
    assert all("reply" not in text.lower() for text in on_zalo.values())

    on_telegram = telegram.texts_to("501")
    assert len(on_telegram) == 2
    assert all("<b>trả lời (reply) tin nhắn này</b>" in text for text in on_telegram)
