"""Engine and session setup for SQLite (embedded) and PostgreSQL (shared)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from sqlalchemy import Connection, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.util import greenlet_spawn

from db.sqlite_driver import begin_mode

# Every update handled at once (16 per channel) and every job holds a connection; one beyond the
# pool is opened (a thread, four PRAGMAs) and closed again for a single checkout.
SQLITE_POOL_SIZE = 40
T = TypeVar("T")
ASYNC_DRIVERS = {"sqlite": "sqlite+inline", "postgresql": "postgresql+asyncpg"}


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


class Database:
    """One engine per process; one short session per update or job."""

    def __init__(self, database_url: str, *, schema: str | None = None, **engine_kwargs: Any):
        self.url = async_url(database_url)
        connect_args: dict[str, Any] = {}
        if schema and self.is_postgres:
            connect_args["server_settings"] = {"search_path": schema}
        if self.is_sqlite:  # statements run on the event loop's thread, see sqlite_driver
            engine_kwargs.setdefault("pool_size", SQLITE_POOL_SIZE)
        self.engine = create_async_engine(self.url, connect_args=connect_args, **engine_kwargs)
        if self.is_sqlite:
            _tune_sqlite(self.engine)
        self._sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def is_postgres(self) -> bool:
        return self.url.get_backend_name() == "postgresql"

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session that commits when the block ends and rolls back on error."""
        # A writer takes SQLite's lock up front: no SQLITE_BUSY half-way through a transaction.
        with begin_mode("IMMEDIATE"):
            async with self._sessions() as session, session.begin():
                yield session

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A read-only session that does not take SQLite's write lock."""
        with begin_mode("DEFERRED"):
            async with self._sessions() as session, session.begin():
                yield session

    async def read_sync(self, work: Callable[[Connection], T]) -> T:
        """`work(connection)`, plain synchronous SQLAlchemy, for lone reads: on SQLite no BEGIN
        or COMMIT (each statement reads one consistent snapshot by itself)."""
        with begin_mode(None, sync_caller=True):
            return await greenlet_spawn(self._connected, work)

    async def write_sync(self, work: Callable[[Connection], T]) -> T:
        """`work(connection)`, plain synchronous SQLAlchemy, in one transaction that commits
        when it returns and rolls back if it raises."""
        with begin_mode("IMMEDIATE", sync_caller=True):
            return await greenlet_spawn(self._in_transaction, work)

    # The `_sync` methods enter SQLAlchemy's synchronous layer once for all their statements
    # (an AsyncConnection enters it per call, and closes in a task of its own): for hot paths.
    def _connected(self, work: Callable[[Connection], T]) -> T:
        with self.engine.sync_engine.connect() as connection:
            return work(connection)

    def _in_transaction(self, work: Callable[[Connection], T]) -> T:
        with self.engine.sync_engine.begin() as connection:
            return work(connection)

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()
