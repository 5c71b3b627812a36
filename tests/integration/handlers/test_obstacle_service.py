"""Obstacles and corrections on both databases: opened with reports, passed by progress, as of a moment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.domain import ReportStatus
from bot.services.corrections import TooLate, correct_report
from bot.services.obstacles import close_obstacle, open_obstacles
from bot.services.progress import record_report
from bot.services.tasks import get_task
from bot.services.units import get_unit
from db.models import Obstacle, ProgressReport
from tests.fakes import plan_from_expected, seed_plan
from tests.support.world import PLAN_112, UNIT_A

NOW = datetime(2025, 3, 24, 1, 0, tzinfo=UTC)


@pytest.fixture
async def seeded(db):
    await seed_plan(db, plan_from_expected(PLAN_112))
    return db


async def report(db, text: str, at: datetime, code: str = "6"):
    async with db.transaction() as session:
        return await record_report(
            session, task=await get_task(session, code), unit=await get_unit(session, UNIT_A),
            text=text, entered_by="test", reported_at=at,
        )  # fmt: skip


async def test_an_obstacle_is_open_from_its_report_until_progress_passes_it(seeded):
    await report(seeded, "Đạt 30%, vướng kinh phí", NOW)
    await report(seeded, "Đạt 50%", NOW + timedelta(days=3))
    async with seeded.reading() as session:
        before = await open_obstacles(session, at=NOW + timedelta(days=1))
        after = await open_obstacles(session, at=NOW + timedelta(days=4))
        now = await open_obstacles(session)
    assert [(o.task, o.unit, o.text) for o in before] == [("6", UNIT_A, "vướng kinh phí")]
    assert after == now == []


async def test_a_blocked_status_without_words_keeps_the_whole_text(seeded):
    async with seeded.transaction() as session:
        await record_report(
            session, task=await get_task(session, "2"), unit=await get_unit(session, UNIT_A),
            text="Chờ Sở duyệt", entered_by="test", reported_at=NOW,
            status_override=ReportStatus.BLOCKED,
        )  # fmt: skip
    async with seeded.reading() as session:
        [obstacle] = await open_obstacles(session)
    assert (obstacle.task, obstacle.text) == ("2", "Chờ Sở duyệt")


async def test_a_correction_moves_the_obstacle_and_closes_after_48_hours(seeded):
    recorded = await report(seeded, "Đạt 30%", NOW)
    async with seeded.transaction() as session:
        stored = await session.get(ProgressReport, recorded.report.id)
        await correct_report(session, stored, status=ReportStatus.BLOCKED, actor="t", now=NOW)
    async with seeded.transaction() as session:
        [obstacle] = await open_obstacles(session)
        assert obstacle.text == "Đạt 30%"
        stored = await session.get(ProgressReport, recorded.report.id)
        await correct_report(
            session, stored, status=ReportStatus.IN_PROGRESS, percent=40, actor="t", now=NOW
        )
    async with seeded.transaction() as session:
        assert await open_obstacles(session) == []
        stored = await session.get(ProgressReport, recorded.report.id)
        assert (stored.status, stored.percent) == ("in_progress", 40)
        with pytest.raises(TooLate):
            await correct_report(
                session, stored, status=ReportStatus.DONE, actor="t", now=NOW + timedelta(hours=49)
            )


async def test_a_leader_closes_an_obstacle_once(seeded):
    await report(seeded, "Đạt 30%, vướng kinh phí", NOW)
    async with seeded.transaction() as session:
        obstacle = await session.scalar(select(Obstacle))
        assert await close_obstacle(session, obstacle, actor="leader", now=NOW)
        assert not await close_obstacle(session, obstacle, actor="leader", now=NOW)
    async with seeded.reading() as session:
        assert await open_obstacles(session) == []
