"""Where the SQLite writers of one process take turns: an asyncio lock per event loop.

Without it, writers that meet on SQLite's lock wait in its busy handler, which sleeps in steps of
up to 100 ms; the gate hands the turn over the moment the previous writer ends.
"""

from __future__ import annotations

import asyncio
import sqlite3
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from db.sqlite_setup import BUSY_TIMEOUT_MS


class WriteGate:
    """One writer transaction of this process at a time, per event loop."""

    def __init__(self) -> None:
        self._locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )

    def _lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        found = self._locks.get(loop)
        if found is None:
            found = self._locks[loop] = asyncio.Lock()
        return found

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Wait for this process's other writers (as long as SQLite would wait for a lock)."""
        lock = self._lock()
        try:
            async with asyncio.timeout(BUSY_TIMEOUT_MS / 1000):
                await lock.acquire()
        except TimeoutError:
            raise sqlite3.OperationalError("database is locked") from None
        try:
            yield
        finally:
            lock.release()
