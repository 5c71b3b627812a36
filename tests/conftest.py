"""Shared fixtures: a migrated database (SQLite always, PostgreSQL when reachable), a clock."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime

import pytest

from bot.clock import FixedClock
from bot.config import Settings
from db.engine import Database
from tests.support.database import (
    BACKENDS,
    POSTGRES_URL,
    MigratedSchema,
    drop_schema,
    in_own_loop,
    migrated_postgres_schema,
    migrated_sqlite,
    postgres_as_migrated,
)

# readline, which pytest loads, exports the terminal's size to pytest-xdist's workers; the CLI's rich
# consoles would keep that width from their import on, and each CLI test sets its own (tests/support/cli.py).
for variable in ("COLUMNS", "LINES"):
    os.environ.pop(variable, None)


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


@pytest.fixture(scope="session")
def postgres_schema() -> Iterator[MigratedSchema]:
    """A migrated PostgreSQL schema of this session's own, put back as migrated before each test."""
    schema = migrated_postgres_schema()
    yield schema
    in_own_loop(drop_schema(schema.name))


@pytest.fixture(params=BACKENDS)
async def db(request, tmp_path) -> AsyncIterator[Database]:
    """A freshly migrated database on each backend (a copy, or a shared schema put back)."""
    if request.param == "sqlite":
        database = migrated_sqlite(tmp_path / "test.db")
    else:
        database = await postgres_as_migrated(request.getfixturevalue("postgres_schema"))
    yield database
    await database.dispose()


@pytest.fixture
async def sqlite_db(tmp_path) -> AsyncIterator[Database]:
    """A migrated SQLite database only (for tests that need no PostgreSQL twin)."""
    database = migrated_sqlite(tmp_path / "test.db")
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
