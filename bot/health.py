"""`/healthz`, `/readyz` and `/metrics` of `dondoc run`, on DONDOC_HEALTH_LISTEN."""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import text

from bot import metrics
from bot.texts import t
from db.failures import classify

if TYPE_CHECKING:
    from bot.runner import Runner
    from bot.webserver import WebServer
    from db.engine import Database

logger = logging.getLogger(__name__)
DATABASE_TIMEOUT = 5.0


@dataclass(frozen=True)
class Check:
    """One readiness check: whether it passes, and in words why (not)."""

    ok: bool
    detail: str


async def database_check(database: Database, database_url: str, locale: str) -> Check:
    """Whether the database answers `SELECT 1` within a few seconds (and if not, why)."""
    try:
        async with asyncio.timeout(DATABASE_TIMEOUT), database.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as error:
        problem = classify(error, database_url)
        reason = t(problem.key, locale, **problem.values) if problem else type(error).__name__
        return Check(False, t("health.database_down", locale, reason=reason))
    return Check(True, t("health.ok", locale))


class Health:
    """Answers for the runner: the process lives; it is ready; its metrics."""

    def __init__(self, runner: Runner, sweep_seconds: int, started_at: datetime):
        self.runner = runner
        self.sweep_seconds = sweep_seconds
        self.started_at = started_at

    @property
    def locale(self) -> str:
        return self.runner.settings.locale

    async def _database(self) -> Check:
        core = self.runner.core
        if core is None:
            return Check(False, t("health.starting", self.locale))
        return await database_check(core.db, self.runner.settings.database_url, self.locale)

    def _sweep(self, now: datetime) -> Check:
        core = self.runner.core
        if core is None:
            return Check(False, t("health.starting", self.locale))
        # Before the first sweep, the time since start counts.
        last = max(metrics.SWEPT_AT.get(core.db, self.started_at), self.started_at)
        age = (now - last).total_seconds()
        if age > 2 * self.sweep_seconds:
            detail = t(
                "health.sweep_late", self.locale, seconds=int(age), interval=self.sweep_seconds
            )
            return Check(False, detail)
        return Check(True, t("health.ok", self.locale))

    async def readiness(self) -> dict[str, Check]:
        """Every check by name: database, each channel, the sweep (when this process sweeps)."""
        checks = {"database": await self._database()}
        leases = self.runner.leases
        for service in self.runner.services:
            if leases is not None and service.name not in leases.held:
                checks[service.name] = Check(True, t("health.channel_elsewhere", self.locale))
                continue
            receiving = service.receiving
            checks[service.name] = Check(
                receiving, t("health.ok" if receiving else "health.channel_down", self.locale)
            )
        if not self.runner.services:
            checks["channels"] = Check(False, t("health.starting", self.locale))
        for missing in self.runner.missing_bots:
            # Reported, not failed: the other committees' bots run.
            detail = missing.line(self.locale, "health.bot_missing")
            checks[f"bot {missing.variable}"] = Check(True, detail)
        if self.runner.with_scheduler:
            checks["sweep"] = self._sweep(self.runner.clock.now())
        return checks

    async def healthz(self, _request: web.Request) -> web.Response:
        """The process lives and its loop answers."""
        return web.Response(text="ok\n")

    async def readyz(self, _request: web.Request) -> web.Response:
        """200 when every check passes, else 503; JSON with each check's reason."""
        checks = await self.readiness()
        body = readiness_json(checks)
        return web.Response(
            text=json.dumps(body, ensure_ascii=False) + "\n",
            status=200 if body["ready"] else 503,
            content_type="application/json",
        )

    async def metrics(self, _request: web.Request) -> web.Response:
        """Prometheus text format."""
        core = self.runner.core
        if core is None:
            return web.Response(status=503)
        payload = await metrics.render(core.db, core.clock.now())
        return web.Response(body=payload, headers={"Content-Type": CONTENT_TYPE_LATEST})

    def install(self, server: WebServer) -> None:
        """Serve the three routes on `server`."""
        server.add_get("/healthz", self.healthz)
        server.add_get("/readyz", self.readyz)
        server.add_get("/metrics", self.metrics)


def readiness_json(checks: dict[str, Check]) -> dict[str, object]:
    """`{"ready": bool, "checks": {name: {"ok", "detail"}}}` (the body of /readyz, `status --json`)."""
    return {
        "ready": all(check.ok for check in checks.values()),
        "checks": {name: {"ok": c.ok, "detail": c.detail} for name, c in checks.items()},
    }
