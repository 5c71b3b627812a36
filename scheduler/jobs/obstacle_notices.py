"""Obstacle notices, every 30 seconds (and at start-up): what units report as blocking goes up at once."""

from __future__ import annotations

import logging
from datetime import datetime

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.services.deps import Deps
from bot.services.obstacle_notices import announce_obstacles

logger = logging.getLogger(__name__)
EVERY_SECONDS = 30


def register(scheduler: BaseScheduler, deps: Deps) -> None:
    """Add the job: one at a time, missed runs coalesced into one."""

    async def send_obstacles() -> None:
        """Announce new obstacles; a failure is logged and the next run tries again."""
        try:
            sent = await announce_obstacles(deps)
        except Exception:
            logger.exception("obstacle notices failed")
            return
        if sent:
            logger.info("obstacle notices: %d sent", sent)

    scheduler.add_job(
        send_obstacles,
        IntervalTrigger(seconds=EVERY_SECONDS, timezone=deps.settings.tz),
        id="obstacle-notices",
        name="obstacle notices",
        max_instances=1,
        coalesce=True,
        next_run_time=datetime.now(deps.settings.tz),
        replace_existing=True,
    )
