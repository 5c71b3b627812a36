"""Child committees' kept standings brought up to date just after midnight (a new day moves every
overdue count) and every 10 minutes, so that a leader's roll-up `/summary` almost never has one to
compute (computing all of a province's takes seconds, reading them does not). Kept standings
outlive a restart, so start-up has nothing to add."""

from __future__ import annotations

import logging

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.combining import OrTrigger
from apscheduler.triggers.cron import CronTrigger
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
    """Add the standings refresh: at 00:00:05 local time and every `REFRESH_MINUTES`."""
    tz = deps.settings.tz
    trigger = OrTrigger([
        IntervalTrigger(minutes=REFRESH_MINUTES, timezone=tz),
        CronTrigger(hour=0, minute=0, second=5, timezone=tz),
    ])  # fmt: skip
    scheduler.add_job(refresh_standings, trigger, args=[deps], id="standings",
                      name="committee standings refresh", max_instances=1, coalesce=True,
                      replace_existing=True)  # fmt: skip
