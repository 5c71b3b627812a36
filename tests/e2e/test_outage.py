"""A PostgreSQL outage under the running bot (a TCP proxy cuts it): readiness turns 503 and back
by itself, the reminder sweep resumes at once without duplicates, the outage is logged twice."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from datetime import date

import httpx
import pytest

from bench.crash_burst import scratch_postgres
from bot.domain import Role
from bot.emulators.seeding import bind_user
from bot.emulators.tcpproxy import CuttableProxy
from bot.metrics import SWEPT_AT
from bot.plandoc import TaskDraft
from bot.runner import Runner
from bot.texts import t
from tests.integration.reminders.helpers import seed_tasks
from tests.support.database import POSTGRES_URL
from tests.support.telegram_e2e import bot_settings

pytestmark = pytest.mark.postgres
CONTACTS = range(700, 720)  # one contact per unit, each owed one reminder now (7 days before due)
STRANGER = t("common.stranger", "vi")
CUT_AFTER = 5  # reminders delivered before the database goes away


async def ready(client: httpx.AsyncClient) -> tuple[int, dict]:
    response = await client.get("/readyz")
    return response.status_code, response.json()


async def wait_ready(client: httpx.AsyncClient, status: int) -> dict:
    """Poll /readyz (up to 20 s) until it answers `status`; its body."""
    async with asyncio.timeout(20):
        while (found := await ready(client))[0] != status:
            await asyncio.sleep(0.1)
    return found[1]


async def test_an_outage_is_weathered_and_logged_once(
    emulator, tmp_path, clock, monkeypatch, caplog
):
    # The scheduler only runs its start-up sweep: the test drives the sweep job itself.
    monkeypatch.setenv("DONDOC_REMINDER_SWEEP_SECONDS", "3600")
    monkeypatch.setenv("DONDOC_REMINDER_BATCH_SIZE", "4")
    caplog.set_level(logging.INFO)
    async with scratch_postgres(POSTGRES_URL) as database_url:
        proxy = await CuttableProxy("127.0.0.1", 5432).start()
        settings = bot_settings(
            emulator, tmp_path, DONDOC_HEALTH_LISTEN="127.0.0.1:0",
            DATABASE_URL=database_url.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}"),
        )  # fmt: skip
        runner = Runner(settings, clock=clock)
        core = await runner.start()
        try:
            async with asyncio.timeout(10):
                while core.db not in SWEPT_AT:  # the start-up sweep (nothing due yet)
                    await asyncio.sleep(0.02)
            drafts = [
                TaskDraft(code=str(n), title=f"Việc {n}", lead_units=[f"Phòng số {n}"],
                          due=date(2025, 3, 31))
                for n in range(len(CONTACTS))
            ]  # fmt: skip
            await seed_tasks(core.db, *drafts)
            for n, user_id in enumerate(CONTACTS):
                emulator.user(user_id, f"Đầu mối {n}")
                await bind_user(
                    core.db, clock.now(), role=Role.CONTACT, user_id=str(user_id),
                    unit=f"Phòng số {n}",
                )  # fmt: skip
            sweep = runner.scheduler.get_job("reminder-sweep").func
            host, port = runner.health_address

            def delivered() -> Counter[int]:
                return Counter({u: len(emulator.messages_to(u)) for u in CONTACTS})

            async with httpx.AsyncClient(base_url=f"http://{host}:{port}") as client:
                assert (await ready(client))[0] == 200
                first = asyncio.create_task(sweep())
                await emulator.wait_for(lambda: delivered().total() >= CUT_AFTER, 20)
                proxy.cut()
                await first  # the sweep stops half-way; its claims are left held
                assert delivered().total() < len(CONTACTS)
                stranger = emulator.user(799, "Người lạ")
                await emulator.send_text(stranger, "xin chào")  # polled, not storable yet
                body = await wait_ready(client, 503)
                assert body["checks"]["database"]["ok"] is False
                for _ in range(5):  # sweeps during the outage fail quietly
                    await sweep()
                proxy.restore()
                await wait_ready(client, 200)
                await sweep()  # same moment: no lease has run out, yet everything goes out now
                assert (await emulator.next_message(799, timeout=20)).text == STRANGER
            counts = delivered()
            assert set(counts) == set(CONTACTS) and min(counts.values()) >= 1
            # At most the message in flight when the database went away is sent again.
            assert sum(n - 1 for n in counts.values()) <= 1
        finally:
            await runner.stop()
            await proxy.stop()
    sweep_lines = [r for r in caplog.records if r.name == "scheduler.jobs.reminder_sweep"]
    outage = [r.getMessage() for r in sweep_lines if "database" in r.getMessage()]
    assert len(outage) == 2, outage
    assert "unreachable" in outage[0] and "reachable again" in outage[1]
    starts = Counter(r.name for r in caplog.records if "database unreachable" in r.getMessage())
    assert "bot.channels.telegram_service" in starts
    assert max(starts.values()) == 1, starts  # polling and inbox too: once, however often retried
    assert not [r for r in caplog.records if r.exc_info], "no traceback during an outage"
