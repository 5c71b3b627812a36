"""The rolling pass: every open task replanned once a period, a share at a time when there are many."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from bot.plandoc import TaskDraft
from bot.services.reminders.rolling import RollingPass
from db.models import Task
from tests.integration.reminders.helpers import local, seed_tasks

START = local(date(2025, 3, 24))


async def seed_five(db) -> list[int]:
    drafts = [TaskDraft(code=str(n), title=f"Việc {n}", lead_units=["Phòng Nội vụ"],
                        due=date(2025, 6, 30)) for n in range(5)]  # fmt: skip
    await seed_tasks(db, *drafts)
    async with db.reading() as session:
        return list(await session.scalars(select(Task.id).order_by(Task.id)))


async def test_many_tasks_are_replanned_a_share_at_a_time_each_once_a_period(db):
    tasks = await seed_five(db)
    rolling = RollingPass(60, least=2)  # as a province's 120,000 against shares of 1,000
    seen: list[list[int]] = []
    moment = START
    async with db.reading() as session:
        assert rolling.due(moment)
        seen.append([t for t, _c in await rolling.next_share(session, moment)])
        for _ in range(4):
            assert not rolling.due(moment + timedelta(minutes=20))  # 5 × 20/60 < 2: not yet
            moment += timedelta(minutes=24)  # 5 × 24/60 = 2 tasks have come due
            assert rolling.due(moment)
            seen.append([t for t, _c in await rolling.next_share(session, moment)])
    assert seen == [tasks[0:2], tasks[2:4], [tasks[4], tasks[0]], tasks[1:3], [tasks[3], tasks[4]]]


async def test_a_few_tasks_are_replanned_all_at_once_each_period(db):
    tasks = await seed_five(db)
    rolling = RollingPass(60)
    async with db.reading() as session:
        assert [t for t, _c in await rolling.next_share(session, START)] == tasks
        assert not rolling.due(START + timedelta(minutes=59))
        assert rolling.due(START + timedelta(minutes=60))
        later = await rolling.next_share(session, START + timedelta(minutes=60))
    assert [t for t, _c in later] == tasks


def test_a_pass_with_no_open_task_comes_round_again_after_a_period():
    rolling = RollingPass(60)
    rolling.note(START, open_tasks=0)
    assert not rolling.due(START + timedelta(minutes=30))
    assert rolling.due(START + timedelta(minutes=60))  # tasks imported meanwhile get their horizon
