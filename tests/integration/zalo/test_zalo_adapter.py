"""The real Zalo adapter and core against the emulator, in long-polling mode."""

from __future__ import annotations

import asyncio
import logging

import pytest
from sqlalchemy import func, select

from bot.channels.textsplit import units
from bot.domain import Role
from bot.emulators.zalo_harness import TOKEN, zalo_bot, zalo_settings
from bot.messages import Outgoing, RetryAfter
from db.models import Contact, Invite
from tests.fakes import bind_user, plan_from_expected, seed_plan
from tests.inbox_rows import stored_keys
from tests.support.paths import SAMPLES

UNIT = "UBND huyện"


@pytest.fixture
async def contact(sqlite_db, clock):
    """A unit contact bound on Zalo as user "zu1"; its contact id."""
    await seed_plan(sqlite_db, plan_from_expected(SAMPLES / "ke-hoach-730-khcn.expected.json"))
    return await bind_user(
        sqlite_db, clock.now(), role=Role.CONTACT, user_id="zu1", unit=UNIT, channel="zalo"
    )


@pytest.fixture
async def bot(tmp_path, emulator, sqlite_db, clock):
    async with zalo_bot(zalo_settings(tmp_path, emulator), sqlite_db, clock) as running:
        yield running


async def deliver_to(db, contact_id) -> str:
    async with db.reading() as session:
        return (await session.get(Contact, contact_id)).deliver_to


async def test_a_stranger_gets_a_polite_plain_text_answer(emulator, bot):
    stranger = emulator.user("s1", "Người lạ")
    await emulator.send_text(stranger, "Cho tôi xem kế hoạch")
    answer = await emulator.next_message("s1")
    assert answer.text.startswith("Xin chào! Đây là trợ lý đôn đốc")
    assert "/start <mã mời>" in answer.text  # entities unescaped, no tags left
    assert "<b>" not in answer.text


async def test_a_sticker_gets_a_note_that_only_text_is_read(emulator, bot):
    await emulator.send_sticker(emulator.user("s2", "B"), "sticker-9")
    assert (await emulator.next_message("s2")).text.startswith("Bot chỉ đọc được tin nhắn chữ")


async def test_a_number_presses_the_matching_button(emulator, bot, contact, sqlite_db):
    person = emulator.user("zu1", "Nguyễn Văn A")
    await emulator.send_text(person, "/link")
    offer = await emulator.next_message("zu1")
    assert offer.text.endswith("1. Mọi nền tảng\n2. Chỉ Telegram\n3. Chỉ Zalo\nTrả lời 1, 2 hoặc 3")
    await emulator.send_text(person, "3")
    saved = await emulator.next_message("zu1")
    assert saved.text.startswith("Đã lưu. Nhắc việc sẽ gửi qua: Zalo.")
    assert await deliver_to(sqlite_db, contact) == "zalo"
    await emulator.send_text(person, "1")  # the choices were used up: "1" is plain text now
    await emulator.next_message("zu1")
    assert await deliver_to(sqlite_db, contact) == "zalo"


async def test_pending_choices_survive_a_restart(tmp_path, emulator, sqlite_db, clock, contact):
    person = emulator.user("zu1", "Nguyễn Văn A")
    settings = zalo_settings(tmp_path, emulator)
    async with zalo_bot(settings, sqlite_db, clock):
        await emulator.send_text(person, "/link")
        await emulator.next_message("zu1")
    await emulator.wait_for(lambda: emulator.polling == 0)
    async with zalo_bot(settings, sqlite_db, clock):
        await emulator.send_text(person, "2")
        assert "Telegram" in (await emulator.next_message("zu1")).text
    assert await deliver_to(sqlite_db, contact) == "telegram"


async def test_a_long_message_is_sent_in_parts_within_2000(emulator, bot):
    core, _service = bot
    emulator.user("zu9", "C")
    lines = [f"<b>{n}.</b> Đơn vị số {n} chưa báo cáo nhiệm vụ II.{n}" for n in range(1, 160)]
    await core.channels["zalo"].send("zu9", Outgoing(text="\n".join(lines)))
    texts = emulator.texts_to("zu9")
    assert len(texts) > 1 and all(units(text) <= 2000 for text in texts)
    assert "\n".join(texts).split("\n")[-1] == "159. Đơn vị số 159 chưa báo cáo nhiệm vụ II.159"


async def test_the_same_message_delivered_twice_is_handled_once(emulator, bot, contact, sqlite_db):
    await emulator.deliver_twice(emulator.user("zu1", "A"), "/link")
    await emulator.next_message("zu1")  # answered from the inbox, after the poll
    assert len(await stored_keys(sqlite_db)) == 1  # the second delivery was not stored
    assert len(emulator.texts_to("zu1")) == 1
    async with sqlite_db.reading() as session:
        codes = await session.scalar(
            select(func.count(Invite.id)).where(Invite.link_contact_id == contact)
        )
    assert codes == 1


async def test_replies_get_through_quota_and_server_errors(emulator, bot):
    emulator.fail("sendMessage", 429)
    emulator.fail("sendMessage", 500)
    await emulator.send_text(emulator.user("s3", "D"), "xin chào")
    assert (await emulator.next_message("s3")).text.startswith("Xin chào!")
    assert emulator.calls.count("sendMessage") == 3


async def test_polling_recovers_after_platform_errors(emulator, bot):
    emulator.fail("getUpdates", 500, times=2)
    await emulator.send_text(emulator.user("s4", "E"), "xin chào")
    assert (await emulator.next_message("s4")).text.startswith("Xin chào!")


async def test_a_user_who_blocked_the_bot_does_not_stop_it(emulator, bot, caplog):
    blocked = emulator.user("s5", "F")
    emulator.block(blocked)
    await emulator.send_text(blocked, "xin chào")
    await emulator.send_text(emulator.user("s6", "G"), "xin chào")
    await emulator.next_message("s6")
    assert emulator.texts_to("s5") == []
    assert "Unreachable" in caplog.text


async def test_a_photo_the_user_sent_can_be_downloaded(emulator, bot):
    core, _service = bot
    url = emulator.host_file("bao-cao.jpg", b"\xff\xd8photo")
    assert await core.channels["zalo"].download(url) == b"\xff\xd8photo"


async def test_the_token_never_reaches_the_logs(emulator, bot, caplog):
    caplog.set_level(logging.DEBUG)
    emulator.fail("sendMessage", 500, times=5)
    await emulator.send_text(emulator.user("s7", "H"), "xin chào")
    async with asyncio.timeout(10):  # the answer is tried once the inbox handles the update
        while "sendMessage" not in emulator.calls:
            await asyncio.sleep(0.01)
    assert "sendMessage" in caplog.text
    assert TOKEN not in caplog.text


async def test_a_long_quota_wait_is_left_to_the_caller(emulator, bot):
    core, _service = bot
    emulator.user("zu8", "I")
    emulator.fail("sendMessage", 429, parameters={"retry_after": 120})
    with pytest.raises(RetryAfter) as waited:
        await core.channels["zalo"].send("zu8", Outgoing(text="Nhắc việc"))
    assert waited.value.seconds == 120
    assert emulator.calls.count("sendMessage") == 1  # not slept on, not retried here
