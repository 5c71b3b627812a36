"""Unit names typed in chat (/summary, /bind donvi, /task edits) go through the one resolver:
loose spellings resolve, several fits are asked with buttons, a new unit only on confirmation."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.domain import AssignmentRole
from bot.services.queries import unit_names
from bot.services.tasks import TaskChanges, edit_task, find_tasks
from bot.services.units import UnitNotFound, ensure_unit, get_unit
from db.models import BoundChat, Unit
from tests.support.world import UNIT_A, UNIT_B, buttons, texts

JUSTICE = ("Phòng Tư pháp huyện", "Phòng Tư pháp xã")  # "Phòng Tư pháp" fits both


async def add_units(world, *names: str) -> dict[str, int]:
    async with world.core.db.transaction() as session:
        return {name: (await ensure_unit(session, name, "test")).id for name in names}


async def unit_count(world) -> int:
    async with world.core.db.reading() as session:
        return await session.scalar(select(func.count(Unit.id)))


async def test_summary_of_a_unit_typed_without_diacritics(world):
    out = await world.say("leader", "/summary cong an huyen")
    assert f"Đơn vị: <b>{UNIT_B}</b>" in texts(out)


async def test_summary_asks_which_unit_when_several_fit(world):
    ids = await add_units(world, *JUSTICE)
    out = await world.say("leader", "/summary Phòng Tư pháp")
    assert texts(out) == "“Phòng Tư pháp” khớp với nhiều đơn vị. Chọn đơn vị:"
    assert buttons(out) == [f"sum:u{ids[JUSTICE[0]]}:1", f"sum:u{ids[JUSTICE[1]]}:1"]
    chosen = await world.press("leader", f"sum:u{ids[JUSTICE[1]]}:1")
    assert f"Đơn vị: <b>{JUSTICE[1]}</b>" in texts(chosen)


async def test_summary_offers_look_alikes_and_says_when_nothing_fits(world):
    out = await world.say("leader", "/summary Phòng Văn hóa huyện")
    assert texts(out).startswith("Không có đơn vị nào tên “Phòng Văn hóa huyện”. Có phải")
    assert buttons(out) == [f"sum:u{world.units[UNIT_A]}:1"]
    nothing = await world.say("leader", "/summary Sở Ngoại vụ")
    assert buttons(nothing) == [] and "Sở Ngoại vụ" in texts(nothing)


async def bound_unit(world, chat_id: str) -> int | None:
    async with world.core.db.reading() as session:
        chat = await session.scalar(select(BoundChat).where(BoundChat.chat_id == chat_id))
        return chat.unit_id if chat else None


async def test_bind_resolves_a_loose_name_and_asks_among_several(world):
    group = {"chat_id": "-200", "chat_type": "group"}
    out = await world.say("admin", "/bind donvi cong an huyen", **group)
    assert texts(out) == f"Đã gắn nhóm này với đơn vị <b>{UNIT_B}</b>."
    ids = await add_units(world, *JUSTICE)
    group = {"chat_id": "-300", "chat_type": "group"}
    asked = await world.say("admin", "/bind donvi Phòng Tư pháp", **group)
    assert buttons(asked) == [f"bdu:{ids[JUSTICE[0]]}", f"bdu:{ids[JUSTICE[1]]}"]
    assert await bound_unit(world, "-300") is None  # nothing bound before the choice
    done = await world.press("admin", f"bdu:{ids[JUSTICE[0]]}", **group)
    assert texts(done) == f"Đã gắn nhóm này với đơn vị <b>{JUSTICE[0]}</b>." and done[0].edit
    assert await bound_unit(world, "-300") == ids[JUSTICE[0]]
    missing = await world.say("admin", "/bind donvi Sở Ngoại vụ", **group)
    assert texts(missing) == "Không có đơn vị nào tên “Sở Ngoại vụ”."


async def lead_units(world, code: str) -> list[str]:
    async with world.core.db.reading() as session:
        [task] = await find_tasks(session, code)
        return unit_names(task, AssignmentRole.LEAD)


async def test_task_edit_asks_which_unit_then_previews_canonical_names(world):
    ids = await add_units(world, *JUSTICE)
    await world.press("admin", f"adm:lead:{world.tasks['5']}")
    asked = await world.say("admin", "cong an huyen; Phòng Tư pháp")
    assert texts(asked) == "“Phòng Tư pháp” khớp với nhiều đơn vị. Chọn đơn vị:"
    picks = buttons(asked)
    assert [p.rsplit(":", 1)[1] for p in picks] == [
        str(ids[JUSTICE[0]]),
        str(ids[JUSTICE[1]]),
        "new",
    ]
    preview = await world.press("admin", picks[0])
    assert f"→ {UNIT_B}; {JUSTICE[0]}" in texts(preview) and "đơn vị mới" not in texts(preview)
    ok = next(b for b in preview[0].buttons[0])
    assert ok.label == "Xác nhận"
    before = await unit_count(world)
    await world.press("admin", ok.data)
    assert await lead_units(world, "5") == [UNIT_B, JUSTICE[0]]
    assert await unit_count(world) == before
    assert "hết hạn" in texts(await world.press("admin", picks[1]))  # the question is over


async def test_a_look_alike_is_offered_and_a_new_unit_needs_its_own_confirmation(world):
    await world.press("admin", f"adm:lead:{world.tasks['5']}")
    asked = await world.say("admin", "Phòng Văn hóa huyện")
    assert texts(asked).startswith("Không có đơn vị nào tên “Phòng Văn hóa huyện”. Có phải")
    labels = [b.label for message in asked for row in message.buttons for b in row]
    assert labels == [UNIT_A, "Tạo đơn vị mới “Phòng Văn hóa huyện”"]
    new = next(b for b in buttons(asked) if b.endswith(":new"))
    preview = await world.press("admin", new)
    assert "→ Phòng Văn hóa huyện (đơn vị mới)" in texts(preview)
    ok = preview[0].buttons[0][0]
    assert ok.label == "Xác nhận, tạo đơn vị mới"
    before = await unit_count(world)
    await world.press("admin", ok.data)
    assert await lead_units(world, "5") == ["Phòng Văn hóa huyện"]
    assert await unit_count(world) == before + 1


async def test_a_name_like_no_unit_is_flagged_new_and_cancel_creates_nothing(world):
    await world.press("admin", f"adm:sup:{world.tasks['5']}")
    preview = await world.say("admin", "Ban Chỉ đạo Chuyển đổi số")
    assert "→ Ban Chỉ đạo Chuyển đổi số (đơn vị mới)" in texts(preview)
    assert preview[0].buttons[0][0].label == "Xác nhận, tạo đơn vị mới"
    before = await unit_count(world)
    await world.press("admin", preview[0].buttons[0][1].data)
    assert await unit_count(world) == before


async def test_the_task_service_creates_no_unit_unless_asked(world):
    async with world.core.db.transaction() as session:
        [task] = await find_tasks(session, "5")
        with pytest.raises(UnitNotFound):
            await edit_task(session, task, TaskChanges(lead_units=["Phòng Ngoại vụ"]), "test")
    async with world.core.db.transaction() as session:
        [task] = await find_tasks(session, "5")
        changes = TaskChanges(lead_units=["Phòng Ngoại vụ"], new_units=True)
        await edit_task(session, task, changes, "test")
        assert (await get_unit(session, "Phòng Ngoại vụ")).name == "Phòng Ngoại vụ"
