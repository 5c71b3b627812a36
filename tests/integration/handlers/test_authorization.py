"""Every command and button × every role: exactly the right answer, and no data for the wrong people."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.services.progress import may_report
from bot.texts import t
from db.models import Task
from handlers import ROUTES
from tests.support.world import UNIT_A, UNIT_B, texts

FORBIDDEN = t("common.forbidden", "vi")
STRANGER = t("common.stranger", "vi")
NOT_YOURS = t("report.not_yours", "vi")
EXPIRED = t("common.expired_button", "vi")
ERROR = t("common.error", "vi")
HOW_TO_JOIN = "mã mời do Văn phòng cấp"
ROLES = ("admin", "leader", "a", "b", "x")  # x is a stranger


def table(world) -> list[tuple[str, dict[str, str]]]:
    """(what is sent, {role: a text the answer must contain})."""
    t2, ua, ub = world.tasks["2"], world.units[UNIT_A], world.units[UNIT_B]
    staff_only = {"a": FORBIDDEN, "b": FORBIDDEN, "x": STRANGER}
    admin_only = {**staff_only, "leader": FORBIDDEN}
    contacts_only = {"admin": FORBIDDEN, "leader": FORBIDDEN, "x": STRANGER}
    unit_a = "Nhiệm vụ của Phòng Văn hóa và Thông tin huyện"
    unit_b = "Nhiệm vụ của Công an huyện"
    return [
        ("/start", {"admin": "Chào Chánh Văn phòng", "leader": "Chào Bí thư", "a": "Chào Đầu mối A",
                    "b": "Chào Đầu mối B", "x": HOW_TO_JOIN}),
        ("/help", {"admin": "/invite", "leader": "/tasks", "a": "/report", "b": "/report", "x": HOW_TO_JOIN}),
        ("/tasks", {"admin": "Danh sách nhiệm vụ", "leader": "Danh sách nhiệm vụ", "a": unit_a, "b": unit_b,
                    "x": STRANGER}),
        ("/report", {**contacts_only, "a": "Chọn nhiệm vụ", "b": "Chọn nhiệm vụ"}),
        ("/cancel", {"admin": "Đã hủy", "leader": "Đã hủy", "a": "Đã hủy", "b": "Đã hủy", "x": STRANGER}),
        ("/task 2", {**admin_only, "admin": "<b>Nhiệm vụ 2</b>"}),
        ("/invite", {**admin_only, "admin": "Mã mời cho vai trò nào?"}),
        ("/nosuch", {"admin": "Không có lệnh /nosuch", "a": "Không có lệnh", "x": STRANGER}),
        (f"rep:{t2}:{ua}", {**contacts_only, "a": "Chọn tình trạng", "b": NOT_YOURS}),
        (f"rep:{t2}:{ub}", {**contacts_only, "a": NOT_YOURS, "b": NOT_YOURS}),
        ("rep:999:1", {**contacts_only, "a": NOT_YOURS, "b": NOT_YOURS}),
        ("rep:-1:x", {**contacts_only, "a": NOT_YOURS, "b": NOT_YOURS}),
        (f"rst:{t2}:p", {**contacts_only, "a": "Hãy gửi nội dung", "b": NOT_YOURS}),
        (f"rst:{t2}:e", {**contacts_only, "a": "Đề nghị gia hạn nhiệm vụ", "b": NOT_YOURS}),
        ("rst:x:q", {**contacts_only, "a": EXPIRED, "b": EXPIRED}),
        (f"ext:{t2}:{ua}", {**contacts_only, "a": "Đề nghị gia hạn nhiệm vụ", "b": NOT_YOURS}),
        (f"pick:zz:{t2}", {**contacts_only, "a": EXPIRED, "b": EXPIRED}),
        ("rpg:0", {**contacts_only, "a": "Chọn nhiệm vụ", "b": "Chọn nhiệm vụ"}),
        ("tpg:0", {"admin": "Danh sách", "leader": "Danh sách", "a": unit_a, "b": unit_b, "x": STRANGER}),
        ("extok:1", {**staff_only, "admin": "Không tìm thấy đề nghị", "leader": "Không tìm thấy đề nghị"}),
        ("extno:abc", {**staff_only, "admin": "Không tìm thấy đề nghị", "leader": "Không tìm thấy đề nghị"}),
        (f"adm:due:{t2}", {**admin_only, "admin": "Gửi thời hạn mới"}),
        ("adm:ok:zz", {**admin_only, "admin": EXPIRED}),
        ("adm:show:999", {**admin_only, "admin": "không còn tồn tại"}),
        ("inv:r:leader", {**admin_only, "admin": "Mã mời:"}),
        ("inv:u:99999", {**admin_only, "admin": EXPIRED}),
        ("imp:ok:zz", {**admin_only, "admin": EXPIRED}),
        ("nosuch:1", {"admin": EXPIRED, "a": EXPIRED, "x": EXPIRED}),
    ]  # fmt: skip


async def send(world, role: str, what: str):
    if what.startswith("/"):
        return await world.say(role, what)
    return await world.press(role, what)


async def titles_not_of(world, unit: str) -> list[str]:
    """The start of every task title the unit has no part in."""
    async with world.core.db.reading() as session:
        tasks = list(await session.scalars(select(Task)))
    hidden = []
    async with world.core.db.reading() as session:
        for task in tasks:
            if not await may_report(session, task.id, world.units[unit]):
                hidden.append(task.title[:40])
    return hidden


@pytest.mark.parametrize("role", ROLES)
async def test_each_role_gets_exactly_its_answers(world, role):
    wrong = []
    for what, expected in table(world):
        answer = texts(await send(world, role, what))
        if role in expected and expected[role] not in answer:
            wrong.append(f"{what}: expected “{expected[role]}”, got “{answer[:120]}”")
        if ERROR in answer:
            wrong.append(f"{what}: error answer")
    assert wrong == []
    assert await world.reports() == []  # buttons alone never store a report


@pytest.mark.parametrize("role", ["b", "x"])
async def test_no_command_or_button_shows_other_units_tasks(world, role):
    """Every registered command and prefix (other areas' too), with data naming A's task."""
    hidden = await titles_not_of(world, UNIT_B)
    assert len(hidden) == 8
    t2, ua = world.tasks["2"], world.units[UNIT_A]
    sent = [f"/{name}" for name in ROUTES.commands] + [f"/{name} 2" for name in ROUTES.commands]
    sent += [f"{prefix}:{t2}:{ua}" for prefix in ROUTES.callbacks] + [
        f"{prefix}:{t2}" for prefix in ROUTES.callbacks
    ]
    for what in sent:
        answer = texts(await send(world, role, what))
        assert ERROR not in answer, what
        leaked = [title for title in hidden if title in answer]
        assert leaked == [], f"{what} showed {leaked}"
        if role == "x" and what != "/start" and not what.startswith("/start "):
            assert answer in (STRANGER, EXPIRED) or HOW_TO_JOIN in answer, what
    assert await world.reports() == []
