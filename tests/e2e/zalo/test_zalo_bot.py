"""The Telegram issue's end-to-end story, told on Zalo: the real runner, adapter and core over HTTP."""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.domain import Role
from db.models import ProgressReport
from tests.conftest import SAMPLES
from tests.fakes import plan_from_expected, seed_plan

PLAN = SAMPLES / "ke-hoach-730-khcn.expected.json"
UNIT = "UBND huyện"  # lead of II.3 in that plan
TASK = re.compile(r"Nhiệm vụ ([\w.]+):")


async def reports(core) -> list[ProgressReport]:
    async with core.db.reading() as session:
        return list(await session.scalars(select(ProgressReport).order_by(ProgressReport.id)))


async def test_onboarding_reporting_and_summary_on_zalo(zalo_bot):
    bot, emu = zalo_bot, zalo_bot.emu
    await seed_plan(bot.core.db, plan_from_expected(PLAN))
    leader_code = await bot.invite(Role.LEADER)
    contact_code = await bot.invite(Role.CONTACT, UNIT)
    leader = emu.user("a1b2c3d4e5", "Phạm Văn Sâm")
    contact = emu.user("f6e5d4c3b2", "Nguyễn Thị Hoa")
    stranger = emu.user("0badc0ffee", "Người lạ")

    welcome = await bot.ask(leader, f"/start {leader_code}")
    assert "lãnh đạo" in welcome.text and "<" not in welcome.text
    joined = await bot.ask(contact, contact_code)  # a bare code: Zalo has no deep links
    assert UNIT in joined.text
    reused = await bot.ask(stranger, f"/start {contact_code}")
    assert "đã được sử dụng" in reused.text

    swept = await bot.remind()
    assert swept.sent and {(channel, chat) for _slot, channel, chat in swept.sent} == {
        ("zalo", contact.id)
    }
    reminders = [await emu.next_message(contact.id) for _ in swept.sent]
    tasks = [TASK.search(reminder.text).group(1) for reminder in reminders]
    assert "II.3" in tasks and len(tasks) == len(set(tasks))  # one message per task
    assert all(
        reminder.text.endswith(("Trả lời 1, 2 hoặc 3", "Trả lời 1 hoặc 2"))
        for reminder in reminders
    )

    ack = await bot.ask(contact, "II.3 đã đạt 70%, đang nhân rộng mô hình")
    assert "70" in ack.text and "II.3" in ack.text
    [report] = await reports(bot.core)
    assert (report.percent, report.channel, report.chat_id) == (70, "zalo", contact.id)
    # No code, no quote (Zalo has none): the message answers the latest unanswered reminder.
    after = await bot.ask(contact, "Đang triển khai, đạt 50%")
    assert f"nhiệm vụ {tasks[-1]}:" in after.text and "50%" in after.text

    pages = [await bot.ask(leader, "/summary")]
    assert pages[0].text.startswith("TÌNH HÌNH THỰC HIỆN KẾ HOẠCH")
    while pages[-1].text.endswith("Trang sau ▶\nTrả lời 1"):  # 2,000 characters a message
        pages.append(await bot.ask(leader, "1"))
    summary = "\n".join(page.text for page in pages)
    assert "“II.3 đã đạt 70%, đang nhân rộng mô hình” — 70%" in summary
    assert "<b>" not in summary

    await emu.send_text(stranger, "/summary")
    refusal = await emu.next_message(stranger.id)
    assert "70" not in refusal.text and "II.3" not in refusal.text


async def joined_contact(bot, user_id="f6e5d4c3b2"):
    """The sample plan imported and a UBND huyện contact joined on Zalo."""
    await seed_plan(bot.core.db, plan_from_expected(PLAN))
    contact = bot.emu.user(user_id, "Nguyễn Thị Hoa")
    await bot.ask(contact, await bot.invite(Role.CONTACT, UNIT))
    return contact


async def test_a_photo_with_a_caption_is_a_report_with_its_evidence(zalo_bot):
    bot, emu = zalo_bot, zalo_bot.emu
    contact = await joined_contact(bot)
    url = emu.host_file("bien-ban.jpg", b"\xff\xd8signed")
    await emu.send_image(contact, url, "II.4 đã hoàn thành, biên bản kèm theo")
    ack = await emu.next_message(contact.id)
    assert "II.4" in ack.text and "Hoàn thành" in ack.text
    [report] = await reports(bot.core)
    assert [(a["kind"], a["file_id"]) for a in report.attachments] == [("photo", url)]
    assert await bot.core.channels["zalo"].download(url) == b"\xff\xd8signed"


async def test_a_restart_loses_nothing_and_records_a_redelivery_once(zalo_bot):
    bot, emu = zalo_bot, zalo_bot.emu
    contact = await joined_contact(bot)
    reminders = len((await bot.remind()).sent)
    assert reminders > 0
    for _ in range(reminders):
        await emu.next_message(contact.id)
    sent = await emu.send_text(contact, "II.3 đã đạt 70%")
    assert "70%" in (await emu.next_message(contact.id)).text
    await bot.stop()
    await emu.send_text(contact, "II.4 đang thực hiện, đạt 40%")  # arrives while the bot is down
    await bot.start()
    assert "40%" in (await emu.next_message(contact.id)).text
    await emu.redeliver(sent)  # the platform sends the first message again after the restart
    await emu.send_text(contact, "/tasks")
    # The redelivery is dropped by the inbox's key: the next answer is the one to /tasks.
    assert "II.3" in (await emu.next_message(contact.id)).text
    assert (await bot.remind()).sent == []  # a new process sends no reminder twice
    assert len(emu.texts_to(contact.id)) == 1 + reminders + 3
    assert [(r.percent, r.text) for r in await reports(bot.core)] == [
        (70, "II.3 đã đạt 70%"),
        (40, "II.4 đang thực hiện, đạt 40%"),
    ]
