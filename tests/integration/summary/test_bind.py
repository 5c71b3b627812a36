"""/bind and /unbind in group chats."""

from __future__ import annotations

from sqlalchemy import select

from bot.domain import Role
from bot.messages import Incoming
from db.models import AuditEntry, BoundChat
from tests.fakes import bind_user, message, plan_from_expected, seed_plan
from tests.integration.summary.helpers import PLAN_112


def in_group(user: str, text: str) -> Incoming:
    return Incoming(
        channel="telegram", chat_id="-100500", user_id=user, chat_type="group", text=text
    )


async def say(core, incoming: Incoming) -> str:
    (reply,) = await core.handle(incoming)
    return reply.text


async def bound(core) -> list[tuple[str, int | None, bool]]:
    async with core.db.reading() as session:
        rows = await session.scalars(select(BoundChat).order_by(BoundChat.id))
        return [(row.purpose, row.unit_id, row.active) for row in rows]


async def test_admin_binds_the_committee_chat_then_a_unit_then_unbinds(core):
    await seed_plan(core.db, plan_from_expected(PLAN_112))
    await bind_user(core.db, core.clock.now(), role=Role.ADMIN, user_id="admin")
    assert "nhóm Thường trực" in await say(core, in_group("admin", "/bind"))
    assert await bound(core) == [("committee", None, True)]
    reply = await say(core, in_group("admin", "/bind donvi Công an huyện"))
    assert "Công an huyện" in reply
    [(purpose, unit_id, active)] = await bound(core)
    assert (purpose, active) == ("unit", True) and unit_id is not None
    assert "Không có đơn vị nào tên “Sở Ngoại giao”" in await say(
        core, in_group("admin", "/bind donvi Sở Ngoại giao")
    )
    assert "Đã gỡ nhóm này" in await say(core, in_group("admin", "/unbind"))
    assert [row[2] for row in await bound(core)] == [False]
    assert "chưa được gắn" in await say(core, in_group("admin", "/unbind"))
    async with core.db.reading() as session:
        actions = list(
            await session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "chat"))
        )
    assert actions == ["bind", "bind", "unbind"]


async def test_bind_needs_a_group_and_an_admin(core):
    await bind_user(core.db, core.clock.now(), role=Role.ADMIN, user_id="admin")
    await bind_user(core.db, core.clock.now(), role=Role.LEADER, user_id="leader")
    assert "dùng trong nhóm chat" in await say(core, message("admin", "/bind"))
    assert "không có quyền" in await say(core, in_group("leader", "/bind"))
    assert await bound(core) == []
