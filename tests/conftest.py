"""Shared fixtures: a migrated database (SQLite always, PostgreSQL when reachable), a clock."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.config import Settings
from db.engine import Database
from db.migrate import upgrade

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO.parent / "shared" / "samples"
POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


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


async def make_database(backend: str, tmp_path: Path) -> tuple[Database, str, str | None]:
    """A fresh, migrated database: a temp SQLite file or a new PostgreSQL schema."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
        database = Database(url)
        await upgrade(database)
        return database, url, None
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = Database(POSTGRES_URL)
    async with admin.engine.begin() as connection:
        await connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    await admin.dispose()
    database = Database(POSTGRES_URL, schema=schema)
    await upgrade(database)
    return database, POSTGRES_URL, schema


async def drop_schema(schema: str) -> None:
    """Remove a PostgreSQL test schema."""
    admin = Database(POSTGRES_URL)
    async with admin.engine.begin() as connection:
        await connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    await admin.dispose()


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
