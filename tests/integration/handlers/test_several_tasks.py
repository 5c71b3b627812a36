"""One message on several tasks: one report per task named, each checked and acknowledged."""

from __future__ import annotations

from sqlalchemy import select

from db.models import Obstacle
from tests.support.world import UNIT_A, texts


async def test_each_task_named_gets_its_report(world):
    answer = await world.say("a", "NV 2 xong; NV 6 đạt 70%, vướng kinh phí", message_id="m-1")
    by_task = {r.task_id: r for r in await world.reports()}
    assert set(by_task) == {world.tasks["2"], world.tasks["6"]}
    assert (by_task[world.tasks["2"]].status, by_task[world.tasks["2"]].percent) == ("done", 100)
    assert (by_task[world.tasks["6"]].status, by_task[world.tasks["6"]].percent) == ("blocked", 70)
    assert all(r.message_id == "m-1" and r.unit_id == world.units[UNIT_A] for r in by_task.values())
    said = texts(answer)
    assert "nhiệm vụ 2: Hoàn thành, 100%" in said
    assert "nhiệm vụ 6: Gặp vướng mắc, 70%" in said
    assert len(answer) == 2  # each acknowledged, each with its own "Sửa"
    async with world.core.db.reading() as session:
        [obstacle] = await session.scalars(select(Obstacle))
    assert obstacle.task_id == world.tasks["6"] and "kinh phí" in obstacle.text


async def test_the_same_message_twice_records_each_task_once(world):
    await world.say("a", "NV 2 xong; NV 6 đạt 70%", message_id="m-1")
    again = await world.say("a", "NV 2 xong; NV 6 đạt 70%", message_id="m-1")
    assert len(await world.reports()) == 2
    assert texts(again).count("đã được ghi nhận trước đó") == 2


async def test_a_task_of_another_unit_is_left_out_and_said(world):
    answer = await world.say("a", "NV 2 xong; NV 5 đạt 50%")  # 5 is Công an huyện's
    [report] = await world.reports()
    assert report.task_id == world.tasks["2"]
    assert "Không thấy nhiệm vụ 5" in texts(answer)


async def test_an_edit_updates_every_task_of_the_message(world):
    await world.say("a", "NV 2 đạt 50%; NV 6 đạt 70%", message_id="m-1")
    edited = await world.say("a", "NV 2 đạt 60%; NV 6 đạt 80%", message_id="m-1", edited=True)
    percents = {r.task_id: r.percent for r in await world.reports()}
    assert percents == {world.tasks["2"]: 60, world.tasks["6"]: 80}
    assert len(edited) == 2
