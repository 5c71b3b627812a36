"""Database failures named by what the operator must fix (a text key and its values).

Drivers report the same few problems in many shapes (asyncpg's SQLSTATE codes, sqlite3's
result codes, socket errors wrapped by SQLAlchemy); `classify` turns them into one `DatabaseProblem`.
"""

from __future__ import annotations

import errno
import socket
import sqlite3
from collections.abc import Iterator

from sqlalchemy.engine import URL, make_url

# SQLSTATE → text key (PostgreSQL's documented error codes).
SQLSTATES = {
    "3D000": "db.unknown_database",
    "28000": "db.unknown_role",
    "28P01": "db.wrong_password",
    "42501": "db.no_privilege",
    "53300": "db.too_many",
    "25006": "db.read_only",
    "53100": "db.disk_full",
}
# sqlite3's primary result codes → text key.
SQLITE_CODES = {
    sqlite3.SQLITE_CANTOPEN: "db.cannot_open",
    sqlite3.SQLITE_READONLY: "db.read_only",
    sqlite3.SQLITE_FULL: "db.disk_full",
    sqlite3.SQLITE_NOTADB: "db.not_database",
    sqlite3.SQLITE_BUSY: "db.locked",
    sqlite3.SQLITE_PERM: "db.read_only",
}

# Network and disk errors a database connection meets (a missing plan file is not one of them).
OS_ERRORS = {
    errno.ECONNREFUSED: "db.unreachable",
    errno.EHOSTUNREACH: "db.unreachable",
    errno.ENETUNREACH: "db.unreachable",
    errno.ETIMEDOUT: "db.unreachable",
    errno.EROFS: "db.read_only",
    errno.ENOSPC: "db.disk_full",
}


class DatabaseProblem(Exception):
    """A database failure the operator can fix: `key` names the text, `values` fill it."""

    def __init__(self, key: str, **values: str):
        super().__init__(key)
        self.key = key
        self.values = values


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The error, what SQLAlchemy wraps (`orig`) and its causes, each once."""
    seen: set[int] = set()
    pending = [error]
    while pending:
        current = pending.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        for inner in (getattr(current, "orig", None), current.__cause__, current.__context__):
            if isinstance(inner, BaseException):
                pending.append(inner)
        if isinstance(current, BaseExceptionGroup):
            pending.extend(current.exceptions)


def _values(url: URL) -> dict[str, str]:
    where = (
        url.database or ""
        if url.get_backend_name() == "sqlite"
        else f"{url.host}:{url.port or 5432}"
    )
    return {
        "where": where,
        "host": url.host or "",
        "name": url.database or "",
        "user": url.username or "",
        "path": url.database or "",
    }


def _key_of(error: BaseException) -> str | None:
    sqlstate = getattr(error, "sqlstate", None) or getattr(error, "pgcode", None)
    if isinstance(sqlstate, str) and sqlstate in SQLSTATES:
        return SQLSTATES[sqlstate]
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF in SQLITE_CODES:
            return SQLITE_CODES[code & 0xFF]
        if "unable to open" in str(error):
            return "db.cannot_open"
    if isinstance(error, socket.gaierror):
        return "db.unknown_host"
    if isinstance(error, ConnectionError | TimeoutError):
        return "db.unreachable"
    if isinstance(error, OSError):
        return OS_ERRORS.get(error.errno or 0)
    return None


def classify(error: BaseException, database_url: str) -> DatabaseProblem | None:
    """The problem behind `error` (with values from `database_url`), or None if not a known one."""
    for link in _chain(error):
        if isinstance(link, DatabaseProblem):
            return link
        key = _key_of(link)
        if key is not None:
            return DatabaseProblem(key, **_values(make_url(database_url)))
    return None
