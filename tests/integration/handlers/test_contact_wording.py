"""How a contact is told to report: reply to the reminder on Telegram, write in the chat on Zalo;
files as evidence only where the platform brings them."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from bot.channels.zalo import zalo_capabilities
from bot.domain import Role
from bot.messages import Incoming
from bot.services.invites import create_invite
from bot.services.units import get_unit
from db.models import Contact
from tests.fakes import FakeChannel, bind_user
from tests.support.world import UNIT_A, texts

WELCOME_TELEGRAM = (
    "Tôi sẽ gửi tin nhắc việc cho đơn vị; bạn chỉ cần trả lời tin nhắc để báo cáo tiến độ."
)
HELP_TELEGRAM = "Báo cáo nhanh: trả lời (reply) tin nhắc việc bằng một câu ngắn, vd "
HINT_TELEGRAM = "Để báo cáo tiến độ, hãy trả lời (reply) tin nhắc việc, ghi mã nhiệm vụ trong tin"
WELCOME_CHAT = (
    "Tôi sẽ gửi tin nhắc việc cho đơn vị; khi nhận tin nhắc, bạn chỉ cần nhắn tin "
    "báo cáo tiến độ ngay trong cuộc trò chuyện này."
)
HELP_CHAT = (
    "Báo cáo nhanh: sau khi nhận tin nhắc việc, nhắn một câu ngắn ngay trong cuộc trò chuyện "
    "này, vd “Đã triển khai được 70%”"
)
HINT_CHAT = (
    "Tôi chưa hiểu tin nhắn này. Để báo cáo tiến độ, hãy nhắn tin báo cáo ngay trong "
    "cuộc trò chuyện này sau khi nhận tin nhắc việc, ghi mã nhiệm vụ trong tin "
    "(vd: “NV 2: đạt 70%”) hoặc gửi /report. Gửi /help để xem các lệnh."
)
UNCLEAR = "xin chào bạn"


async def zalo_contact(world) -> int:
    """A contact of A bound on Zalo as "za"; its id."""
    return await bind_user(
        world.core.db, world.clock.now(), role=Role.CONTACT, user_id="za", unit=UNIT_A,
        channel="zalo",
    )  # fmt: skip


@pytest.fixture
async def zalo(world) -> int:
    """A Zalo channel (no quoted replies) with a contact of A on it; the contact's id."""
    world.core.channels["zalo"] = FakeChannel(name="zalo", capabilities=zalo_capabilities())
    return await zalo_contact(world)


async def on_zalo(world, user: str, text: str) -> str:
    """The answer texts to a private Zalo message."""
    return texts(
        await world.core.handle(Incoming(channel="zalo", chat_id=user, user_id=user, text=text))
    )


async def contact_invite(world) -> str:
    """A fresh invite code for a contact of A."""
    async with world.core.db.transaction() as session:
        unit = await get_unit(session, UNIT_A)
        return (await create_invite(session, Role.CONTACT, unit, "test", world.clock.now())).code


def assert_no_reply_wording(text: str) -> None:
    """No word of replying to the reminder, in either language."""
    assert "(reply)" not in text and "trả lời tin nhắc" not in text and "reply" not in text.lower()


async def test_on_telegram_a_contact_is_told_to_reply_to_the_reminder(world):
    welcome = texts(await world.say("new", f"/start {await contact_invite(world)}"))
    assert WELCOME_TELEGRAM in welcome
    help_text = texts(await world.say("a", "/help"))
    assert HELP_TELEGRAM in help_text
    assert "Ảnh hoặc tệp gửi kèm được lưu làm minh chứng." in help_text
    assert HINT_TELEGRAM in texts(await world.say("a", UNCLEAR))


async def test_on_zalo_a_contact_is_told_to_write_in_the_chat(world, zalo):
    welcome = await on_zalo(world, "zb", f"/start {await contact_invite(world)}")
    assert "Chào mừng zb" in welcome and WELCOME_CHAT in welcome
    help_text = await on_zalo(world, "za", "/help")
    assert HELP_CHAT in help_text and "/report" in help_text
    assert "Ảnh gửi kèm được lưu làm minh chứng." in help_text and "tệp" not in help_text
    hint = await on_zalo(world, "za", UNCLEAR)
    assert hint == HINT_CHAT
    for text in (welcome, help_text, hint):
        assert_no_reply_wording(text)


async def test_in_english_on_zalo_too(world, zalo):
    async with world.core.db.transaction() as session:
        await session.execute(update(Contact).where(Contact.id == zalo).values(locale="en"))
    help_text = await on_zalo(world, "za", "/help")
    assert "Quick report: after a reminder, send a short message in this chat" in help_text
    assert "Photos you send are kept as evidence." in help_text
    hint = await on_zalo(world, "za", UNCLEAR)
    assert hint.startswith("I did not understand this message. To report progress, send a message")
    for text in (help_text, hint):
        assert_no_reply_wording(text)


async def test_a_channel_the_core_does_not_run_keeps_the_reply_wording(world):
    await zalo_contact(world)
    assert HELP_TELEGRAM in await on_zalo(world, "za", "/help")
