"""The scheduler: the sweep runs at start-up and then every minute, one at a time."""

from __future__ import annotations

import asyncio

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED
from apscheduler.triggers.interval import IntervalTrigger

from bot.domain import Role
from scheduler.setup import start_scheduler
from tests.fakes import FakeChannel, bind_user
from tests.integration.reminders.helpers import make_core, seed_sample


async def test_the_sweep_runs_at_start_up_and_then_every_minute(sqlite_db, clock):
    await seed_sample(sqlite_db)
    await bind_user(
        sqlite_db, clock.now(), role=Role.CONTACT, user_id="501", unit="UBND các xã, thị trấn"
    )
    channel = FakeChannel()
    core = make_core(sqlite_db, clock, channel)
    finished = asyncio.Event()
    outcomes = []

    def listen(event) -> None:
        if event.job_id == "reminder-sweep":
            outcomes.append(event.code)
            finished.set()

    scheduler = start_scheduler(core.deps)
    try:
        scheduler.add_listener(listen, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
        job = scheduler.get_job("reminder-sweep")
        assert (
            isinstance(job.trigger, IntervalTrigger) and job.trigger.interval.total_seconds() == 60
        )
        assert (job.max_instances, job.coalesce) == (1, True)
        await asyncio.wait_for(finished.wait(), timeout=10)
    finally:
        scheduler.shutdown(wait=False)
    assert outcomes == [EVENT_JOB_EXECUTED]
    assert len(channel.texts_to("501")) == 1


async def test_obstacle_notices_run_every_30_seconds(sqlite_db, clock):
    scheduler = start_scheduler(make_core(sqlite_db, clock, FakeChannel()).deps)
    try:
        job = scheduler.get_job("obstacle-notices")
        assert isinstance(job.trigger, IntervalTrigger)
        assert job.trigger.interval.total_seconds() == 30
        assert (job.max_instances, job.coalesce) == (1, True)
    finally:
        scheduler.shutdown(wait=False)
