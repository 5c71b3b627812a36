"""Fresh, migrated test databases: a temp SQLite file, or a new PostgreSQL schema."""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest

from db.base import Base
from db.engine import Database
from db.migrate import MARKER_TABLE, upgrade

T = TypeVar("T")
POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
# Every table the application writes, children first; the migrations' marker row stays.
EMPTIED_TABLES = [
    table.name for table in reversed(Base.metadata.sorted_tables) if table.name != MARKER_TABLE
]


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


def migrated_sqlite_file(folder: Path) -> Path:
    """A migrated SQLite file in `folder`, for a session's tests to copy (migrating is the slow part)."""
    in_own_loop(_migrated("sqlite", folder))
    return folder / "test.db"


def copy_of_sqlite(template: Path, tmp_path: Path) -> Database:
    """A database on a fresh copy of a migrated SQLite file."""
    path = tmp_path / "test.db"
    shutil.copyfile(template, path)
    return Database(f"sqlite:///{path}")


def migrated_postgres_schema() -> str:
    """A new migrated PostgreSQL schema, for a session's tests to share one after the other."""
    schema = in_own_loop(_migrated("postgresql", Path()))
    assert schema is not None
    return schema


async def _migrated(backend: str, folder: Path) -> str | None:
    database, _url, schema = await make_database(backend, folder)
    await database.dispose()
    return schema


async def emptied_postgres(schema: str) -> Database:
    """A database on a shared migrated schema, emptied to what the migrations left: rows deleted
    and identities restarted (TRUNCATE would cost ten times as much on these small tables)."""
    database = Database(POSTGRES_URL, schema=schema)
    async with database.engine.begin() as connection:
        for table in EMPTIED_TABLES:
            await connection.exec_driver_sql(f"DELETE FROM {table}")
        sequences = await connection.exec_driver_sql(
            "SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()"
        )
        for (sequence,) in sequences.all():
            await connection.exec_driver_sql(f"SELECT setval('{sequence}', 1, false)")
    return database


async def drop_schema(schema: str) -> None:
    """Remove a PostgreSQL test schema."""
    admin = Database(POSTGRES_URL)
    async with admin.engine.begin() as connection:
        await connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    await admin.dispose()


def in_own_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """A coroutine's result, run on a loop of its own (a test's loop may be running already)."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()
