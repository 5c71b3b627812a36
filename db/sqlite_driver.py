"""aiosqlite under SQLAlchemy, with every statement run on the event loop's own thread.

A small indexed SQLite statement takes tens of microseconds. Handing it to aiosqlite's worker
thread and back (a queue, a thread wake-up, the event loop's self-pipe, the GIL) costs ten times
that and more under load (`bench/replies_bench.py`), and SQLAlchemy's adapter makes four such
trips per statement. So statements, COMMIT and ROLLBACK run inline, the rows fetched at once;
aiosqlite only opens and closes connections. Streamed results keep SQLAlchemy's own cursor.

How a transaction begins is the task's `begin_mode`: writers `BEGIN IMMEDIATE` (the default),
readers `BEGIN DEFERRED`, a lone statement none. The dialect's `do_begin` reads it, not a "begin"
event: any connection event makes SQLAlchemy dispatch events around every statement.

Running inline must never block the loop on a lock:
- writer transactions of this process take turns on an asyncio lock, the write gate, from their
  BEGIN IMMEDIATE to their end, so they never meet on SQLite's lock;
- SQLite's busy timeout is 0: when another process holds the lock (`dondoc remind` beside
  `dondoc run`), a transaction's first statement fails at once and is retried after an asyncio
  sleep, backing off, for up to `BUSY_TIMEOUT` — what SQLite's busy handler does, without
  stopping the loop;
- readers in WAL mode do not wait for writers.
The price: a long statement (a summary over 100,000 reports, about 0.1 s) holds the loop meanwhile.
Borrowed from aiosqlite: `Connection._conn` (the sqlite3 connection), as SQLAlchemy's adapter does.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
import weakref
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import aiosqlite
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_dbapi,
    SQLiteDialect_aiosqlite,
)
from sqlalchemy.util import await_only

BUSY_TIMEOUT = 30.0  # seconds a transaction waits for another process's writer
FIRST_PAUSE, LONGEST_PAUSE = 0.001, 0.05  # the back-off between retries on a busy database

Found = tuple[Any, int, int | None, list[Any]]  # description, row count, last row id, rows
# "IMMEDIATE", "DEFERRED", or None: no transaction (one statement alone is atomic by itself).
BEGIN_MODE: ContextVar[str | None] = ContextVar("sqlite_begin_mode", default="IMMEDIATE")


# Set while synchronous code runs the statements (`Database.read_sync`, `write_sync`); for
# SQLAlchemy's AsyncConnection every statement must pass through the event loop's greenlet.
SYNC_CALLER: ContextVar[bool] = ContextVar("sqlite_sync_caller", default=False)


@contextmanager
def begin_mode(mode: str | None, *, sync_caller: bool = False) -> Iterator[None]:
    """Transactions this task begins within the block begin so (see `BEGIN_MODE`);
    `sync_caller`: its statements come from synchronous code (see `SYNC_CALLER`)."""
    tokens = BEGIN_MODE.set(mode), SYNC_CALLER.set(sync_caller)
    try:
        yield
    finally:
        BEGIN_MODE.reset(tokens[0])
        SYNC_CALLER.reset(tokens[1])


def _run(
    connection: sqlite3.Connection, operation: str | None, parameters: Any, many: bool
) -> Found:
    """One whole statement (none: nothing): its rows and what the cursor reports."""
    if operation is None:
        return None, -1, None, []
    cursor = connection.cursor()
    try:
        if many:
            cursor.executemany(operation, parameters)
        else:
            cursor.execute(operation, () if parameters is None else parameters)
        rows = cursor.fetchall() if cursor.description else []
        return cursor.description, cursor.rowcount, cursor.lastrowid, rows
    finally:
        cursor.close()


def _busy(error: sqlite3.OperationalError) -> bool:
    """Another connection holds the lock this statement needs."""
    return getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_BUSY


class WriteGate:
    """Where the writer transactions of one process take turns (a lock per event loop)."""

    def __init__(self) -> None:
        self._locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )

    def lock(self) -> asyncio.Lock:
        """This event loop's lock."""
        loop = asyncio.get_running_loop()
        found = self._locks.get(loop)
        if found is None:
            found = self._locks[loop] = asyncio.Lock()
        return found


class InlineCursor:
    """A DB-API cursor whose statement runs at once, on the calling thread."""

    server_side = False
    arraysize = 1

    def __init__(self, adapted: InlineConnection):
        self._adapted = adapted
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid: int | None = None
        self._rows: deque[Any] = deque()

    def execute(self, operation: str, parameters: Any = None) -> None:
        """Run one statement (the rows it returns are kept for fetching)."""
        self._store(self._adapted.run(operation, parameters, many=False))

    def executemany(self, operation: str, parameters: Sequence[Any]) -> None:
        """Run one statement for each set of parameters."""
        self._store(self._adapted.run(operation, parameters, many=True))

    def _store(self, found: Found) -> None:
        self.description, self.rowcount, self.lastrowid, rows = found
        self._rows = deque(rows)

    def fetchone(self) -> Any:
        return self._rows.popleft() if self._rows else None

    def fetchmany(self, size: int | None = None) -> list[Any]:
        count = self.arraysize if size is None else size
        return [self._rows.popleft() for _ in range(min(count, len(self._rows)))]

    def fetchall(self) -> list[Any]:
        rows = list(self._rows)
        self._rows.clear()
        return rows

    def __iter__(self):
        while self._rows:
            yield self._rows.popleft()

    def close(self) -> None:
        """Nothing is left open in SQLite; forget the unread rows."""
        self._rows.clear()

    async def _async_soft_close(self) -> None:
        """SQLAlchemy's asyncio results call this; the statement is already finished."""


class InlineConnection(AsyncAdapt_aiosqlite_connection):
    """SQLAlchemy's aiosqlite connection running statements inline, writers through the gate."""

    __slots__ = ("_gate", "_held", "pending_begin")

    def __init__(self, dbapi: Any, connection: aiosqlite.Connection, gate: WriteGate):
        super().__init__(dbapi, connection)
        self.pending_begin: str | None = None  # sent ahead of the next statement
        self._gate = gate
        self._held: asyncio.Lock | None = None  # the gate, while this connection writes

    def begin_with_next_statement(self, begin: str) -> None:
        """Start a transaction (`BEGIN …`) together with its first statement."""
        self.pending_begin = begin

    def run(self, operation: str | None, parameters: Any, *, many: bool) -> Found:
        """One statement (or none), and the BEGIN waiting for it (SQLAlchemy's errors on failure)."""
        begin, self.pending_begin = self.pending_begin, None
        sqlite = self._connection._conn
        try:
            if begin is None and sqlite.in_transaction and SYNC_CALLER.get():
                return _run(sqlite, operation, parameters, many)  # a lock held: nothing to wait for
            return await_only(self._statement(begin, operation, parameters, many))
        except Exception as error:
            if begin is not None and not sqlite.in_transaction:
                # Still unopened: a caller going on after the error must not run without it.
                self.pending_begin = begin
            self._handle_exception(error)

    async def _statement(
        self, begin: str | None, operation: str | None, parameters: Any, many: bool
    ) -> Found:
        sqlite = self._connection._conn
        if begin is None and sqlite.in_transaction:
            return _run(sqlite, operation, parameters, many)
        if begin is not None and begin != "BEGIN DEFERRED" and self._held is None:
            await self._enter_gate()
        deadline = time.monotonic() + BUSY_TIMEOUT
        pause = FIRST_PAUSE
        while True:  # a transaction's first statement: nothing is lost by trying it again
            try:
                if begin is not None:
                    sqlite.execute(begin)
                return _run(sqlite, operation, parameters, many)
            except sqlite3.OperationalError as error:
                if not _busy(error) or time.monotonic() + pause > deadline:
                    raise
                if sqlite.in_transaction:
                    sqlite.rollback()
            await asyncio.sleep(pause)
            pause = min(pause * 2, LONGEST_PAUSE)

    async def _enter_gate(self) -> None:
        lock = self._gate.lock()
        if lock.locked():  # a free gate is taken without a timer or a pass through the loop
            try:
                # Not wait_for: on 3.11 it swallows a cancel arriving as the lock is handed over.
                async with asyncio.timeout(BUSY_TIMEOUT):
                    await lock.acquire()
            except TimeoutError:
                raise sqlite3.OperationalError("database is locked") from None
        else:
            await lock.acquire()
        self._held = lock

    def _leave_gate(self) -> None:
        held, self._held = self._held, None
        if held is not None:
            held.release()

    def cursor(self, server_side: bool = False):
        if server_side:  # streamed results keep SQLAlchemy's cursor: the BEGIN goes first, alone
            if self.pending_begin is not None:
                self.run(None, None, many=False)
            return super().cursor(server_side=True)
        return InlineCursor(self)

    def commit(self) -> None:
        self._end(sqlite3.Connection.commit)

    def rollback(self) -> None:
        self._end(sqlite3.Connection.rollback)

    def _end(self, end) -> None:
        """COMMIT or ROLLBACK whatever SQLite has open (a BEGIN not yet sent opened nothing)."""
        self.pending_begin = None
        try:
            sqlite = self._connection._connection
            if sqlite is not None and sqlite.in_transaction:
                end(sqlite)
        except Exception as error:
            self._handle_exception(error)
        finally:
            self._leave_gate()

    def close(self) -> None:
        self._leave_gate()
        super().close()

    def terminate(self) -> None:
        self._leave_gate()
        super().terminate()


class InlineDBAPI(AsyncAdapt_aiosqlite_dbapi):
    """The aiosqlite DB-API adapter whose connections run statements inline."""

    def __init__(self) -> None:
        super().__init__(aiosqlite, sqlite3)
        self.gate = WriteGate()

    def connect(self, *args: Any, **kwargs: Any) -> InlineConnection:
        kwargs["check_same_thread"] = False  # opened in aiosqlite's thread, used on the loop's
        adapted = super().connect(*args, **kwargs)
        return InlineConnection(self, adapted._connection, self.gate)


class InlineDialect(SQLiteDialect_aiosqlite):
    """SQLAlchemy's aiosqlite dialect over `InlineDBAPI`, beginning as the task's `begin_mode` says."""

    driver = "inline"
    supports_statement_cache = True

    @classmethod
    def import_dbapi(cls) -> InlineDBAPI:
        return InlineDBAPI()

    def do_begin(self, dbapi_connection: Any) -> None:
        mode = BEGIN_MODE.get()
        if mode is not None:
            dbapi_connection.dbapi_connection.begin_with_next_statement(f"BEGIN {mode}")


registry.register("sqlite.inline", __name__, "InlineDialect")
