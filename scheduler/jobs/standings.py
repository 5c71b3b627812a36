"""Every 10 minutes, child committees' kept standings brought up to date, so that a leader's
roll-up `/summary` rarely has one to recompute."""

from __future__ import annotations

import logging

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.services.deps import Deps
from bot.services.standings import refresh_all_standings

logger = logging.getLogger(__name__)

REFRESH_MINUTES = 10


async def refresh_standings(deps: Deps) -> None:
    """Recompute the standings whose inputs moved; a failure is logged, the next run retries."""
    try:
        await refresh_all_standings(deps.db, deps.clock.now(), deps.settings.tz)
    except Exception:
        logger.exception("standings refresh failed")


def register(scheduler: BaseScheduler, deps: Deps) -> None:
    """Add the standings refresh, every `REFRESH_MINUTES`."""
    scheduler.add_job(refresh_standings, IntervalTrigger(minutes=REFRESH_MINUTES), args=[deps],
                      id="standings", name="committee standings refresh",
                      replace_existing=True)  # fmt: skip
