"""Fresh, migrated test databases: a temp SQLite file, or a new PostgreSQL schema."""

from __future__ import annotations

import asyncio
import atexit
import functools
import os
import shutil
import tempfile
import uuid
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import select, text

from db import models
from db.engine import Database
from db.migrate import upgrade

T = TypeVar("T")
POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
TABLES = models.Task.metadata.sorted_tables  # parents first


@dataclass(frozen=True)
class MigratedSchema:
    """A migrated PostgreSQL schema that a session's tests share, and what the migrations left in it."""

    name: str
    rows: dict[str, list[dict[str, Any]]]  # by table: the rows the migrations inserted
    sequences: dict[str, int | None]  # by sequence: its last value (None: never drawn)


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


@functools.cache
def _sqlite_template() -> Path:
    """One migrated SQLite file per test process, removed when the process ends."""
    folder = Path(tempfile.mkdtemp(prefix="dondoc-migrated-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    in_own_loop(_migrated("sqlite", folder))
    return folder / "test.db"


def copy_migrated_sqlite(path: Path) -> Path:
    """A new SQLite file at `path`, a copy of one migrated once per test process (migrating takes
    ~0.5 s; the CLI smoke test and the migration tests still start from nothing)."""
    shutil.copyfile(_sqlite_template(), path)
    return path


def migrated_sqlite(path: Path) -> Database:
    """A database on a new migrated SQLite file at `path`."""
    return Database(f"sqlite:///{copy_migrated_sqlite(path)}")


def migrated_postgres_schema() -> MigratedSchema:
    """A new migrated PostgreSQL schema and what the migrations left in it."""
    return in_own_loop(_migrated_postgres())


async def _migrated(backend: str, folder: Path) -> None:
    """Migrate a new database and let it go (its file or schema stays)."""
    database, _url, _schema = await make_database(backend, folder)
    await database.dispose()


async def _migrated_postgres() -> MigratedSchema:
    database, _url, schema = await make_database("postgresql", Path())
    assert schema is not None
    async with database.engine.connect() as connection:
        rows = {
            table.name: [dict(row) for row in (await connection.execute(select(table))).mappings()]
            for table in TABLES
        }
        sequences = await connection.exec_driver_sql(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = current_schema()"
        )
        migrated = MigratedSchema(schema, rows, {name: last for name, last in sequences})
    await database.dispose()
    return migrated


async def postgres_as_migrated(schema: MigratedSchema) -> Database:
    """A database on a shared migrated schema, put back to what the migrations left: every row
    deleted, theirs inserted again, sequences reset (TRUNCATE costs ten times as much here)."""
    database = Database(POSTGRES_URL, schema=schema.name)
    async with database.engine.begin() as connection:
        for table in reversed(TABLES):
            await connection.execute(table.delete())
        for table in TABLES:
            if schema.rows[table.name]:
                await connection.execute(table.insert(), schema.rows[table.name])
        for sequence, last in schema.sequences.items():
            await connection.execute(
                text("SELECT setval(:sequence, :value, :drawn)"),
                {"sequence": sequence, "value": last or 1, "drawn": last is not None},
            )
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
