"""Kept standings: a roll-up reads them back in a fixed number of statements when nothing moved,
and recomputes a child whose reports, tasks or day moved (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import event, select

from bot.core import Core
from bot.services.progress import record_report
from bot.services.rollup import RollUp, build_rollup
from bot.services.standings import refresh_all_standings
from bot.services.status import end_of_day
from bot.services.tasks import close_task, get_task
from bot.services.units import get_unit
from db.engine import Database
from db.models import CommitteeStanding, Plan
from db.scope import Scope, acting_for
from scheduler.jobs.standings import refresh_standings
from scheduler.setup import start_scheduler
from tests.fakes import FakeChannel
from tests.integration.summary.test_rollup import AN, BINH, HANOI, PROVINCE, add_children, province


class Statements:
    """The SQL statements a block of work sends."""

    def __init__(self, db: Database) -> None:
        self.engine = db.engine.sync_engine
        self.sent: list[str] = []

    def __enter__(self) -> list[str]:
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self.sent

    def __exit__(self, *_exc) -> None:
        event.remove(self.engine, "before_cursor_execute", self._count)

    def _count(self, _conn, _cursor, statement: str, *_args) -> None:
        self.sent.append(statement)


async def rollup(db: Database, parent: int, at: datetime) -> RollUp:
    found = await build_rollup(db, parent, at, HANOI)
    assert found is not None
    return found


def child(found: RollUp, name: str):
    return next(line for line in found.children if line.name == name)


def writes(sent: list[str]) -> list[str]:
    return [s for s in sent if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


async def test_nothing_changed_reads_the_same_statements_at_10_and_100_children(db, clock):
    ids = await province(db, clock.now())
    await add_children(db, [f"Đảng ủy xã Số {n}" for n in range(8)])
    parent, at = ids[PROVINCE], clock.now()

    async def warm_statements() -> tuple[list[str], list[str]]:
        with Statements(db) as cold:
            await rollup(db, parent, at)
        with Statements(db) as warm:
            await rollup(db, parent, at)
        return list(cold), list(warm)

    cold, ten = await warm_statements()
    await add_children(db, [f"Đảng ủy phường Số {n}" for n in range(90)])
    _cold, hundred = await warm_statements()
    assert len((await rollup(db, parent, at)).children) == 100
    assert len(ten) == len(hundred)
    assert writes(cold) and not writes(ten) and not writes(hundred)
    assert len(ten) < len(cold)  # nothing recomputed: no summary read


async def test_a_childs_report_moves_its_standing_at_the_next_read(db, clock):
    ids = await province(db, clock.now())
    before = child(await rollup(db, ids[PROVINCE], clock.now()), AN)
    assert (before.reported_units, before.units_with_tasks) == (0, 2)
    with acting_for(Scope.of(ids[AN])):
        async with db.transaction() as session:
            await record_report(
                session,
                task=await get_task(session, "1"),
                unit=await get_unit(session, "Văn phòng Đảng ủy xã An Bình"),
                text="Đạt 50%, vướng kinh phí",
                entered_by="test",
                reported_at=clock.now(),
            )
    later = clock.now() + timedelta(minutes=5)
    with Statements(db) as sent:
        after = await rollup(db, ids[PROVINCE], later)
    assert (child(after, AN).reported_units, child(after, AN).obstacles) == (1, 1)
    assert child(after, BINH) == child(await rollup(db, ids[PROVINCE], clock.now()), BINH)
    assert len(writes(sent)) == 1  # the one child's standing, upserted


async def test_a_closed_task_moves_the_standing(db, clock):
    ids = await province(db, clock.now())
    assert child(await rollup(db, ids[PROVINCE], clock.now()), AN).overdue == 2
    with acting_for(Scope.of(ids[AN])):
        async with db.transaction() as session:
            await close_task(session, await get_task(session, "1"), "test", clock.now())
    an = child(await rollup(db, ids[PROVINCE], clock.now()), AN)
    assert (an.counts["done_late"], an.overdue) == (1, 1)


async def test_a_plan_edited_in_place_moves_the_standing(db, clock):
    ids = await province(db, clock.now())
    issued = lambda found: [i.plan is not None for i in child(found, BINH).implementations]  # noqa: E731
    assert issued(await rollup(db, ids[PROVINCE], clock.now())) == [False]
    with acting_for(Scope.of(ids[BINH])):
        async with db.transaction() as session:
            plan = await session.scalar(select(Plan))
            plan.implements = "210-KH/TU"  # its number, its policy: no count or id moves
    assert issued(await rollup(db, ids[PROVINCE], clock.now() + timedelta(minutes=1))) == [True]


async def test_the_turn_of_the_day_moves_the_standing(db, clock):
    ids = await province(db, clock.now())
    due_day = end_of_day(date(2025, 12, 31), HANOI)
    on_due_day = child(await rollup(db, ids[PROVINCE], due_day), BINH)
    assert on_due_day.counts["in_progress"] == 1 and on_due_day.overdue == 0
    next_day = child(await rollup(db, ids[PROVINCE], due_day + timedelta(seconds=1)), BINH)
    assert next_day.overdue == 1  # no row moved, the day did


async def test_the_scheduled_refresh_leaves_the_next_read_nothing_to_compute(db, clock):
    ids = await province(db, clock.now())
    assert await refresh_all_standings(db, clock.now(), HANOI) == 2
    async with db.reading() as session:
        kept = set(await session.scalars(select(CommitteeStanding.committee_id)))
    assert kept == {ids[AN], ids[BINH]}
    with Statements(db) as sent:
        await rollup(db, ids[PROVINCE], clock.now() + timedelta(minutes=1))
    assert not writes(sent)


async def test_the_job_runs_just_after_midnight_and_every_10_minutes(db, clock, settings):
    ids = await province(db, clock.now())
    deps = Core(settings=settings, db=db, clock=clock, channels={"telegram": FakeChannel()}).deps
    scheduler = start_scheduler(deps)
    try:
        job = scheduler.get_job("standings")
        every, midnight = job.trigger.triggers
        assert isinstance(every, IntervalTrigger) and every.interval.total_seconds() == 600
        evening = datetime(2025, 3, 24, 23, 55, tzinfo=HANOI)
        # the new day's overdue counts, before any leader asks
        assert midnight.get_next_fire_time(None, evening) == datetime(
            2025, 3, 25, 0, 0, 5, tzinfo=HANOI
        )
    finally:
        scheduler.shutdown(wait=False)
    clock.set(clock.now() + timedelta(days=3))
    await refresh_standings(deps)
    async with db.reading() as session:
        rows = list(await session.scalars(select(CommitteeStanding)))
    assert {(r.committee_id, r.computed_at, r.as_of_day) for r in rows} == {
        (ids[AN], clock.now(), date(2025, 3, 27)),
        (ids[BINH], clock.now(), date(2025, 3, 27)),
    }
