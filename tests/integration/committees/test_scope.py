"""The committee scope: every ORM query of a session sees only its committee's rows, new rows
join it, and work outside any scope sees the whole deployment."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete, func, select, update

from bot.services.bound_chats import ChatTaken, bind_chat, unbind_chat
from db.models import Assignment, BoundChat, Committee, Plan, ProgressReport, Task, Unit
from db.scope import Scope, acting_for

FIRST, SECOND = 1, 2


async def seed_two_committees(db) -> dict[int, dict[str, int]]:
    """Committee 2 beside the default one; each with a plan, a task, a unit and a report."""
    async with db.transaction() as session:
        session.add(Committee(name="Xã Hai", key="xã hai", calendar={}))
    ids = {}
    for committee in (FIRST, SECOND):
        with acting_for(Scope.of(committee)):
            async with db.transaction() as session:
                unit = Unit(key="phòng văn hóa", name="Phòng Văn hóa")
                plan = Plan(key="kh-1", title=f"Kế hoạch của {committee}", policy={})
                session.add_all([unit, plan])
                await session.flush()
                task = Task(
                    plan_id=plan.id, code="1", title=f"Việc của {committee}", due=date(2025, 3, 31)
                )
                session.add(task)
                await session.flush()
                session.add(Assignment(task_id=task.id, unit_id=unit.id, role="lead"))
                session.add(
                    ProgressReport(
                        task_id=task.id,
                        unit_id=unit.id,
                        percent=50,
                        status="in_progress",
                        text="50%",
                    )
                )
                ids[committee] = {"unit": unit.id, "plan": plan.id, "task": task.id}  # fmt: skip
    return ids


async def test_new_rows_join_the_committee_acted_for(db):
    ids = await seed_two_committees(db)
    async with db.reading() as session:
        owners = dict((await session.execute(select(Plan.id, Plan.committee_id))).all())
        units = dict((await session.execute(select(Unit.id, Unit.committee_id))).all())
    assert owners == {ids[FIRST]["plan"]: FIRST, ids[SECOND]["plan"]: SECOND}
    assert units == {ids[FIRST]["unit"]: FIRST, ids[SECOND]["unit"]: SECOND}


async def test_a_committee_reads_only_its_own_rows(db):
    ids = await seed_two_committees(db)
    with acting_for(Scope.of(SECOND)):
        async with db.reading() as session:
            titles = list(await session.scalars(select(Task.title)))
            reports = await session.scalar(select(func.count()).select_from(ProgressReport))
            joined = list(await session.scalars(select(Unit.name).join(Assignment).join(Task)))
            other_plan = await session.get(Plan, ids[FIRST]["plan"])
    assert titles == ["Việc của 2"]
    assert reports == 1
    assert joined == ["Phòng Văn hóa"]
    assert other_plan is None


async def test_a_committee_cannot_change_another_ones_rows(db):
    ids = await seed_two_committees(db)
    with acting_for(Scope.of(SECOND)):
        async with db.transaction() as session:
            await session.execute(update(Task).values(title="Đổi"))
            await session.execute(delete(ProgressReport))
    async with db.reading() as session:
        titles = dict((await session.execute(select(Task.id, Task.title))).all())
        reports = list(await session.scalars(select(ProgressReport.task_id)))
    assert titles == {ids[FIRST]["task"]: "Việc của 1", ids[SECOND]["task"]: "Đổi"}
    assert reports == [ids[FIRST]["task"]]


async def test_a_parent_scope_reads_its_children_and_writes_only_its_own(db):
    await seed_two_committees(db)
    with acting_for(Scope(own=FIRST, readable=(FIRST, SECOND))):
        async with db.transaction() as session:
            assert await session.scalar(select(func.count()).select_from(Task)) == 2
            session.add(Unit(key="ban tuyên giáo", name="Ban Tuyên giáo"))
    async with db.reading() as session:
        owner = await session.scalar(select(Unit.committee_id).where(Unit.key == "ban tuyên giáo"))
    assert owner == FIRST


async def test_outside_any_scope_the_whole_deployment_is_seen(db):
    await seed_two_committees(db)
    async with db.reading() as session:
        assert await session.scalar(select(func.count()).select_from(Task)) == 2


async def test_a_group_another_committee_uses_is_refused_until_it_lets_go(db):
    await seed_two_committees(db)
    with acting_for(Scope.of(FIRST)):
        async with db.transaction() as session:
            await bind_chat(session, "telegram", "-100", "admin 1")
    with acting_for(Scope.of(SECOND)), pytest.raises(ChatTaken):
        async with db.transaction() as session:
            await bind_chat(session, "telegram", "-100", "admin 2")
    with acting_for(Scope.of(FIRST)):
        async with db.transaction() as session:
            assert await unbind_chat(session, "telegram", "-100", "admin 1")
    with acting_for(Scope.of(SECOND)):
        async with db.transaction() as session:
            await bind_chat(session, "telegram", "-100", "admin 2")
    async with db.reading() as session:
        chat = await session.scalar(select(BoundChat))
    assert (chat.committee_id, chat.active) == (SECOND, True)
