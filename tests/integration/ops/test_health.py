"""`dondoc run`'s /healthz, /readyz and /metrics over real HTTP, and `dondoc status` asking them."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta

import httpx
import pytest

from bot.emulators.telegram import TelegramEmulator
from bot.metrics import SWEPT_AT
from bot.runner import Runner
from bot.services.reminders.sweep import Sweeper
from tests.support.telegram_e2e import TOKEN, bot_settings

SWEEP_SECONDS = 60


async def start_up_sweep_done(runner: Runner) -> None:
    """Wait (up to 10 s) for the sweep the scheduler runs at start-up to finish."""
    async with asyncio.timeout(10):
        while runner.core.db not in SWEPT_AT:
            await asyncio.sleep(0.02)


@pytest.fixture
async def running(tmp_path, clock, monkeypatch):
    """A bot with its scheduler on the emulator, health on a free port of 127.0.0.1."""
    monkeypatch.setenv("DONDOC_REMINDER_SWEEP_SECONDS", str(SWEEP_SECONDS))
    async with TelegramEmulator(token=TOKEN) as emu:
        settings = bot_settings(emu, tmp_path, DONDOC_HEALTH_LISTEN="127.0.0.1:0")
        runner = Runner(settings, clock=clock)
        await runner.start()
        await start_up_sweep_done(runner)
        host, port = runner.health_address
        async with httpx.AsyncClient(base_url=f"http://{host}:{port}") as client:
            yield runner, client
        await runner.stop()


async def test_healthz_answers(running):
    _runner, client = running
    response = await client.get("/healthz")
    assert response.status_code == 200 and response.text == "ok\n"


async def test_ready_when_database_channel_and_sweep_are(running):
    _runner, client = running
    response = await client.get("/readyz")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["ready"] is True
    assert set(body["checks"]) == {"database", "telegram", "sweep"}


async def test_a_late_sweep_makes_it_unready_until_the_next_sweep(running, clock):
    runner, client = running
    clock.set(clock.now() + timedelta(seconds=2 * SWEEP_SECONDS + 1))
    late = await client.get("/readyz")
    assert late.status_code == 503
    assert "lượt nhắc việc gần nhất cách đây 121 giây" in late.json()["checks"]["sweep"]["detail"]
    await Sweeper(runner.core.deps).sweep()
    assert (await client.get("/readyz")).status_code == 200


async def test_a_channel_that_stopped_receiving_is_named(running):
    runner, client = running
    await runner.services[0].stop()
    response = await client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["telegram"]["ok"] is False and checks["database"]["ok"] is True


async def test_metrics_in_prometheus_text_format(running):
    runner, client = running
    await Sweeper(runner.core.deps).sweep()
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    names = {
        line.split("{")[0].split(" ")[0]
        for line in response.text.splitlines()
        if line and not line.startswith("#")
    }
    for name in (
        "dondoc_sweep_duration_seconds_count",
        "dondoc_last_sweep_timestamp_seconds",
        "dondoc_obstacles_open",
        "dondoc_oldest_due_slot_age_seconds",
    ):
        assert name in names, name
    assert "# TYPE dondoc_reminders_total counter" in response.text
    assert "# TYPE dondoc_replies_recorded_total counter" in response.text


async def test_status_prints_the_running_process_readiness(running, cli):
    runner, _client = running
    host, port = runner.health_address
    result = await asyncio.to_thread(
        cli, "status", "--json", DONDOC_HEALTH_LISTEN=f"{host}:{port}",
        DATABASE_URL=runner.settings.database_url,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert set(json.loads(result.output)["checks"]) == {"database", "telegram", "sweep"}


def test_status_without_a_process_says_so(cli):
    result = cli("status", "--json", DONDOC_HEALTH_LISTEN="127.0.0.1:1")
    assert result.exit_code == 1
    body = json.loads(result.output)
    assert body["ready"] is False
    assert body["checks"]["database"]["ok"] is True
    assert "127.0.0.1:1" in body["checks"]["process"]["detail"]


async def test_health_can_share_the_webhook_server(tmp_path, clock):
    async with TelegramEmulator(token=TOKEN) as emu:
        shared = "127.0.0.1:0"
        settings = bot_settings(
            emu, tmp_path, DONDOC_HEALTH_LISTEN=shared, DONDOC_WEBHOOK_LISTEN=shared
        )
        runner = Runner(settings, clock=clock, scheduler=False)
        await runner.start()
        try:
            assert runner.health_web is None
            assert runner.health_address == (runner.web.host, runner.web.port)
            host, port = runner.health_address
            async with httpx.AsyncClient(base_url=f"http://{host}:{port}") as client:
                assert (await client.get("/healthz")).status_code == 200
                ready = (await client.get("/readyz")).json()
            assert set(ready["checks"]) == {"database", "telegram"}  # no sweep in this process
        finally:
            await runner.stop()
