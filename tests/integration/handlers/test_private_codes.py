"""Codes only in private: /link and /invite refuse groups, a link waits for its owner, guessing is limited."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from bot.core import Core
from bot.messages import Incoming, Outgoing
from db.models import AuditEntry, CodeAttempt, ContactEndpoint, Invite, LinkRequest
from tests.fakes import FakeChannel
from tests.support.world import buttons, later, texts

GROUP = {"chat_id": "-100", "chat_type": "group"}


def code_in(outgoing: list[Outgoing]) -> str:
    """The code a /link answer shows."""
    return re.search(r"<code>([a-z0-9]{10})</code>", texts(outgoing)).group(1)


def sent_to(outgoing: list[Outgoing], chat_id: str) -> list[Outgoing]:
    """The messages addressed to another chat."""
    return [message for message in outgoing if message.chat_id == chat_id]


async def from_zalo(world, user: str, text: str) -> list[Outgoing]:
    """A private Zalo message from `user`."""
    world.core.channels.setdefault("zalo", FakeChannel(name="zalo"))
    incoming = Incoming(channel="zalo", chat_id=user, user_id=user, text=text, display_name=user)
    return await world.core.handle(incoming)


async def invites(world) -> int:
    async with world.core.db.reading() as session:
        return await session.scalar(select(func.count(Invite.id)))


async def test_link_and_invite_in_a_group_are_refused_and_issue_nothing(world):
    before = await invites(world)
    for command in ("/link", "/invite", "/export", "/task 2"):
        answer = texts(await world.say("admin", command, **GROUP))
        assert answer == (
            "Lệnh này có mã hoặc dữ liệu của cả kế hoạch, nên không trả lời trong nhóm. "
            "Hãy nhắn riêng cho bot."
        ), command
    # the buttons of those commands are refused in a group too
    assert "nhắn riêng" in texts(await world.press("admin", "inv:r:admin", **GROUP))
    assert await invites(world) == before
    assert "<code>" in texts(await world.say("admin", "/link"))  # privately it works


async def test_a_redeemed_link_code_joins_nobody_until_the_owner_answers(world):
    """The attack: an admin's code reaches someone else, who redeems it privately."""
    code = code_in(await world.say("admin", "/link"))
    out = await world.say("intruder", f"/start {code}", display_name="Kẻ lạ <b>")
    assert "chủ mã xác nhận" in texts([m for m in out if m.chat_id is None])
    [ask] = sent_to(out, "admin")
    assert ask.channel == "telegram"
    assert "<b>Kẻ lạ &lt;b&gt;</b> trên Telegram (mã người dùng intruder)" in ask.text
    assert [b.label for row in ask.buttons for b in row] == ["Đồng ý", "Từ chối"]
    # not linked yet: still a stranger, and the code cannot be used again
    assert texts(await world.say("intruder", "/invite")).startswith("Xin chào")
    again = texts(await world.say("other", f"/start {code}"))
    assert "đã được sử dụng" in again
    # someone else pressing the owner's button changes nothing
    approve, refuse = buttons([ask])
    assert "không còn hiệu lực" in texts(await world.press("leader", approve))
    answer = await world.press("admin", refuse)
    assert "Đã từ chối" in texts([m for m in answer if m.chat_id is None])
    [told] = sent_to(answer, "intruder")
    assert told.text == "Yêu cầu liên kết đã bị chủ mã từ chối."
    assert "không còn hiệu lực" in texts(await world.press("admin", approve))
    assert texts(await world.say("intruder", "/invite")).startswith("Xin chào")
    async with world.core.db.reading() as session:
        endpoints = await session.scalar(
            select(func.count(ContactEndpoint.id)).where(ContactEndpoint.user_id == "intruder")
        )
        decided = await session.scalar(select(LinkRequest.approved))
    assert endpoints == 0 and decided is False


async def test_the_owner_approves_and_the_other_platform_joins_them(world):
    code = code_in(await world.say("a", "/link"))
    out = await from_zalo(world, "za", code)  # the bare code works on Zalo
    [ask] = sent_to(out, "a")
    assert "<b>za</b> trên Zalo" in ask.text
    approve, _refuse = buttons([ask])
    answer = await world.press("a", approve)
    assert "Đã liên kết tài khoản <b>za</b> (Zalo)" in texts([m for m in answer if not m.chat_id])
    [welcome] = sent_to(answer, "za")
    assert welcome.channel == "zalo"
    assert "Đã liên kết tài khoản này với Đầu mối A" in welcome.text and "/report" in welcome.text
    assert "Nhiệm vụ của Phòng Văn hóa" in texts(await from_zalo(world, "za", "/tasks"))
    async with world.core.db.reading() as session:
        actions = list(
            await session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "link"))
        )
    assert actions == ["request", "approve"]


async def test_an_answer_after_the_hour_is_too_late(world):
    code = code_in(await world.say("a", "/link"))
    [ask] = sent_to(await from_zalo(world, "za", f"/start {code}"), "a")
    later(world.clock, hours=1)
    approve, _refuse = buttons([ask])
    assert "không còn hiệu lực" in texts(await world.press("a", approve))
    assert texts(await from_zalo(world, "za", "/tasks")).startswith("Xin chào")


async def test_guessing_codes_is_limited_per_account_and_admins_hear_of_it_once(world):
    real = code_in(await world.say("a", "/link"))
    for attempt in range(1, 6):
        out = await world.say("guesser", f"/start {'x' * 9}{attempt}", display_name="Đoán Mò")
        assert "Mã mời không đúng" in texts([m for m in out if m.chat_id is None])
        alerts = sent_to(out, "admin")
        assert len(alerts) == (1 if attempt == 5 else 0), attempt
    assert "<b>Đoán Mò</b> trên Telegram (mã người dùng guesser)" in alerts[0].text
    assert "5 lần trong 10 phút" in alerts[0].text
    # the limit is in the database: another process on it refuses the right code, unread
    other = Core(settings=world.core.settings, db=world.core.db, clock=world.clock,
                 channels={"telegram": FakeChannel()})  # fmt: skip
    for core in (world.core, other):
        blocked = await core.handle(
            Incoming(channel="telegram", chat_id="guesser", user_id="guesser", text=real)
        )
        assert [m.text for m in blocked] == [
            "Bạn đã nhập sai mã quá nhiều lần. Vì an toàn, vui lòng thử lại sau 10 phút."
        ]
    # another account is not held back by the guesser
    assert "Mã mời không đúng" in texts(await world.say("honest", "/start khongcoma"))
    later(world.clock, minutes=10)
    assert "chủ mã xác nhận" in texts(await world.say("guesser", f"/start {real}"))
    async with world.core.db.reading() as session:
        counted = await session.scalar(
            select(func.count(CodeAttempt.id)).where(CodeAttempt.user_id == "guesser")
        )
    assert counted == 5  # blocked attempts are not even looked up


async def test_a_code_refused_in_a_group_does_not_count(world):
    for _ in range(6):
        await world.say("guesser", "/start khongcoma", **GROUP)
    async with world.core.db.reading() as session:
        assert await session.scalar(select(func.count(CodeAttempt.id))) == 0


async def test_expired_codes_count_as_refused(world):
    code = code_in(await world.say("a", "/link"))
    later(world.clock, hours=2)
    assert "hết hạn" in texts(await world.say("late", f"/start {code}"))
    async with world.core.db.reading() as session:
        assert await session.scalar(select(func.count(CodeAttempt.id))) == 1
