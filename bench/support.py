"""What the benches share: where the sample plans are (the tests' copies, read as data), and the
databases they make for themselves — an SQLite file, a PostgreSQL schema or a PostgreSQL database,
each dropped afterwards."""

from __future__ import annotations

import argparse
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from db.engine import Database, async_url

SAMPLES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "samples"


def add_database_option(parser: argparse.ArgumentParser) -> None:
    """The `--database-url` option of a bench that measures SQLite, and PostgreSQL beside it."""
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server to measure as well (in a schema or database of the bench's own, "
        "dropped afterwards)",
    )


@asynccontextmanager
async def postgres_schema(server: str) -> AsyncIterator[Database]:
    """A new schema on the PostgreSQL server `server`, dropped afterwards (with all it holds)."""
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = Database(server)
    try:
        async with admin.engine.begin() as connection:
            await connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
        database = Database(server, schema=schema)
        try:
            yield database
        finally:
            await database.dispose()
            async with admin.engine.begin() as connection:
                await connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    finally:
        await admin.dispose()


@asynccontextmanager
async def bench_database(folder: Path, name: str, server: str | None) -> AsyncIterator[Database]:
    """A fresh SQLite file `name`.db in `folder`, or with `server` a new schema on that PostgreSQL
    server (dropped afterwards); disposed when the block ends."""
    if server is not None:
        async with postgres_schema(server) as database:
            yield database
        return
    database = Database(f"sqlite:///{folder / f'{name}.db'}")
    try:
        yield database
    finally:
        await database.dispose()


@asynccontextmanager
async def scratch_postgres(server_url: str) -> AsyncIterator[str]:
    """A new, empty PostgreSQL database on `server_url`'s server, dropped afterwards; its URL (for
    what takes a URL only, as `dondoc run` and the runner do, so cannot be given a schema)."""
    name = f"dondoc_bench_{uuid.uuid4().hex[:10]}"
    admin = create_async_engine(async_url(server_url), isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as connection:
            await connection.exec_driver_sql(f"CREATE DATABASE {name}")
        try:
            yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
        finally:
            async with admin.connect() as connection:
                await connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    finally:
        await admin.dispose()


@asynccontextmanager
async def bench_database_url(folder: Path, name: str, server: str | None) -> AsyncIterator[str]:
    """The URL of a fresh SQLite file `name`.db in `folder`, or with `server` of a new database on
    that PostgreSQL server (dropped afterwards)."""
    if server is None:
        yield f"sqlite:///{folder / f'{name}.db'}"
        return
    async with scratch_postgres(server) as url:
        yield url


async def analyze(database: Database) -> None:
    """On PostgreSQL, this database's own tables (its schema's, not the server's others) vacuumed
    and analyzed, as autovacuum leaves them after a bulk load (the visibility map lets an index
    answer alone, the statistics choose the plans)."""
    if not database.is_postgres:
        return
    async with database.engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")  # VACUUM: no transaction
        tables = await connection.exec_driver_sql(
            "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema()"
        )
        for (table,) in tables.all():
            await connection.exec_driver_sql(f"VACUUM ANALYZE {table}")
