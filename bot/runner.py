"""`dondoc run` in one event loop: the core, every configured channel, the scheduler, webhooks."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot import metrics
from bot.channels.failures import describe_channel_failure
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.core import Core
from bot.domain import Channel
from bot.health import Health
from bot.lease_keeper import LeaseKeeper
from bot.messages import ChannelPort, platform_of
from bot.services.bots import Bot, MissingToken, configured_bots, own_bots
from bot.services.reminders.settings import ReminderSettings
from bot.webserver import WebServer
from db.engine import Database
from db.migrate import upgrade
from scheduler.setup import start_scheduler, stop_scheduler

logger = logging.getLogger(__name__)


class Service(Protocol):
    """A chat platform's receiving side: it owns a channel port and starts/stops receiving."""

    name: str

    @property
    def channel(self) -> ChannelPort:
        """The port this service's answers and proactive messages go out through."""
        ...

    @property
    def receiving(self) -> bool:
        """Polling, or its webhook set (readiness)."""
        ...

    async def start(self) -> None:
        """Begin receiving updates (again after `pause`)."""
        ...

    async def pause(self) -> None:
        """Stop receiving for now (another process holds the bot's lease); sending goes on."""
        ...

    async def stop(self) -> None:
        """Stop receiving and release connections."""
        ...

    async def wait_handled(self, count: int, timeout: float = 30) -> None:
        """Wait until `count` updates have been handled in all (the demo's pacing)."""
        ...


class RunnerError(Exception):
    """The bot cannot start; the message says why, in Vietnamese."""


def channel_services(
    core: Core, web: WebServer, bots: Sequence[Bot] | None = None
) -> list[Service]:
    """One service per bot (by default the deployment's own), each with its own client, pacing
    and flood limits (each platform adds its line here); a bot's aliases send through its port."""
    services: list[Service] = []
    for bot in own_bots(core.settings) if bots is None else bots:
        if bot.platform == Channel.TELEGRAM:
            from bot.channels.telegram_service import TelegramService

            services.append(TelegramService(core, web, channel=bot.channel, token=bot.token))
        else:
            from bot.zalo_setup import build_zalo

            services.append(build_zalo(core, web, channel_name=bot.channel, token=bot.token))
        for alias in bot.aliases:
            core.channels[alias] = services[-1].channel
    return services


# The services to run; benchmarks pass their own (e.g. a Telegram service without throttling).
ServiceFactory = Callable[[Core, WebServer, Sequence[Bot]], list[Service]]


class Runner:
    """Builds the core and starts channels and scheduler; `stop()` undoes it in reverse."""

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Clock | None = None,
        scheduler: bool = True,
        services: ServiceFactory = channel_services,
        environ: Mapping[str, str] = os.environ,
    ):
        self.settings = settings
        self.environ = environ  # where the committees' bot tokens are read
        self.clock = clock or SystemClock()
        self.with_scheduler = scheduler
        self.build_services = services
        self.core: Core | None = None
        self.scheduler: AsyncIOScheduler | None = None
        self.web: WebServer | None = None
        self.health_web: WebServer | None = None
        self.services: list[Service] = []  # built, in order; receiving while their lease is held
        self.leases: LeaseKeeper | None = None
        self.missing_bots: list[MissingToken] = []  # committees' bots whose token is not at hand

    async def start(self) -> Core:
        """Migrate the database, connect the channels, start receiving; the core."""
        database = Database(self.settings.database_url)
        try:
            await upgrade(database)
        except BaseException:  # the CLI names the database problem
            await database.dispose()
            raise
        self.core = Core(settings=self.settings, db=database, clock=self.clock)
        try:
            plan = await configured_bots(database, self.settings, self.environ)
            self.missing_bots = plan.missing
            for missing in plan.missing:
                logger.warning("%s", missing.line(self.settings.locale))
            try:
                self.web = WebServer(self.settings.webhook_listen)
                await self._serve_health(self.web)
                self.services = self.build_services(self.core, self.web, plan.bots)
            except ValueError as error:
                raise RunnerError(str(error)) from None
            if not self.services:
                raise RunnerError(
                    "Chưa đặt TELEGRAM_BOT_TOKEN hoặc ZALO_BOT_TOKEN: không có kênh nào để chạy."
                )
            for service in self.services:
                self.core.channels[service.name] = service.channel
            if self.web.has_routes:
                await self.web.start()
            await self._receive(self.core)
            if self.with_scheduler:
                self.scheduler = start_scheduler(self.core.deps)  # scheduler/setup.py
        except BaseException:
            await self.stop()
            raise
        return self.core

    async def _serve_health(self, web: WebServer) -> None:
        """/healthz, /readyz, /metrics: beside the webhooks when they share an address, else on
        their own server; a port in use is logged, not fatal (reminders matter more)."""
        listen = self.settings.health_listen
        if listen.lower() == "off":
            return
        metrics.count_handler_errors("bot.core", "bot.channels")
        health = Health(self, ReminderSettings().sweep_seconds, self.clock.now())
        if listen == self.settings.webhook_listen:
            health.install(web)
            return
        self.health_web = listening = WebServer(listen, "DONDOC_HEALTH_LISTEN")
        health.install(listening)
        try:
            await listening.start()
        except OSError as error:
            logger.error("health server not started on %s: %s", listen, error.strerror)
            self.health_web = None
        else:
            logger.info("health and metrics on http://%s:%s", listening.host, listening.port)

    @property
    def health_address(self) -> tuple[str, int] | None:
        """Where /healthz, /readyz and /metrics are served (None: nowhere)."""
        server = self.health_web or (
            self.web if self.settings.health_listen == self.settings.webhook_listen else None
        )
        return (server.host, server.port) if server else None

    async def _receive(self, core: Core) -> None:
        """Receive the bots whose lease this process takes now, and keep renewing; a deployment
        bot that cannot start stops the start, a committee's is logged (the others run)."""
        self.leases = LeaseKeeper(
            core.db,
            self.clock,
            self.services,
            locale=self.settings.locale,
            held_bots=core.deps.held_bots,
            sends_reminders=self.with_scheduler,
        )
        failed = await self.leases.renew()
        for name, error in failed.items():
            line = describe_channel_failure(name, error, self.settings.locale)
            if name == platform_of(name):
                raise RunnerError(line)
            logger.error("%s", line)
        self.leases.begin()

    async def stop(self) -> None:
        """Stop the scheduler, the channels, the web server and the database, in that order."""
        if self.scheduler is not None:
            await stop_scheduler(self.scheduler)
            self.scheduler = None
        if self.leases is not None:
            await self.leases.stop()
            self.leases = None
        while self.services:
            service = self.services.pop()
            try:
                await service.stop()
            except Exception:
                logger.exception("stopping %s failed", service.name)
        for server in (self.web, self.health_web):
            if server is not None:
                await server.stop()
        if self.core is not None:
            await self.core.db.dispose()

    async def serve_until_signalled(self) -> None:
        """Run until SIGTERM or SIGINT, then shut down cleanly."""
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)
        core = await self.start()
        logger.info("dondoc is running; channels: %s", ", ".join(core.channels))
        try:
            await stop.wait()
        finally:
            logger.info("dondoc is stopping")
            await self.stop()
