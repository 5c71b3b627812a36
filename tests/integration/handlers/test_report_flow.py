"""/report step by step, and the reminder's "Báo cáo" button."""

from __future__ import annotations

from sqlalchemy import select

from bot.core import Core
from bot.domain import ReportStatus
from bot.services.tasks import close_task
from db.engine import Database
from db.models import AuditEntry, Task
from tests.support.world import UNIT_A, buttons, texts


async def test_report_step_by_step(world):
    start = await world.say("a", "/report")
    offered = buttons(start)
    task_2 = world.tasks["2"]
    unit_a = world.units[UNIT_A]
    assert f"rep:{task_2}:{unit_a}" in offered
    # only unit A's open tasks: it leads 2, 6, 7, III.1 and supports 1 and 3; never B's task 5
    assert {b.split(":")[1] for b in offered if b.startswith("rep:")} == {
        str(world.tasks[c]) for c in ("1", "2", "3", "6", "7", "III.1")
    }
    status = await world.press("a", f"rep:{task_2}:{unit_a}")
    assert f"rst:{task_2}:p" in buttons(status)
    ask = await world.press("a", f"rst:{task_2}:p")
    assert "nội dung báo cáo" in texts(ask)
    ack = await world.say("a", "Đã triển khai được 70%, đang hoàn thiện hồ sơ")
    assert texts(ack) == "Đã ghi nhận báo cáo nhiệm vụ 2: Đang thực hiện, 70%."
    [report] = await world.reports()
    assert (report.task_id, report.unit_id, report.percent, report.status) == (
        task_2,
        unit_a,
        70,
        "in_progress",
    )
    assert report.source == "chat" and report.entered_by == "telegram:a"
    # the next free message is not taken for the same task again
    assert "Đã ghi nhận" not in texts(await world.say("a", "cảm ơn"))


async def test_status_button_wins_over_the_words(world):
    task_6 = world.tasks["6"]
    await world.press("a", f"rep:{task_6}:{world.units[UNIT_A]}")
    await world.press("a", f"rst:{task_6}:d")
    ack = await world.say("a", "Đã gửi báo cáo bằng văn bản số 12/BC")
    assert texts(ack) == "Đã ghi nhận báo cáo nhiệm vụ 6: Hoàn thành, 100%."
    task = await world.task("6")
    assert task.updated_at == world.clock.now()


async def test_typing_right_after_choosing_the_task_reads_the_status(world):
    task_7 = world.tasks["7"]
    await world.press("a", f"rep:{task_7}:{world.units[UNIT_A]}")
    ack = await world.say("a", "vướng kinh phí, mới đạt 20%")
    assert texts(ack) == "Đã ghi nhận báo cáo nhiệm vụ 7: Gặp vướng mắc, 20%."


async def test_a_restart_mid_flow_loses_nothing(world, clock, settings):
    task_2 = world.tasks["2"]
    await world.press("a", f"rep:{task_2}:{world.units[UNIT_A]}")
    await world.press("a", f"rst:{task_2}:b")
    await world.core.db.dispose()  # the process stops; a new one opens the same file
    fresh = Database(f"sqlite:///{world.core.db.url.database}")
    world.core = Core(settings=settings, db=fresh, clock=clock, channels=world.core.channels)
    ack = await world.say("a", "Thiếu mặt bằng lắp đặt thiết bị")
    await fresh.dispose()
    assert texts(ack) == "Đã ghi nhận báo cáo nhiệm vụ 2: Gặp vướng mắc (không nêu tỉ lệ %)."


async def test_the_report_is_audited(world):
    task_2 = world.tasks["2"]
    await world.press("a", f"rep:{task_2}:{world.units[UNIT_A]}")
    await world.press("a", f"rst:{task_2}:p")
    await world.say("a", "đạt 40%")
    async with world.core.db.reading() as session:
        entry = await session.scalar(
            select(AuditEntry).where(AuditEntry.entity == "progress_report")
        )
    assert entry.actor == "telegram:a" and entry.details["percent"] == 40


async def test_cancel_ends_the_flow(world):
    task_2 = world.tasks["2"]
    await world.press("a", f"rep:{task_2}:{world.units[UNIT_A]}")
    assert texts(await world.say("a", "/cancel")) == "Đã hủy."
    await world.say("a", "đạt 40%")  # now a free message: asked which task, nothing stored
    assert await world.reports() == []


async def test_group_member_reports_for_itself_on_the_groups_task(world):
    task_1 = world.tasks["1"]
    offered = buttons(await world.say("xa", "/report"))
    member = world.units["UBND xã Đông Hà"]
    assert f"rep:{task_1}:{member}" in offered
    # a reminder addressed to the group carries the group's id: the member may still use it
    await world.press("xa", f"rep:{task_1}:{world.units['UBND các xã, thị trấn']}")
    await world.press("xa", f"rst:{task_1}:d")
    await world.say("xa", "Đã ban hành kế hoạch")
    [report] = await world.reports()
    assert report.unit_id == member and report.status == ReportStatus.DONE


async def test_no_open_tasks(world):
    async with world.core.db.transaction() as session:
        task = await session.get(Task, world.tasks["5"])
        await close_task(session, task, "test", world.clock.now())
    assert "không có nhiệm vụ nào" in texts(await world.say("b", "/report"))
