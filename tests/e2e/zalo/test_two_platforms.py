"""One person on Telegram and Zalo: one contact, two endpoints, reminders on each, reports from either."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta

from sqlalchemy import select

from bot.domain import Role
from bot.emulators.telegram import TelegramEmulator
from db.models import Contact, ContactEndpoint, ProgressReport
from tests.fakes import plan_from_expected, seed_plan
from tests.support.paths import SAMPLES
from tests.support.zalo_e2e import ZaloBot, zalo_bot_settings

TELEGRAM_TOKEN = "7000000002:two-platforms-token"
UNIT = "UBND huyện"
CODE = re.compile(r"Mã liên kết của bạn: (\w{10})")
TASK = re.compile(r"Nhiệm vụ ([\w.]+):")


async def test_a_linked_person_on_two_platforms(zalo, tmp_path, clock):
    async with TelegramEmulator(token=TELEGRAM_TOKEN) as telegram:
        settings = zalo_bot_settings(
            zalo, tmp_path, TELEGRAM_BOT_TOKEN=TELEGRAM_TOKEN, TELEGRAM_API_URL=telegram.api_url
        )
        bot = ZaloBot(zalo, settings, clock)
        await bot.start()
        try:
            await story(bot, telegram, zalo, clock)
        finally:
            await bot.runner.stop()


async def story(bot, telegram, zalo, clock):
    await seed_plan(bot.core.db, plan_from_expected(SAMPLES / "ke-hoach-730-khcn.expected.json"))
    on_telegram = telegram.user(5550001, "Hoa")
    on_zalo = zalo.user("9a8b7c6d5e", "Nguyễn Thị Hoa")
    await telegram.send_text(on_telegram, "/start " + await bot.invite(Role.CONTACT, UNIT))
    await telegram.next_message(on_telegram.id)
    await telegram.send_text(on_telegram, "/link")
    code = CODE.search((await telegram.next_message(on_telegram.id)).plain).group(1)

    waiting = await bot.ask(on_zalo, f"/start {code}")
    assert "chủ mã xác nhận" in waiting.text
    confirm = await telegram.next_message(on_telegram.id)  # the owner is asked, privately
    assert "Nguyễn Thị Hoa trên Zalo" in confirm.plain
    await telegram.press(on_telegram, confirm, "Đồng ý")
    answered = "Đã liên kết tài khoản Nguyễn Thị Hoa (Zalo) với bạn."
    await telegram.wait_for(lambda: telegram.messages_to(on_telegram.id)[-1].plain == answered)
    linked = await zalo.next_message(on_zalo.id)
    assert "Đã liên kết tài khoản này với Hoa" in linked.text
    assert "đã được sử dụng" in (await bot.ask(zalo.user("1111111111", "Khác"), code)).text
    async with bot.core.db.reading() as session:
        [contact] = list(await session.scalars(select(Contact)))
        endpoints = list(await session.scalars(select(ContactEndpoint)))
    assert {(e.contact_id, e.channel, e.user_id) for e in endpoints} == {
        (contact.id, "telegram", "5550001"),
        (contact.id, "zalo", "9a8b7c6d5e"),
    }

    swept = await bot.remind()  # deliver_to "all": one reminder per task on each platform
    assert Counter(channel for _slot, channel, _chat in swept.sent) == {
        "telegram": len(swept.sent) // 2,
        "zalo": len(swept.sent) // 2,
    }
    on_tg = [await telegram.next_message(on_telegram.id) for _ in range(len(swept.sent) // 2)]
    on_za = [await zalo.next_message(on_zalo.id) for _ in range(len(swept.sent) // 2)]
    assert [TASK.search(m.plain).group(1) for m in on_tg] == [
        TASK.search(m.text).group(1) for m in on_za
    ]

    await telegram.reply(on_telegram, on_tg[0], "Đạt 30%, đang triển khai")
    assert "30%" in (await telegram.next_message(on_telegram.id)).plain
    snoozed = await bot.ask(on_zalo, "2")  # the last Zalo reminder's "⏰ Nhắc lại sau"
    assert snoozed.text.startswith("Đã hẹn: bot sẽ nhắc lại nhiệm vụ")
    # an acknowledgement's choice ("1. Sửa") is the latest one from here on
    assert "70%" in (await bot.ask(on_zalo, "II.3 đã đạt 70%")).text
    async with bot.core.db.reading() as session:
        rows = (
            await session.execute(select(ProgressReport.contact_id, ProgressReport.channel))
        ).all()
    assert sorted(rows) == [(contact.id, "telegram"), (contact.id, "zalo")]

    await bot.ask(on_zalo, "/link")
    assert "Nhắc việc sẽ gửi qua: Zalo." in (await bot.ask(on_zalo, "3")).text
    clock.set(clock.now() + timedelta(days=1))  # Tuesday 08:00: the snoozed reminder is due
    later = await bot.remind()
    assert later.sent and {channel for _slot, channel, _chat in later.sent} == {"zalo"}

    for _reminder in later.sent:
        await zalo.next_message(on_zalo.id)

    # A code issued on Zalo and redeemed by someone else on Telegram: the owner refuses on Zalo.
    code = CODE.search((await bot.ask(on_zalo, "/link")).text).group(1)
    stranger = telegram.user(5550009, "Người lạ")
    await telegram.send_text(stranger, f"/start {code}")
    assert "chủ mã xác nhận" in (await telegram.next_message(stranger.id)).plain
    asked = await zalo.next_message(on_zalo.id)  # Zalo has no buttons: numbered choices
    assert "Người lạ trên Telegram" in asked.text
    refuse = re.search(r"(\d+)\. Từ chối", asked.text).group(1)
    assert "Đã từ chối" in (await bot.ask(on_zalo, refuse)).text
    assert "bị chủ mã từ chối" in (await telegram.next_message(stranger.id)).plain
