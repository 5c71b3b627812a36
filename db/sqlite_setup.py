"""SQLite connections: WAL, a real busy timeout, a private file, and how each transaction begins.

BEGIN follows SQLAlchemy's documented recipe for pysqlite/aiosqlite: the driver's own implicit
BEGIN is switched off on connect, and the `begin` event emits ours, chosen by the execution
option `BEGIN_OPTION` of the engine the connection came from (see `db.engine.Database`).
Statements run in aiosqlite's thread, so SQLite's own wait for a lock never blocks the loop.
"""

from __future__ import annotations

import os

from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import URL

from db.failures import DatabaseProblem

BEGIN_OPTION = "dondoc_begin"
WRITE = "BEGIN IMMEDIATE"  # the default: a writer takes the lock up front, never busy half-way
READ = "BEGIN"  # deferred: one snapshot, no lock
LONE = ""  # no transaction: each statement reads one consistent snapshot by itself
BUSY_TIMEOUT_MS = 30_000  # how long a writer waits for another connection's transaction


def is_file_database(url: URL) -> bool:
    """A database in a file (not `:memory:`, not a `file:` URI)."""
    name = url.database or ""
    return name not in ("", ":memory:") and not name.startswith("file:")


def create_private(path: str) -> None:
    """Create the database file readable by its owner only; SQLite gives -wal and -shm its mode."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    except FileNotFoundError as missing:
        # Refused before the driver starts: aiosqlite's thread, failing to open the file, would
        # post its cleanup to an event loop that a failing command has already closed.
        raise DatabaseProblem("db.cannot_open", path=path) from missing


def tune_sqlite(sync_engine: Engine, url: URL) -> None:
    """WAL lets `dondoc remind` run beside `dondoc run` on one file."""

    database = url.database
    if database is not None and is_file_database(url):

        @event.listens_for(sync_engine, "do_connect")
        def _before_connect(_dialect, _record, _cargs, _cparams) -> None:
            create_private(database)

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # no implicit BEGIN: ours comes from `begin`
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")  # first: switching to WAL may wait
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        begin = connection.get_execution_options().get(BEGIN_OPTION, WRITE)
        if begin:
            connection.exec_driver_sql(begin)
