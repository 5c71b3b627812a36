"""The process's scheduler: APScheduler 3 on the running asyncio loop, jobs in memory (the DB is the state)."""

from __future__ import annotations

import asyncio
import contextlib
from weakref import WeakKeyDictionary

from apscheduler.executors.asyncio import AsyncIOExecutor
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.services.deps import Deps
from scheduler.jobs import add_cron_jobs

JOB_DEFAULTS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 300}
STOP_GRACE_SECONDS = 20.0
_EXECUTORS: WeakKeyDictionary[AsyncIOScheduler, DrainingExecutor] = WeakKeyDictionary()


class DrainingExecutor(AsyncIOExecutor):
    """AsyncIOExecutor that lets running jobs finish before the process closes the database.

    Cancelling a job in the middle of a database call leaves aiosqlite's worker thread half
    closed and the process hanging on exit; a sweep is safe to let finish (its claims are leased).
    """

    async def finish(self, timeout: float) -> None:
        """Wait for running jobs; cancel those still running after `timeout` and let them unwind."""
        running = [future for future in self._pending_futures if not future.done()]
        if running:
            await asyncio.wait(running, timeout=timeout)
        for future in running:
            if not future.done():
                future.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await future


def start_scheduler(deps: Deps) -> AsyncIOScheduler:
    """Start every job of `scheduler/jobs/` on this loop; stop it with `stop_scheduler`."""
    executor = DrainingExecutor()
    scheduler = AsyncIOScheduler(
        event_loop=asyncio.get_running_loop(),
        timezone=deps.settings.tz,
        job_defaults=JOB_DEFAULTS,
        executors={"default": executor},
    )
    _EXECUTORS[scheduler] = executor
    add_cron_jobs(scheduler, deps)
    scheduler.start()
    return scheduler


async def stop_scheduler(scheduler: AsyncIOScheduler) -> None:
    """Stop scheduling and let running jobs finish before the database is closed under them."""
    scheduler.pause()
    await _EXECUTORS.pop(scheduler).finish(STOP_GRACE_SECONDS)
    scheduler.shutdown(wait=False)
