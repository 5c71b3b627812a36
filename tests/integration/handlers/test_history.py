"""Report histories in chat: /history of a unit in a period, and a task's whole history from /task."""

from __future__ import annotations

from tests.support.world import UNIT_A, UNIT_B, buttons, later, texts


async def report_over_months(world) -> None:
    """Unit A reports on task 2 in March, April and June; unit B on task 5 in April."""
    await world.say("a", "NV 2: đạt 20%")  # 24/3
    later(world.clock, days=20)
    await world.say("a", "NV 2: đạt 40%")  # 13/4
    await world.say("b", "NV 5: đạt 30%")
    later(world.clock, days=60)
    await world.say("a", "NV 2: đạt 80%, vướng <đường truyền>")  # 12/6


async def test_a_leader_reads_a_units_history_in_a_period(world):
    await report_over_months(world)
    text = texts(await world.say("leader", f"/history {UNIT_A} quý II"))
    assert f"<b>Lịch sử báo cáo: {UNIT_A}</b>" in text
    assert "Kỳ: quý II năm 2025 (từ 01/04/2025 đến 30/06/2025)" in text
    assert "2 lượt báo cáo" in text
    assert "12/06/2025 — <b>2</b>" in text and "13/04/2025 — <b>2</b>" in text
    assert text.index("12/06/2025") < text.index("13/04/2025")  # newest first
    assert "24/03/2025" not in text and "Công an" not in text
    assert "&lt;đường truyền&gt;" in text  # the unit's words are escaped
    everything = texts(await world.say("leader", f"/history {UNIT_A}"))
    assert "Toàn bộ thời gian" in everything and "3 lượt báo cáo" in everything


async def test_a_contact_sees_their_own_unit_only(world):
    await report_over_months(world)
    own = texts(await world.say("b", "/history tháng 4"))
    assert f"<b>Lịch sử báo cáo: {UNIT_B}</b>" in own and "<b>5</b>" in own
    refused = texts(await world.say("b", f"/history {UNIT_A}"))
    assert "chỉ xem được lịch sử báo cáo của đơn vị mình" in refused and "<b>2</b>" not in refused
    forged = await world.press("b", f"hist:{world.units[UNIT_A]}:-:0")
    assert "chỉ xem được" in texts(forged)


async def test_unknown_units_and_missing_names_are_explained(world):
    assert "Không tìm thấy đơn vị “Phòng Không Có”" in texts(
        await world.say("leader", "/history Phòng Không Có")
    )
    assert "/history TÊN ĐƠN VỊ" in texts(await world.say("leader", "/history"))


async def test_history_pages_and_the_task_card_pages_through_every_report(world):
    for percent in range(5, 100, 5):  # 19 reports, one a day
        await world.say("a", f"NV 2: đạt {percent}%")
        later(world.clock, days=1)
    task_2 = world.tasks["2"]
    first = await world.press("admin", f"thist:{task_2}:0")
    text = texts(first)
    assert "<b>Lịch sử báo cáo nhiệm vụ 2</b>" in text and "19 lượt báo cáo" in text
    assert "Trang 1/3" in text and "Đang thực hiện, 95%" in text and "90%" in text
    assert "Đang thực hiện, 5%" not in text
    assert buttons(first) == [f"thist:{task_2}:1", f"adm:show:{task_2}"]
    assert first[0].edit
    last = await world.press("admin", f"thist:{task_2}:2")
    assert "Trang 3/3" in texts(last) and "Đang thực hiện, 5%" in texts(last)
    assert buttons(last) == [f"thist:{task_2}:1", f"adm:show:{task_2}"]
    unit_pages = await world.press("leader", f"hist:{world.units[UNIT_A]}:-:1")
    assert "Trang 2/3" in texts(unit_pages)
    refused = texts(await world.press("leader", f"thist:{task_2}:0"))
    assert "không có quyền" in refused and "Lịch sử" not in refused
