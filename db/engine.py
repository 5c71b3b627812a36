"""Engine and session setup for SQLite (embedded) and PostgreSQL (shared)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from typing import Any, TypeVar

from sqlalchemy import Connection
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import (
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from db.scope import bind_session
from db.sqlite_setup import BEGIN_OPTION, LONE, READ, is_file_database, tune_sqlite
from db.sync_worker import SyncWorker
from db.write_gate import WriteGate

# Every update handled at once (16 per channel) and every job holds a connection: one beyond
# the pool is opened (an aiosqlite thread, four PRAGMAs) and closed again for a single checkout.
SQLITE_POOL_SIZE = 20
T = TypeVar("T")
ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg"}


def async_url(database_url: str) -> URL:
    """Turn `sqlite:///x.db` or `postgresql://…` into its asyncio driver URL."""
    url = make_url(database_url)
    backend = "postgresql" if url.get_backend_name() == "postgres" else url.get_backend_name()
    return url.set(drivername=ASYNC_DRIVERS[backend])


def shared_by_connections(url: URL) -> bool:
    """Every connection to `url` sees the same data (not so for SQLite in memory)."""
    return url.get_backend_name() != "sqlite" or is_file_database(url)


class Database:
    """One engine per process; one short session per update or job.

    On SQLite, writers (`transaction`, `write_sync`, and the engine itself) `BEGIN IMMEDIATE`,
    readers (`reading`) `BEGIN` deferred, and `read_sync` runs its statements without a
    transaction; PostgreSQL ignores the difference."""

    def __init__(self, database_url: str, *, schema: str | None = None, **engine_kwargs: Any):
        self.url = async_url(database_url)
        connect_args: dict[str, Any] = {}
        if self.is_postgres:
            # asyncpg prepares every statement; after five runs PostgreSQL may switch it to one
            # generic plan, blind to the values: the idle sweep's due-slot check became a 16 ms
            # scan of the ledger instead of a 0.3 ms index probe. Our queries' best plans depend
            # on their values (states, moments), so each is planned with them. JIT compiling
            # spent 0.4 s of a cold roll-up's 2.1 s statement and gains nothing on queries this size.
            settings = {"plan_cache_mode": "force_custom_plan", "jit": "off"}
            connect_args["server_settings"] = settings | ({"search_path": schema} if schema else {})
        if self.is_sqlite and is_file_database(self.url):
            engine_kwargs.setdefault("pool_size", SQLITE_POOL_SIZE)
        self.engine = create_async_engine(self.url, connect_args=connect_args, **engine_kwargs)
        self._gate = WriteGate() if self.is_sqlite else None
        self._worker = (
            SyncWorker(self.url) if self.is_sqlite and is_file_database(self.url) else None
        )
        if self.is_sqlite:
            tune_sqlite(self.engine.sync_engine, self.url)
        self._writer = self.engine
        self._reader = self.engine.execution_options(**{BEGIN_OPTION: READ})
        self._lone_reader = self.engine.execution_options(**{BEGIN_OPTION: LONE})
        self._writer_sessions = async_sessionmaker(self._writer, expire_on_commit=False)
        self._reader_sessions = async_sessionmaker(self._reader, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def is_postgres(self) -> bool:
        return self.url.get_backend_name() == "postgresql"

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session that commits when the block ends and rolls back on error."""
        async with self._writer_turn(), self._writer_sessions() as session, session.begin():
            bind_session(session.sync_session)
            yield session

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A read-only session that does not take SQLite's write lock."""
        async with self._reader_sessions() as session, session.begin():
            bind_session(session.sync_session)
            yield session

    async def read_sync(self, work: Callable[[Connection], T]) -> T:
        """`work(connection)`, plain synchronous SQLAlchemy, for lone reads: on SQLite no BEGIN
        (each statement reads one consistent snapshot by itself)."""
        if self._worker:
            return await self._worker.read(work)
        async with self._lone_reader.connect() as connection:
            return await connection.run_sync(work)

    async def write_sync(self, work: Callable[[Connection], T]) -> T:
        """`work(connection)`, plain synchronous SQLAlchemy, in one transaction that commits
        when it returns and rolls back if it raises."""
        async with self._writer_turn():
            if self._worker:
                return await self._worker.write(work)
            async with self._writer.begin() as connection:
                return await connection.run_sync(work)

    def _writer_turn(self) -> AbstractAsyncContextManager[None]:
        """On SQLite, the turn among this process's writers (see `db.write_gate`)."""
        return self._gate.turn() if self._gate else nullcontext()

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()
        if self._worker:
            await self._worker.dispose()
