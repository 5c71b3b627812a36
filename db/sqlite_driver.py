"""aiosqlite under SQLAlchemy with one trip to the connection's thread per statement, not four.

SQLAlchemy's adapter creates a cursor, executes, fetches and closes it as four calls into
aiosqlite's worker thread. Each call is a hand-over between threads (a queue put, a wake-up,
the event loop's self-pipe, the GIL) that costs more than a small indexed statement itself,
so here one call does all four in the worker thread and brings back the rows together with
the description, row count and last row id. Likewise a transaction's BEGIN travels with its
first statement, and a COMMIT or ROLLBACK with no transaction open (the pool's reset after a
commit) makes no trip: sqlite3 itself would do nothing then. Only aiosqlite's
`Connection._execute` (queue a function for the worker thread; SQLAlchemy's adapter uses the
same queue) and `_connection` (the sqlite3 connection) are borrowed.
"""

from __future__ import annotations

import sqlite3
from collections import deque
from collections.abc import Sequence
from typing import Any

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_dbapi,
)
from sqlalchemy.util import await_only


def _run(
    connection: sqlite3.Connection, begin: str | None, operation: str, parameters: Any, many: bool
) -> tuple[Any, int, int | None, list[Any]]:
    """In the worker thread: the whole statement, its rows and what the cursor reports."""
    if begin is not None:
        connection.execute(begin)
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


class OneTripCursor:
    """A DB-API cursor whose statement runs in a single call to the connection's thread."""

    server_side = False
    arraysize = 1

    def __init__(self, adapted: OneTripConnection):
        self._adapted = adapted
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid: int | None = None
        self._rows: deque[Any] = deque()

    def execute(self, operation: str, parameters: Any = None) -> None:
        """Run one statement (the rows it returns are kept for fetching)."""
        self._trip(operation, parameters, many=False)

    def executemany(self, operation: str, parameters: Sequence[Any]) -> None:
        """Run one statement for each set of parameters."""
        self._trip(operation, parameters, many=True)

    def _trip(self, operation: str, parameters: Any, *, many: bool) -> None:
        adapted, connection = self._adapted, self._adapted._connection
        begin, adapted.pending_begin = adapted.pending_begin, None
        adapted.settled = False  # stays so if the wait is cancelled while the thread works on
        try:
            found = await_only(
                connection._execute(_run, connection._conn, begin, operation, parameters, many)
            )
        except Exception as error:
            adapted.settled = True
            adapted._handle_exception(error)
        adapted.settled = True
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
        """Nothing is left open in the worker thread; forget the unread rows."""
        self._rows.clear()

    async def _async_soft_close(self) -> None:
        """SQLAlchemy's asyncio results call this; the statement is already finished."""


class OneTripConnection(AsyncAdapt_aiosqlite_connection):
    """SQLAlchemy's aiosqlite connection handing out one-trip cursors."""

    __slots__ = ("pending_begin", "settled")

    def __init__(self, dbapi: Any, connection: aiosqlite.Connection):
        super().__init__(dbapi, connection)
        self.pending_begin: str | None = None  # sent ahead of the next statement
        self.settled = True  # the worker thread is done with every statement sent to it

    def begin_with_next_statement(self, begin: str) -> None:
        """Start a transaction (`BEGIN …`) in the same trip as its first statement."""
        self.pending_begin = begin

    def cursor(self, server_side: bool = False):
        if server_side:  # streamed results keep SQLAlchemy's cursor: the BEGIN goes first, alone
            begin, self.pending_begin = self.pending_begin, None
            if begin is not None:
                OneTripCursor(self).execute(begin)
            return super().cursor(server_side=True)
        return OneTripCursor(self)

    def commit(self) -> None:
        if self._transaction_open():
            super().commit()

    def rollback(self) -> None:
        if self._transaction_open():
            super().rollback()

    def _transaction_open(self) -> bool:
        """Whether SQLite may have a transaction to end (a BEGIN not yet sent started none)."""
        self.pending_begin = None
        if not self.settled:  # a statement may still be running: queue the end behind it
            return True
        # Read between trips, while the worker thread leaves this connection alone.
        sqlite = self._connection._connection
        return sqlite is not None and sqlite.in_transaction


class OneTripDBAPI(AsyncAdapt_aiosqlite_dbapi):
    """The aiosqlite DB-API adapter whose connections use one-trip cursors."""

    def __init__(self) -> None:
        super().__init__(aiosqlite, sqlite3)

    def connect(self, *args: Any, **kwargs: Any) -> OneTripConnection:
        adapted = super().connect(*args, **kwargs)
        return OneTripConnection(self, adapted._connection)
