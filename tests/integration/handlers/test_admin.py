"""An admin corrects a task in chat (each change confirmed, audited) and issues invites."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from bot.domain import AssignmentRole
from bot.services.invites import hash_code
from bot.services.queries import unit_names
from bot.services.tasks import find_tasks
from db.models import AuditEntry, Invite
from tests.fakes import plan_from_expected, seed_plan
from tests.support.paths import SAMPLES
from tests.support.world import UNIT_A, buttons, texts


async def audit_of(world, action: str) -> list[AuditEntry]:
    async with world.core.db.reading() as session:
        return list(await session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


async def test_the_task_card(world):
    await world.say("a", "NV 2: đạt 70%")
    card = await world.say("admin", "/task 2")
    text = texts(card)
    assert "<b>Nhiệm vụ 2</b> — Kế hoạch 112/KH-UBND" in text
    assert "Chủ trì: Phòng Văn hóa và Thông tin huyện" in text
    assert "Phối hợp: Văn phòng HĐND và UBND huyện; Trung tâm Viễn thông Đông Hưng" in text
    assert "Thời hạn: 30/06/2025" in text and "Đang thực hiện, 70%" in text
    task_2 = world.tasks["2"]
    assert buttons(card) == [
        f"adm:due:{task_2}",
        f"adm:lead:{task_2}",
        f"adm:sup:{task_2}",
        f"adm:close:{task_2}",
        f"thist:{task_2}:0",
    ]
    assert "Không có nhiệm vụ mã “99”" in texts(await world.say("admin", "/task 99"))
    assert "/task" in texts(await world.say("admin", "/task"))


async def test_changing_the_deadline_is_confirmed_then_written_and_audited(world):
    task_2 = world.tasks["2"]
    await world.press("admin", f"adm:due:{task_2}")
    preview = await world.say("admin", "31/7/2025")
    assert "Thời hạn: 30/06/2025 → 31/07/2025" in texts(preview)
    assert (await world.task("2")).due == date(2025, 6, 30)  # nothing written before confirming
    ok = next(b for b in buttons(preview) if b.startswith("adm:ok:"))
    saved = await world.press("admin", ok)
    assert texts(saved) == "Đã lưu thay đổi nhiệm vụ 2." and saved[0].edit
    task = await world.task("2")
    assert task.due == date(2025, 7, 31) and task.updated_at == world.clock.now()
    [entry] = await audit_of(world, "edit")
    assert entry.actor == "telegram:admin" and entry.details["changes"]["due"] == [
        "2025-06-30",
        "2025-07-31",
    ]
    assert "hết hạn" in texts(await world.press("admin", ok))  # a confirmation is used once


async def test_cancelling_writes_nothing(world):
    await world.press("admin", f"adm:due:{world.tasks['2']}")
    preview = await world.say("admin", "31/7/2025")
    no = next(b for b in buttons(preview) if b.startswith("adm:no:"))
    assert texts(await world.press("admin", no)) == "Đã hủy."
    assert (await world.task("2")).due == date(2025, 6, 30)
    assert await audit_of(world, "edit") == []


async def test_a_bad_date_is_asked_again(world):
    await world.press("admin", f"adm:due:{world.tasks['2']}")
    assert "Chưa đọc được ngày" in texts(await world.say("admin", "sớm"))
    assert "→ 31/07/2025" in texts(await world.say("admin", "31/7/2025"))


async def test_changing_units_flags_new_ones(world):
    task_3 = world.tasks["3"]
    await world.press("admin", f"adm:sup:{task_3}")
    preview = await world.say("admin", "Phòng Văn hoá và Thông tin huyện; Phòng Tư pháp huyện")
    text = texts(preview)
    assert "Đơn vị phối hợp: Phòng Văn hóa và Thông tin huyện; UBND các xã, thị trấn →" in text
    assert "→ Phòng Văn hóa và Thông tin huyện; Phòng Tư pháp huyện (đơn vị mới)" in text
    await world.press("admin", next(b for b in buttons(preview) if b.startswith("adm:ok:")))
    async with world.core.db.reading() as session:
        [task] = await find_tasks(session, "3")
        support = unit_names(task, AssignmentRole.SUPPORT)
    assert support == ["Phòng Văn hóa và Thông tin huyện", "Phòng Tư pháp huyện"]
    await world.press("admin", f"adm:lead:{task_3}")
    assert "ít nhất một đơn vị chủ trì" in texts(await world.say("admin", "-"))


async def test_close_and_reopen(world):
    task_6 = world.tasks["6"]
    preview = await world.press("admin", f"adm:close:{task_6}")
    assert "Đóng nhiệm vụ" in texts(preview)
    assert (await world.task("6")).closed_at is None
    await world.press("admin", next(b for b in buttons(preview) if b.startswith("adm:ok:")))
    assert (await world.task("6")).closed_at == world.clock.now()
    card = await world.say("admin", "/task 6")
    assert f"adm:open:{task_6}" in buttons(card) and "Đã đóng ngày 24/03/2025" in texts(card)
    preview = await world.press("admin", f"adm:open:{task_6}")
    await world.press("admin", next(b for b in buttons(preview) if b.startswith("adm:ok:")))
    task = await world.task("6")
    assert task.closed_at is None and task.reopened_at == world.clock.now()
    assert [e.actor for e in await audit_of(world, "close")] == ["telegram:admin"]


async def test_a_code_in_several_plans_asks_which(world):
    await seed_plan(world.core.db, plan_from_expected(SAMPLES / "ke-hoach-730-khcn.expected.json"))
    answer = await world.say("admin", "/task III.1")
    assert len([b for b in buttons(answer) if b.startswith("adm:show:")]) == 2
    card = await world.press("admin", buttons(answer)[1])
    assert "<b>Nhiệm vụ III.1</b>" in texts(card)


async def test_invite_for_a_contact_of_a_unit(world):
    world.core.settings.telegram_bot_username = "dondoc_bot"
    roles = await world.say("admin", "/invite")
    assert buttons(roles) == ["inv:r:admin", "inv:r:leader", "inv:r:contact", "inv:r:observer"]
    units = await world.press("admin", "inv:r:contact")
    assert buttons(units)[-1] == "inv:p:1"  # more units than fit one page
    page_2 = await world.press("admin", "inv:p:1")
    assert "inv:p:0" in buttons(page_2)
    out = await world.press("admin", f"inv:u:{world.units[UNIT_A]}")
    async with world.core.db.reading() as session:
        invite = await session.scalar(
            select(Invite).where(Invite.unit_id == world.units[UNIT_A]).order_by(Invite.id.desc())
        )
    assert invite.created_by == "telegram:admin"
    code = re.search(r"<code>([a-z0-9]{10})</code>", texts(out)).group(1)
    assert invite.code_hash == hash_code(code)  # the database has the hash only
    assert f"https://t.me/dondoc_bot?start={code}" in texts(out)
    assert "Phòng Văn hóa và Thông tin huyện" in texts(await world.say("new", f"/start {code}"))


async def test_invite_for_a_leader_without_a_known_username(world):
    out = await world.press("admin", "inv:r:leader")
    assert "Vai trò: lãnh đạo" in texts(out) and "t.me" not in texts(out)
