"""Fresh, migrated test databases: a temp SQLite file, or a new PostgreSQL schema."""

from __future__ import annotations

import asyncio
import os
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from db.engine import Database
from db.migrate import upgrade

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


async def make_database(
    backend: str, tmp_path: Path, revision: str = "head"
) -> tuple[Database, str, str | None]:
    """A fresh database migrated to `revision`: a temp SQLite file or a new PostgreSQL schema."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
        database = Database(url)
        await upgrade(database, revision)
        return database, url, None
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = Database(POSTGRES_URL)
    async with admin.engine.begin() as connection:
        await connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    await admin.dispose()
    database = Database(POSTGRES_URL, schema=schema)
    await upgrade(database, revision)
    return database, POSTGRES_URL, schema


async def drop_schema(schema: str) -> None:
    """Remove a PostgreSQL test schema."""
    admin = Database(POSTGRES_URL)
    async with admin.engine.begin() as connection:
        await connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    await admin.dispose()


def in_own_loop(coroutine) -> None:
    """Run a coroutine to the end on a loop of its own (a test's loop may be running already)."""
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, coroutine).result()
