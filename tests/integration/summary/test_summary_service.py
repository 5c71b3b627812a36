"""The summary of the sample plan at two moments, through the service."""

from __future__ import annotations

from datetime import date

from sqlalchemy import event

from bot.domain import Role
from bot.plandoc import PlanDocument, PlanHeader, TaskDraft
from bot.services.status import end_of_day
from bot.services.summary import build_summary, only_unit, summary_json
from bot.services.summary_text import render_pages
from bot.services.tasks import close_task, get_task, reopen_task
from bot.services.units import add_member, get_unit
from db.models import ReminderSlot
from tests.fakes import bind_user, plan_from_expected, seed_plan
from tests.integration.summary.helpers import (
    HANOI,
    PLAN_112,
    add_report,
    local,
    seed_sample_with_reports,
)


async def summary_at(db, day: date) -> dict:
    async with db.reading() as session:
        summary = await build_summary(session, end_of_day(day, HANOI), HANOI)
    return summary_json(summary, HANOI)


async def test_statuses_on_1_july_2025(db):
    await seed_sample_with_reports(db)
    data = await summary_at(db, date(2025, 7, 1))
    tasks = {t["code"]: t for t in data["tasks"]}
    assert tasks["1"]["status"] == "done_on_time"
    assert tasks["2"]["status"] == "overdue"
    assert tasks["2"]["days_overdue"] == 1
    assert tasks["2"]["last_report"]["percent"] == 50
    assert tasks["3"]["status"] == "in_progress"
    assert tasks["3"]["last_report"] is None
    assert tasks["6"]["status"] == "overdue"
    assert tasks["6"]["days_overdue"] == 16
    assert tasks["7"]["status"] == "in_progress"
    assert data["at"] == "2025-07-01T23:59:59+07:00"
    assert data["counts"] == {"done_on_time": 1, "done_late": 0, "in_progress": 6, "overdue": 2}


async def test_statuses_on_31_december_2025(db):
    await seed_sample_with_reports(db)
    data = await summary_at(db, date(2025, 12, 31))
    tasks = {t["code"]: t for t in data["tasks"]}
    assert tasks["3"]["status"] == "done_late"
    assert tasks["3"]["last_report"]["at"] == "2025-09-05T09:00:00+07:00"
    assert tasks["7"]["status"] == "overdue"
    assert tasks["7"]["days_overdue"] == 21
    assert tasks["1"]["status"] == "done_on_time"


async def test_reports_before_a_reopening_no_longer_complete_the_task(db, clock):
    await seed_sample_with_reports(db)
    async with db.transaction() as session:
        task = await get_task(session, "1")
        await reopen_task(session, task, "test", local(2025, 4, 2))
    data = await summary_at(db, date(2025, 4, 1))
    assert status_of(data, "1") == "done_on_time"  # as it stood before the reopening
    data = await summary_at(db, date(2025, 4, 5))
    assert status_of(data, "1") == "overdue"
    await add_report(db, "1", "UBND các xã, thị trấn", "Đã ban hành lại", local(2025, 4, 6), "done")
    data = await summary_at(db, date(2025, 4, 7))
    assert status_of(data, "1") == "done_late"


async def test_closing_by_the_office_completes_the_task_for_every_lead_unit(db):
    await seed_sample_with_reports(db)
    async with db.transaction() as session:
        await close_task(session, await get_task(session, "6"), "test", local(2025, 6, 10))
    data = await summary_at(db, date(2025, 7, 1))
    assert status_of(data, "6") == "done_on_time"


async def test_a_group_lead_counts_its_members(db):
    await seed_plan(db, plan_from_expected(PLAN_112))
    group = "UBND các xã, thị trấn"
    async with db.transaction() as session:
        for name in ("UBND xã Đông Hà", "UBND xã Đông Xá", "UBND thị trấn Đông Hưng"):
            await add_member(session, group, name, "test")
    await add_report(db, "1", "UBND xã Đông Hà", "Đã ban hành", local(2025, 3, 20), "done")
    await add_report(db, "1", "UBND xã Đông Xá", "Đang hoàn thiện dự thảo 80%", local(2025, 3, 25))
    async with db.reading() as session:
        summary = await build_summary(session, end_of_day(date(2025, 3, 28), HANOI), HANOI)
    (line,) = [t for t in summary.tasks if t.task.code == "1"]
    assert [u.unit for u in line.units] == [
        "UBND thị trấn Đông Hưng",
        "UBND xã Đông Hà",
        "UBND xã Đông Xá",
    ]
    assert {u.group for u in line.units} == {group}
    assert (line.reported_count, line.done_count, line.status.value) == (2, 1, "in_progress")
    assert line.last_report.percent == 80
    text = "\n".join(render_pages(summary, locale="vi", tz=HANOI, limit=4096))
    assert "2/3 đơn vị đã báo cáo, 1 hoàn thành" in text
    assert "Chưa báo cáo: UBND thị trấn Đông Hưng" in text
    async with db.reading() as session:
        later = await build_summary(session, end_of_day(date(2025, 4, 1), HANOI), HANOI)
    (line,) = [t for t in later.tasks if t.task.code == "1"]
    assert (line.status.value, line.days_overdue) == ("overdue", 1)
    one_member = only_unit(later, line.units[1].unit_id, HANOI)
    assert [t.status.value for t in one_member.tasks] == ["done_on_time"]


async def test_units_without_a_contact_for_a_reminder_are_listed_until_one_joins(db, clock):
    await seed_sample_with_reports(db)
    async with db.transaction() as session:
        task = await get_task(session, "5")
        police = await get_unit(session, "Công an huyện")
        slot = ReminderSlot(task_id=task.id, unit_id=police.id, kind="report_request",
                            occurrence="2025-06", fire_at=local(2025, 6, 20, 8), state="undeliverable")  # fmt: skip
        session.add(slot)
    async with db.reading() as session:
        summary = await build_summary(session, end_of_day(date(2025, 7, 1), HANOI), HANOI)
    assert summary.unreachable_units == ("Công an huyện",)
    await bind_user(db, clock.now(), role=Role.CONTACT, user_id="501", unit="Công an huyện")
    async with db.reading() as session:
        summary = await build_summary(session, end_of_day(date(2025, 7, 1), HANOI), HANOI)
    assert summary.unreachable_units == ()


async def test_the_number_of_queries_does_not_grow_with_tasks_units_or_reports(db):
    await seed_sample_with_reports(db)
    small = await count_summary_queries(db)
    await seed_plan(db, generated_plan(tasks=40, units=15))
    for n in range(1, 41):
        await add_report(db, f"G{n}", f"Phòng số {n % 15}", f"Đạt {n}%", local(2025, 5, 1 + n % 28))
    assert await count_summary_queries(db) == small


async def count_summary_queries(db) -> int:
    statements = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    try:
        async with db.reading() as session:
            summary = await build_summary(session, end_of_day(date(2025, 7, 1), HANOI), HANOI)
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", count)
    assert summary.tasks
    return len([s for s in statements if s.lstrip().upper().startswith("SELECT")])


def generated_plan(tasks: int, units: int) -> PlanDocument:
    drafts = [
        TaskDraft(code=f"G{n}", title=f"Nhiệm vụ {n}", lead_units=[f"Phòng số {n % units}"],
                  due=date(2025, 6, 1 + n % 28))
        for n in range(1, tasks + 1)
    ]  # fmt: skip
    return PlanDocument(
        plan=PlanHeader(number="9/KH-UBND", title="Kế hoạch sinh thêm"), tasks=drafts
    )


def status_of(data: dict, code: str) -> str:
    return next(t["status"] for t in data["tasks"] if t["code"] == code)
