"""A `dondoc run` process killed (-9) in the middle of a burst of reports loses none of them."""

from __future__ import annotations

import random

import pytest

from db.engine import Database
from tests.conftest import POSTGRES_URL
from tests.crash_burst import run_burst, scratch_postgres, seed
from tests.e2e.conftest import BotProcess, bot_settings, process_env

CONTACTS, PER_CONTACT = 20, 2


async def burst_with_a_kill(emulator, tmp_path, database_url: str, seed_value: int):
    contacts = await seed(database_url, emulator, CONTACTS)
    env = process_env(bot_settings(emulator, tmp_path), DATABASE_URL=database_url)
    process = BotProcess(emulator, env, tmp_path)
    db = Database(database_url)
    await process.start()
    try:
        return await run_burst(
            process, db, contacts, PER_CONTACT, burst=0, rng=random.Random(seed_value)
        )
    finally:
        await process.stop()
        await db.dispose()


def assert_nothing_lost(outcome) -> None:
    assert outcome.stored == outcome.messages == CONTACTS * PER_CONTACT
    assert outcome.duplicate_reports == 0
    assert outcome.answered == outcome.messages  # every sender got an answer


async def test_a_kill_during_a_burst_loses_no_report_and_leaves_nobody_unanswered(
    emulator, tmp_path
):
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    for seed_value in (1, 2):  # two kill points
        outcome = await burst_with_a_kill(emulator, tmp_path, url, seed_value)
        assert_nothing_lost(outcome)
        url = f"sqlite:///{tmp_path / f'bot-{seed_value}.db'}"


@pytest.mark.postgres
async def test_a_kill_during_a_burst_on_postgresql_loses_nothing(emulator, tmp_path):
    async with scratch_postgres(POSTGRES_URL) as url:
        assert_nothing_lost(await burst_with_a_kill(emulator, tmp_path, url, 3))
