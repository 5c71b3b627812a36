"""Scheduled jobs: every module here defines `register(scheduler, deps)` and is picked up automatically.

To add a job (a weekly digest, say), add a module with
`def register(scheduler: AsyncIOScheduler, deps: Deps) -> None` that calls `scheduler.add_job(...)`
with a `CronTrigger(..., timezone=deps.settings.tz)`; keep the job's state in the database.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from apscheduler.schedulers.base import BaseScheduler

    from bot.services.deps import Deps


def add_cron_jobs(scheduler: BaseScheduler, deps: Deps) -> None:
    """Let each job module of this package add its jobs."""
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        importlib.import_module(f"{__name__}.{module_info.name}").register(scheduler, deps)
