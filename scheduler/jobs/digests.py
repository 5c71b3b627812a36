"""The weekly and monthly digests: one check every day at 07:30, which sends what is due."""

from __future__ import annotations

import logging

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.services.deps import Deps
from bot.services.digests import DIGEST_TIME, digest_job

logger = logging.getLogger(__name__)


def register(scheduler: BaseScheduler, deps: Deps) -> None:
    """Add the daily digest check in the committee's time zone."""

    async def send_digests() -> None:
        """Send today's digests; a failure is logged and tomorrow's run carries on."""
        try:
            delivered = await digest_job(deps)
        except Exception:
            logger.exception("digest job failed")
            return
        if delivered:
            logger.info("digests delivered to %d chats", delivered)

    trigger = CronTrigger(
        hour=DIGEST_TIME.hour, minute=DIGEST_TIME.minute, timezone=deps.settings.tz
    )
    # An hour of grace: a bot restarted at 08:00 still sends the morning's digest.
    scheduler.add_job(send_digests, trigger, id="digests", name="weekly/monthly digests",
                      replace_existing=True, misfire_grace_time=3600)  # fmt: skip
