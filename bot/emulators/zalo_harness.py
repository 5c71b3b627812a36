"""A running Zalo bot for tests and benches: a core on a real database, the real adapter against the emulator."""

from __future__ import annotations

import socket
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from bot.channels.zalo import Backoff
from bot.clock import Clock
from bot.config import Settings
from bot.core import Core
from bot.emulators.zalo import ZaloEmulator
from bot.webserver import WebServer
from bot.zalo_setup import build_zalo
from db.engine import Database

TOKEN = "12345689:abc-xyz-secret-token"
FAST = Backoff(first=0.01, cap=0.05, attempts=3)
WEBHOOK_SECRET = "webhook-secret-123"


def free_port() -> int:
    """A loopback port nobody listens on right now (the webhook URL must name it up front)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def zalo_settings(tmp_path: Path, emulator: ZaloEmulator, *, webhook: bool = False) -> Settings:
    """Settings that point the adapter at the emulator (and, for webhooks, at a local port)."""
    extra: dict[str, Any] = {}
    if webhook:
        port = free_port()
        extra = {
            "ZALO_WEBHOOK_URL": f"http://127.0.0.1:{port}/zalo/webhook",
            "ZALO_WEBHOOK_SECRET": WEBHOOK_SECRET,
            "DONDOC_WEBHOOK_LISTEN": f"127.0.0.1:{port}",
        }
    return Settings(
        _env_file=None,
        DATABASE_URL=f"sqlite:///{tmp_path / 'dondoc.db'}",
        ZALO_BOT_TOKEN=TOKEN,
        ZALO_API_URL=emulator.api_url,
        **extra,
    )


@asynccontextmanager
async def zalo_bot(settings: Settings, db: Database, clock: Clock, **options: Any):
    """A started Zalo service on a fresh core (fast retries); stopped like a process exit."""
    core = Core(settings=settings, db=db, clock=clock)
    web = WebServer(settings.webhook_listen)
    options.setdefault("send_backoff", FAST)
    options.setdefault("poll_backoff", FAST)
    options.setdefault("default_retry_after", 0.01)
    service = build_zalo(core, web, **options)
    if web.has_routes:
        await web.start()
    await service.start()
    try:
        yield core, service
    finally:
        await service.stop()
        await web.stop()
