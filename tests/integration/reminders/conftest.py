"""A faster `db` for the reminder tests: one migrated PostgreSQL schema per session, emptied per test."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator

import pytest

from db import models
from db.engine import Database
from db.migrate import upgrade
from tests.support.database import (
    BACKENDS,
    POSTGRES_URL,
    drop_schema,
    in_own_loop,
    make_database,
)

# Every table but the committees: the default one (id 1) stays, as a new deployment has it.
TABLES = ", ".join(
    table.name for table in models.Task.metadata.sorted_tables if table.name != "committees"
)
EMPTY = [
    f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE",
    "DELETE FROM committees WHERE id <> 1",
    "SELECT setval(pg_get_serial_sequence('committees', 'id'), 1)",
]


@pytest.fixture(scope="session")
def postgres_schema() -> Iterator[str]:
    """A migrated schema shared by this session's PostgreSQL tests (migrating per test is slow)."""
    schema = f"t_{uuid.uuid4().hex[:12]}"

    async def create() -> None:
        admin = Database(POSTGRES_URL)
        async with admin.engine.begin() as connection:
            await connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
        await admin.dispose()
        database = Database(POSTGRES_URL, schema=schema)
        await upgrade(database)
        await database.dispose()

    in_own_loop(create())
    yield schema
    in_own_loop(drop_schema(schema))


@pytest.fixture(params=BACKENDS)
async def db(request, tmp_path) -> AsyncIterator[Database]:
    """A migrated, empty database on each backend."""
    if request.param == "sqlite":
        database, _url, _schema = await make_database("sqlite", tmp_path)
    else:
        database = Database(POSTGRES_URL, schema=request.getfixturevalue("postgres_schema"))
        async with database.engine.begin() as connection:
            for statement in EMPTY:
                await connection.exec_driver_sql(statement)
    yield database
    await database.dispose()
