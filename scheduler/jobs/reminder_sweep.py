"""The reminder sweep, every minute (and once at start-up, which is the catch-up after downtime)."""

from __future__ import annotations

import logging
from datetime import datetime

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.outage_log import OutageLog
from bot.services.deps import Deps
from bot.services.reminders.sweep import Sweeper
from db.unavailable import database_unavailable

logger = logging.getLogger(__name__)


def register(scheduler: BaseScheduler, deps: Deps) -> None:
    """Add the sweep: one at a time, missed runs coalesced into one."""
    sweeper = Sweeper(deps)
    outage = OutageLog(logger, "reminder sweep", database_unavailable)

    async def sweep_reminders() -> None:
        """Deliver what has come due; a failure is logged (an outage once) and the next minute tries again."""
        try:
            result = await sweeper.sweep()
        except Exception as error:
            outage.failed(error)
            return
        outage.succeeded()
        if result.claimed or result.skipped or result.revived:
            logger.info(
                "reminder sweep: claimed=%d sent=%d skipped=%d revived=%d",
                result.claimed,
                len(result.sent),
                result.skipped,
                result.revived,
            )

    scheduler.add_job(
        sweep_reminders,
        IntervalTrigger(seconds=sweeper.settings.sweep_seconds, timezone=deps.settings.tz),
        id="reminder-sweep",
        name="reminder sweep",
        max_instances=1,
        coalesce=True,
        # APScheduler runs on the wall clock; the sweep itself reads `deps.clock`.
        next_run_time=datetime.now(deps.settings.tz),
        replace_existing=True,
    )
