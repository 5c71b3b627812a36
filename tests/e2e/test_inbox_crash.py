"""A `dondoc run` process killed (-9) in the middle of a burst of reports loses none of them."""

from __future__ import annotations

import random
import signal

import pytest

from bench.crash_burst import run_burst, scratch_postgres, seed
from db.engine import Database
from tests.support.database import POSTGRES_URL
from tests.support.telegram_e2e import BotProcess, bot_settings, process_env

CONTACTS, PER_CONTACT = 20, 2


async def bursts_with_a_kill(emulator, tmp_path, database_url: str, seed_values: list[int]):
    """One burst per seed, each with a kill -9 at a point the seed draws, on one database."""
    contacts = await seed(database_url, emulator, CONTACTS)
    env = process_env(bot_settings(emulator, tmp_path), DATABASE_URL=database_url)
    process = BotProcess(emulator, env, tmp_path)
    db = Database(database_url)
    await process.start()
    try:
        return [
            await run_burst(
                process, db, contacts, PER_CONTACT, burst=burst, rng=random.Random(seed_value)
            )
            for burst, seed_value in enumerate(seed_values)
        ]
    finally:
        # What was stored and answered is counted by now; a graceful stop would wait for the
        # reminder sweep that started with the process (the seeded plan has overdue tasks).
        await process.stop(signal.SIGKILL)
        await db.dispose()


def assert_nothing_lost(outcome) -> None:
    assert outcome.stored == outcome.messages == CONTACTS * PER_CONTACT
    assert outcome.duplicate_reports == 0
    assert outcome.answered == outcome.messages  # every sender got an answer


async def test_a_kill_during_a_burst_loses_no_report_and_leaves_nobody_unanswered(
    emulator, tmp_path
):
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    for outcome in await bursts_with_a_kill(emulator, tmp_path, url, [1, 2]):  # two kill points
        assert_nothing_lost(outcome)


@pytest.mark.postgres
async def test_a_kill_during_a_burst_on_postgresql_loses_nothing(emulator, tmp_path):
    async with scratch_postgres(POSTGRES_URL) as url:
        [outcome] = await bursts_with_a_kill(emulator, tmp_path, url, [3])
        assert_nothing_lost(outcome)
