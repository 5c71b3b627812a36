"""Obstacles go up at once: the notice to the committee chat and leaders (once), the leader's
direction back to the unit, closing."""

from __future__ import annotations

from sqlalchemy import select

from bot.callbacks import AnswerObstacle, CloseObstacle
from bot.messages import TransientError
from bot.services.bound_chats import bind_chat
from bot.services.obstacle_notices import announce_obstacles
from bot.services.obstacles import open_obstacles
from db.models import AuditEntry, Obstacle, ObstacleSend
from tests.fakes import FakeChannel
from tests.support.world import UNIT_A, texts

COMMITTEE = "-100500"


async def blocked_report(world) -> Obstacle:
    await world.say("a", "NV 6 đạt 30%, vướng kinh phí thuê máy chủ")
    async with world.core.db.reading() as session:
        [obstacle] = await session.scalars(select(Obstacle))
    return obstacle


async def test_a_new_obstacle_reaches_the_committee_chat_and_leaders_once(world):
    async with world.core.db.transaction() as session:
        await bind_chat(session, "telegram", COMMITTEE, "test")
    obstacle = await blocked_report(world)
    assert await announce_obstacles(world.core.deps) == 2
    sent = {chat: message for chat, message, _id in world.channel.sent}
    assert set(sent) == {COMMITTEE, "leader"}
    notice = sent[COMMITTEE]
    assert "Khó khăn, vướng mắc cần chỉ đạo" in notice.text
    assert UNIT_A in notice.text and "<b>6</b>" in notice.text
    assert "vướng kinh phí thuê máy chủ" in notice.text
    assert [b.data for row in notice.buttons for b in row] == [
        AnswerObstacle(obstacle.id).pack(),
        CloseObstacle(obstacle.id).pack(),
    ]
    assert await announce_obstacles(world.core.deps) == 0  # sent from the ledger, once
    assert len(world.channel.sent) == 2


async def test_a_restart_half_way_sends_only_what_is_left(world):
    obstacle = await blocked_report(world)
    async with world.core.db.transaction() as session:  # sent to the leader before a crash
        session.add(ObstacleSend(obstacle_id=obstacle.id, channel="telegram", chat_id="leader",
                                 state="sent", created_at=world.clock.now()))  # fmt: skip
        await bind_chat(session, "telegram", COMMITTEE, "test")
    assert await announce_obstacles(world.core.deps) == 1
    assert [chat for chat, _message, _id in world.channel.sent] == [COMMITTEE]


async def test_the_leaders_direction_goes_to_the_unit_and_onto_the_task(world):
    obstacle = await blocked_report(world)
    asked = await world.press("leader", AnswerObstacle(obstacle.id).pack())
    assert "Nhập ý kiến chỉ đạo" in texts(asked)
    answer = await world.say("leader", "Đề nghị Phòng Tài chính bố trí kinh phí trong tháng 4")
    to_unit = [m for m in answer if m.chat_id == "a"]
    assert len(to_unit) == 1 and "Ý kiến chỉ đạo" in to_unit[0].text
    assert "bố trí kinh phí trong tháng 4" in to_unit[0].text
    assert "Đã gửi ý kiến chỉ đạo tới" in texts([m for m in answer if m.chat_id is None])
    async with world.core.db.reading() as session:
        stored = await session.get(Obstacle, obstacle.id)
        [entry] = await session.scalars(select(AuditEntry).where(AuditEntry.action == "direction"))
        [listed] = await open_obstacles(session)
    assert stored.direction.startswith("Đề nghị Phòng Tài chính")
    assert stored.directed_by == "telegram:leader"
    assert (entry.entity, entry.entity_id) == ("task", world.tasks["6"])
    assert listed.direction == stored.direction  # still open: shown with its direction


async def test_a_leader_closes_an_obstacle_and_only_staff_may(world):
    obstacle = await blocked_report(world)
    refused = await world.press("a", CloseObstacle(obstacle.id).pack())
    assert "không có quyền" in texts(refused)
    closed = await world.press("leader", CloseObstacle(obstacle.id).pack())
    assert "Đã đóng vướng mắc" in texts(closed)
    assert "đã được đóng trước đó" in texts(
        await world.press("leader", CloseObstacle(obstacle.id).pack())
    )
    async with world.core.db.reading() as session:
        assert await open_obstacles(session) == []


async def test_progress_past_an_obstacle_closes_it(world):
    await blocked_report(world)
    await world.say("a", "NV 6 đạt 60%, kinh phí đã được cấp")
    async with world.core.db.reading() as session:
        assert await open_obstacles(session) == []
    assert await announce_obstacles(world.core.deps) == 0  # closed before its notice: not sent


class FlakyChannel(FakeChannel):
    """Fails its first send with a passing error."""

    def __init__(self):
        super().__init__()
        self.failures = 1

    async def send(self, chat_id, message):
        if self.failures:
            self.failures -= 1
            raise TransientError("502")
        return await super().send(chat_id, message)


async def test_a_passing_failure_is_sent_on_the_next_run(world):
    await blocked_report(world)
    flaky = FlakyChannel()
    world.core.channels["telegram"] = flaky
    assert await announce_obstacles(world.core.deps) == 0
    assert await announce_obstacles(world.core.deps) == 1
    assert await announce_obstacles(world.core.deps) == 0
    assert [chat for chat, _message, _id in flaky.sent] == ["leader"]
