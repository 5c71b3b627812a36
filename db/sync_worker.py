"""SQLite's synchronous units of work on one thread of their own (Home Assistant's recorder pattern).

A unit (`Database.read_sync`/`write_sync`) crosses to the worker thread once and runs all its
statements there on a plain synchronous engine (pysqlite), instead of crossing to aiosqlite's
thread several times per statement; the event loop never waits on SQLite meanwhile.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from sqlalchemy import Connection, Engine, create_engine
from sqlalchemy.engine import URL

from db.sqlite_setup import BEGIN_OPTION, LONE, tune_sqlite

T = TypeVar("T")


class SyncWorker:
    """A synchronous engine on the same SQLite file, used only from one worker thread."""

    def __init__(self, url: URL):
        # One thread, so one connection is all the pool ever hands out.
        self._engine: Engine = create_engine(
            url.set(drivername="sqlite+pysqlite"), pool_size=1, max_overflow=0
        )
        tune_sqlite(self._engine, url)
        self._lone_reader = self._engine.execution_options(**{BEGIN_OPTION: LONE})
        self._executor: ThreadPoolExecutor | None = None  # started by the first unit

    async def _on_worker(self, call: Callable[[], T]) -> T:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dondoc-sqlite")
        return await asyncio.get_running_loop().run_in_executor(self._executor, call)

    async def read(self, work: Callable[[Connection], T]) -> T:
        """`work(connection)` without a transaction."""

        def unit() -> T:
            with self._lone_reader.connect() as connection:
                return work(connection)

        return await self._on_worker(unit)

    async def write(self, work: Callable[[Connection], T]) -> T:
        """`work(connection)` in one `BEGIN IMMEDIATE` transaction; a cancelled caller does not
        stop it half-way: the unit commits or rolls back on the worker all the same."""

        def unit() -> T:
            with self._engine.begin() as connection:
                return work(connection)

        return await self._on_worker(unit)

    async def dispose(self) -> None:
        """Close the worker's connection (on its own thread) and stop the thread; a later unit
        starts them again, as a disposed engine reconnects."""
        if self._executor is not None:
            await self._on_worker(self._engine.dispose)
            self._executor.shutdown()
            self._executor = None
