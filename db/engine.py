"""Engine and session setup for SQLite (embedded) and PostgreSQL (shared)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from db.sqlite_driver import InlineDBAPI

# Every update handled at once (16 per channel) and every job holds a connection; one beyond the
# pool is opened (a thread, four PRAGMAs) and closed again for a single checkout.
SQLITE_POOL_SIZE = 40
ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg"}


def async_url(database_url: str) -> URL:
    """Turn `sqlite:///x.db` or `postgresql://…` into its asyncio driver URL."""
    url = make_url(database_url)
    backend = "postgresql" if url.get_backend_name() == "postgres" else url.get_backend_name()
    return url.set(drivername=ASYNC_DRIVERS[backend])


def _tune_sqlite(engine: AsyncEngine) -> None:
    """WAL lets `dondoc remind` run beside `dondoc run` on one file."""

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Take over transaction control from pysqlite so BEGIN IMMEDIATE is ours to emit.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # The driver waits for a busy database with asyncio sleeps; SQLite's own wait would
        # block the event loop its statements run on.
        cursor.execute("PRAGMA busy_timeout=0")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection) -> None:
        # A writer takes the lock up front: no SQLITE_BUSY half-way through a transaction.
        # The BEGIN goes to SQLite together with the transaction's first statement.
        mode = connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        if mode is not None:  # None: one statement alone, atomic without a transaction
            connection.connection.dbapi_connection.begin_with_next_statement(f"BEGIN {mode}")


class Database:
    """One engine per process; one short session per update or job."""

    def __init__(self, database_url: str, *, schema: str | None = None, **engine_kwargs: Any):
        self.url = async_url(database_url)
        connect_args: dict[str, Any] = {}
        if schema and self.is_postgres:
            connect_args["server_settings"] = {"search_path": schema}
        if self.is_sqlite:  # statements run on the event loop's thread, see sqlite_driver
            engine_kwargs["module"] = InlineDBAPI()
            engine_kwargs.setdefault("pool_size", SQLITE_POOL_SIZE)
        self.engine = create_async_engine(self.url, connect_args=connect_args, **engine_kwargs)
        if self.is_sqlite:
            _tune_sqlite(self.engine)
        self._writer = async_sessionmaker(self.engine, expire_on_commit=False)
        self._reader = async_sessionmaker(
            self.engine.execution_options(sqlite_begin="DEFERRED"), expire_on_commit=False
        )
        self._single_reader = self.engine.execution_options(sqlite_begin=None)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def is_postgres(self) -> bool:
        return self.url.get_backend_name() == "postgresql"

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session that commits when the block ends and rolls back on error."""
        async with self._writer() as session, session.begin():
            yield session

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A read-only session that does not take SQLite's write lock."""
        async with self._reader() as session, session.begin():
            yield session

    @asynccontextmanager
    async def reading_one(self) -> AsyncIterator[AsyncConnection]:
        """A bare connection for ONE read statement: no ORM session, and on SQLite no BEGIN
        or COMMIT (a lone statement reads one consistent snapshot by itself)."""
        async with self._single_reader.connect() as connection:
            yield connection

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()
