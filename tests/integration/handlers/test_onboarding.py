"""/start with an invite code, a bare code from a stranger, /help per role."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from bot.domain import Role
from bot.messages import Incoming
from bot.services.invites import create_invite
from bot.services.units import get_unit
from tests.fakes import FakeChannel
from tests.support.world import UNIT_A, texts


@dataclass
class MenuChannel(FakeChannel):
    """A channel with a command menu, recording what it was given."""

    menus: list[tuple[str | None, list[tuple[str, str]]]] = field(default_factory=list)

    async def set_commands(self, chat_id, commands):
        self.menus.append((chat_id, commands))


async def invite(world, role: Role, unit: str | None = None, lifetime=timedelta(days=14)) -> str:
    async with world.core.db.transaction() as session:
        found = await get_unit(session, unit) if unit else None
        created = await create_invite(session, role, found, "test", world.clock.now(), lifetime)
        return created.code


async def test_start_with_a_code_binds_and_welcomes_with_role_unit_and_menu(world):
    menu = MenuChannel()
    world.core.channels["telegram"] = menu
    code = await invite(world, Role.CONTACT, UNIT_A)
    welcome = texts(await world.say("new", f"/start {code}", display_name="Nguyễn Văn A"))
    assert "Chào mừng Nguyễn Văn A" in welcome
    assert "<b>đầu mối đơn vị</b> của <b>Phòng Văn hóa và Thông tin huyện</b>" in welcome
    assert "/report" in welcome and "/invite" not in welcome
    [(chat_id, commands)] = menu.menus
    assert chat_id == "new" and "report" in dict(commands) and "invite" not in dict(commands)
    # bound now: the next message is from a contact of A
    assert "Nhiệm vụ của Phòng Văn hóa" in texts(await world.say("new", "/tasks"))


async def test_a_code_is_used_once(world):
    code = await invite(world, Role.LEADER)
    await world.say("p1", f"/start {code}")
    refused = texts(await world.say("p2", f"/start {code}"))
    assert refused == "Mã mời này đã được sử dụng. Mỗi mã chỉ dùng một lần; hãy xin mã mới."
    assert texts(await world.say("p2", "/tasks")).startswith("Xin chào")  # still a stranger


async def test_expired_and_unknown_codes_are_refused_clearly(world):
    code = await invite(world, Role.LEADER, lifetime=timedelta(hours=1))
    world.clock.set(world.clock.now() + timedelta(hours=2))
    assert "đã hết hạn" in texts(await world.say("p1", f"/start {code}"))
    assert "Mã mời không đúng" in texts(await world.say("p1", "/start khongcoma"))


async def test_start_alone(world):
    assert "mã mời" in texts(await world.say("stranger", "/start"))
    again = texts(await world.say("a", "/start"))
    assert "Chào Đầu mối A" in again and "Phòng Văn hóa và Thông tin huyện" in again


async def test_a_bare_code_as_a_strangers_first_message(world):
    code = await invite(world, Role.CONTACT, UNIT_A)
    zalo = Incoming(channel="zalo", chat_id="z9", user_id="z9", text=f"  {code.upper()} ")
    world.core.channels["zalo"] = FakeChannel(name="zalo")
    assert "Chào mừng" in texts(await world.core.handle(zalo))
    # a bound user's ten-letter message is not taken for a code
    assert "Chào mừng" not in texts(await world.say("a", "abcdefghjk"))


async def test_codes_are_not_redeemed_in_groups(world):
    code = await invite(world, Role.ADMIN)
    out = await world.say("p1", f"/start {code}", chat_id="-100", chat_type="group")
    assert "tin nhắn riêng" in texts(out)
    assert "Chào mừng" in texts(await world.say("p1", f"/start {code}"))  # still unused


async def test_help_lists_the_commands_of_the_role(world):
    contact = texts(await world.say("a", "/help"))
    assert "/report" in contact and "/tasks" in contact and "/invite" not in contact
    assert "trả lời (reply) tin nhắc việc" in contact
    admin = texts(await world.say("admin", "/help"))
    assert "/invite" in admin and "/task " in admin and "/report" not in admin
    leader = texts(await world.say("leader", "/help"))
    assert "/invite" not in leader and "/tasks" in leader
    stranger = texts(await world.say("stranger", "/help"))
    assert "/tasks" not in stranger and "mã mời" in stranger
