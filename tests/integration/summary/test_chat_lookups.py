"""What the chat's /history, /task history and /summary <plan number> read, on SQLite and PostgreSQL."""

from __future__ import annotations

from bot.services.exports.history import load_history
from bot.services.exports.period import load_period_report
from bot.services.period_words import parse_cli_period
from bot.services.tasks import get_task, plan_with_number
from bot.services.units import get_unit
from tests.integration.summary.helpers import HANOI, add_report, local, seed_sample_with_reports

VH_TT = "Phòng Văn hóa và Thông tin huyện"


async def test_history_of_one_unit_or_one_task(db):
    await seed_sample_with_reports(db)
    await add_report(db, "2", VH_TT, "Đạt 80%", local(2025, 6, 20))
    await add_report(db, "7", VH_TT, "Đã xây dựng đề cương", local(2025, 6, 25))
    async with db.reading() as session:
        unit = await get_unit(session, VH_TT)
        task = await get_task(session, "2")
        at = local(2025, 7, 1)
        mine = await load_history(session, at, unit_id=unit.id)
        of_task = await load_history(session, at, task_id=task.id)
        june_end = await load_history(session, at, since=local(2025, 6, 21), unit_id=unit.id)
    assert [(row.code, row.text) for row in mine] == [
        ("2", "Đang thực hiện 50%"), ("2", "Đạt 80%"), ("7", "Đã xây dựng đề cương"),
    ]  # fmt: skip
    assert [row.text for row in of_task] == ["Đang thực hiện 50%", "Đạt 80%"]
    assert [row.code for row in june_end] == ["7"]


async def test_a_plan_is_found_by_its_number_as_people_type_it(db):
    plan_id = await seed_sample_with_reports(db)
    async with db.reading() as session:
        for typed in ("112/KH-UBND", "112/kh-ubnd", "112 / KH-UBND"):
            assert (await plan_with_number(session, typed)).id == plan_id, typed
        assert await plan_with_number(session, "15-KH/HU") is None


async def test_a_period_counted_for_the_chat_agrees_with_the_quoted_report(db):
    plan_id = await seed_sample_with_reports(db)
    await add_report(db, "2", VH_TT, "Đạt 80%", local(2025, 6, 30, 23, 59))
    await add_report(db, "7", VH_TT, "Đề cương", local(2025, 7, 1, 0, 1))  # the next quarter
    async with db.reading() as session:
        for plan in (None, plan_id, plan_id + 1):
            args = (session, parse_cli_period("2025-Q2"), local(2025, 7, 2), HANOI, plan)
            quoted = await load_period_report(*args)
            counted = await load_period_report(*args, quotes=False)
            assert counted.received == quoted.received == len(quoted.reports), plan
            assert not counted.reports and counted.completed == quoted.completed
    assert quoted.received == 0 and counted.received == 0  # plan_id + 1 does not exist
    async with db.reading() as session:
        whole = await load_period_report(session, parse_cli_period("2025-Q2"), local(2025, 7, 2),
                                         HANOI, None, quotes=False)  # fmt: skip
    assert whole.received == 2  # 1/6 and 30/6 23:59
