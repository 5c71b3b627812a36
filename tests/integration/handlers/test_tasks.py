"""/tasks: a contact's unit's tasks with their standing; everything for staff, paged."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.fakes import plan_from_expected, seed_plan
from tests.support.paths import SAMPLES
from tests.support.world import UNIT_A, buttons, texts


async def test_a_contact_sees_their_units_tasks_only(world):
    listing = texts(await world.say("b", "/tasks"))
    assert "Nhiệm vụ của Công an huyện</b> (1 nhiệm vụ)" in listing
    assert "<b>5</b>. Rà soát, cập nhật, làm sạch dữ liệu dân cư" in listing
    assert "Định kỳ: hằng tháng" in listing
    assert "Xây dựng, ban hành Kế hoạch chuyển đổi số" not in listing


async def test_a_group_member_sees_the_groups_tasks(world):
    listing = texts(await world.say("xa", "/tasks"))
    for code in ("1", "3", "5"):
        assert f"<b>{code}</b>." in listing
    assert "<b>2</b>." not in listing


async def test_deadline_overdue_days_and_latest_report(world):
    await world.remind("2", UNIT_A, "a")
    await world.say("a", "NV 2: đạt 70%")
    world.clock.set(datetime(2025, 7, 3, 1, 0, tzinfo=UTC))
    listing = texts(await world.say("a", "/tasks"))
    line = next(part for part in listing.split("\n\n") if part.startswith("<b>2</b>"))
    assert "Hạn: 30/06/2025 · Quá hạn 3 ngày" in line
    assert "Báo cáo gần nhất 24/03: Đang thực hiện, 70%" in line


async def test_a_completed_task_says_so(world):
    await world.say("a", "NV 6: đã hoàn thành")
    line = next(
        p for p in texts(await world.say("a", "/tasks")).split("\n\n") if p.startswith("<b>6</b>")
    )
    assert "Đã hoàn thành đúng hạn" in line


async def test_staff_see_every_task_in_pages(world):
    first = await world.say("leader", "/tasks")
    assert "<b>Danh sách nhiệm vụ</b> (9 nhiệm vụ)" in texts(first)
    assert "Trang 1/1" not in texts(first) and buttons(first) == []
    admin = texts(await world.say("admin", "/tasks"))
    assert "<b>5</b>." in admin and "<b>III.2</b>." in admin


async def test_long_lists_are_paged_with_plan_headings(world):
    await seed_plan(world.core.db, plan_from_expected(SAMPLES / "ke-hoach-730-khcn.expected.json"))
    first = await world.say("leader", "/tasks")
    assert "(18 nhiệm vụ)" in texts(first) and "Trang 1/2" in texts(first)
    assert "<i>Kế hoạch số 112/KH-UBND</i>" in texts(first)
    assert buttons(first) == ["tpg:1"]
    second = await world.press("leader", "tpg:1")
    assert "Trang 2/2" in texts(second) and second[0].edit and buttons(second) == ["tpg:0"]
    assert "<i>Kế hoạch thực hiện Thông báo số 730" in texts(second)
    assert "Trang 2/2" in texts(await world.press("leader", "tpg:99"))  # clamped
