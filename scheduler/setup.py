"""The process's scheduler: APScheduler 3 on the running asyncio loop, jobs in memory (the DB is the state)."""

from __future__ import annotations

import asyncio

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.core import Core
from scheduler.jobs import add_cron_jobs

JOB_DEFAULTS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 300}


def start_scheduler(core: Core) -> AsyncIOScheduler:
    """Start every job of `scheduler/jobs/` on this loop; the caller shuts it down."""
    scheduler = AsyncIOScheduler(
        event_loop=asyncio.get_running_loop(), timezone=core.settings.tz, job_defaults=JOB_DEFAULTS
    )
    add_cron_jobs(scheduler, core)
    scheduler.start()
    return scheduler
