"""Extension requests: proposed in chat, decided once by a leader or admin."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from bot.domain import Role
from db.models import AuditEntry, ExtensionRequest
from tests.fakes import bind_user
from tests.support.world import UNIT_A, buttons, texts


def to_chat(outgoing, chat_id):
    return [message for message in outgoing if message.chat_id == chat_id]


async def request_for_task_2(world) -> list:
    await world.press("a", f"ext:{world.tasks['2']}:{world.units[UNIT_A]}")
    return await world.say("a", "30/9/2025, do chưa được bố trí kinh phí")


async def test_the_button_asks_for_a_date_then_every_leader_and_admin_is_asked(world):
    await bind_user(world.core.db, world.clock.now(), role=Role.LEADER, user_id="leader-zalo",
                    channel="zalo", name="Phó Bí thư")  # fmt: skip
    asked = await world.press("a", f"ext:{world.tasks['2']}:{world.units[UNIT_A]}")
    assert "30/06/2025" in texts(asked)  # the current deadline is shown
    out = await request_for_task_2(world)
    own = [m for m in out if m.chat_id is None]
    assert texts(own).startswith("Đã ghi nhận báo cáo nhiệm vụ 2: Đề nghị gia hạn")
    assert "Đề nghị gia hạn đến 30/09/2025 đã được gửi lãnh đạo xem xét." in texts(own)
    notified = {(m.channel, m.chat_id) for m in out if m.chat_id is not None}
    assert notified == {("telegram", "admin"), ("telegram", "leader"), ("zalo", "leader-zalo")}
    to_leader = to_chat(out, "leader")[0]
    assert "chưa được bố trí kinh phí" in to_leader.text and "30/09/2025" in to_leader.text
    async with world.core.db.reading() as session:
        request = await session.scalar(select(ExtensionRequest))
    assert buttons([to_leader]) == [f"extok:{request.id}", f"extno:{request.id}"]
    assert (request.proposed_due, request.state) == (date(2025, 9, 30), "pending")
    [report] = await world.reports()
    assert report.status == "extension" and request.report_id == report.id


async def test_approval_moves_the_deadline_and_tells_the_contact(world):
    await request_for_task_2(world)
    async with world.core.db.reading() as session:
        request = await session.scalar(select(ExtensionRequest))
    before = (await world.task("2")).updated_at
    world.clock.set(world.clock.now().replace(hour=3))
    decided = await world.press("leader", f"extok:{request.id}")
    mine = next(m for m in decided if m.chat_id is None)
    assert mine.edit and "30/06/2025 → 30/09/2025" in mine.text
    assert "thời hạn mới là <b>30/09/2025</b>" in texts(to_chat(decided, "a"))
    task = await world.task("2")
    assert task.due == date(2025, 9, 30) and task.updated_at > before
    async with world.core.db.reading() as session:
        actions = {(e.actor, e.action, e.entity) for e in await session.scalars(select(AuditEntry))}
    assert ("telegram:leader", "edit", "task") in actions
    assert ("telegram:leader", "approve", "extension") in actions
    again = await world.press("admin", f"extno:{request.id}")
    assert texts(again) == "Đề nghị gia hạn này đã được duyệt trước đó."
    assert (await world.task("2")).due == date(2025, 9, 30)


async def test_declining_keeps_the_deadline(world):
    await request_for_task_2(world)
    async with world.core.db.reading() as session:
        request = await session.scalar(select(ExtensionRequest))
    decided = await world.press("admin", f"extno:{request.id}")
    assert "không được chấp thuận" in texts(to_chat(decided, "a"))
    assert (await world.task("2")).due == date(2025, 6, 30)
    async with world.core.db.reading() as session:
        assert (await session.get(ExtensionRequest, request.id)).state == "declined"


async def test_a_date_before_the_deadline_is_asked_again(world):
    await world.press("a", f"ext:{world.tasks['2']}:{world.units[UNIT_A]}")
    refused = await world.say("a", "đến 15/6/2025")
    assert "phải sau thời hạn hiện tại (30/06/2025)" in texts(refused)
    assert "Chưa đọc được ngày" in texts(await world.say("a", "sớm nhất có thể"))
    ok = await world.say("a", "cuối tháng 7")
    assert "Đề nghị gia hạn đến 31/07/2025" in texts(ok)


async def test_a_report_asking_for_an_extension_with_a_date_opens_a_request(world):
    out = await world.say("a", "NV 2: vướng kinh phí, đề nghị gia hạn đến 30/9")
    assert "Đề nghị gia hạn đến 30/09/2025 đã được gửi" in texts(out)
    assert {m.chat_id for m in out if m.chat_id} == {"admin", "leader"}


async def test_a_report_asking_for_an_extension_without_a_date_asks_for_it(world):
    out = await world.say("a", "NV 2: xin gia hạn do thiếu kinh phí")
    assert "hãy gửi thời hạn đề nghị" in texts(out)
    assert [m for m in out if m.chat_id] == []
    follow = await world.say("a", "30/9/2025")
    assert texts(follow).startswith("Đã ghi nhận báo cáo nhiệm vụ 2: Đề nghị gia hạn")
    assert "Đề nghị gia hạn đến 30/09/2025 đã được gửi" in texts(follow)
    [report] = await world.reports()  # the date completed the same report
    assert report.proposed_due == date(2025, 9, 30)


async def test_a_newer_request_supersedes_the_pending_one(world):
    await request_for_task_2(world)
    await world.press("a", f"ext:{world.tasks['2']}:{world.units[UNIT_A]}")
    await world.say("a", "31/10/2025")
    async with world.core.db.reading() as session:
        first, second = list(
            await session.scalars(select(ExtensionRequest).order_by(ExtensionRequest.id))
        )
    assert (first.state, second.state) == ("superseded", "pending")
    stale = await world.press("leader", f"extok:{first.id}")
    assert "thay bằng một đề nghị mới" in texts(stale)
    assert (await world.task("2")).due == date(2025, 6, 30)
