"""Shared fixtures: a migrated database (SQLite always, PostgreSQL when reachable), a clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from bot.clock import FixedClock
from bot.config import Settings
from db.engine import Database
from tests.support.database import BACKENDS, POSTGRES_URL, drop_schema, make_database


def pytest_collection_modifyitems(config, items):
    """PostgreSQL tests are skipped, visibly, when TEST_DATABASE_URL is not set."""
    if POSTGRES_URL:
        return
    skip = pytest.mark.skip(
        reason="TEST_DATABASE_URL not set: no PostgreSQL server to test against"
    )
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(params=BACKENDS)
async def db(request, tmp_path) -> AsyncIterator[Database]:
    """A migrated database on each backend."""
    database, _url, schema = await make_database(request.param, tmp_path)
    yield database
    await database.dispose()
    if schema:
        await drop_schema(schema)


@pytest.fixture
async def sqlite_db(tmp_path) -> AsyncIterator[Database]:
    """A migrated SQLite database only (for tests that need no PostgreSQL twin)."""
    database, _url, _schema = await make_database("sqlite", tmp_path)
    yield database
    await database.dispose()


@pytest.fixture
def clock() -> FixedClock:
    """A clock set to Monday 24 March 2025, 08:00 in Hà Nội."""
    return FixedClock(datetime(2025, 3, 24, 1, 0, tzinfo=UTC))


@pytest.fixture
def settings(tmp_path) -> Settings:
    """Settings isolated from the developer's environment and `.env`."""
    return Settings(_env_file=None, DATABASE_URL=f"sqlite:///{tmp_path / 'dondoc.db'}")


@pytest.fixture
async def core(sqlite_db, clock, settings):
    """A Core on a fresh SQLite database with a fake Telegram channel and a fixed clock."""
    from bot.core import Core
    from tests.fakes import FakeChannel

    return Core(settings=settings, db=sqlite_db, clock=clock, channels={"telegram": FakeChannel()})
