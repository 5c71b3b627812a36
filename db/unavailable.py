"""Telling a database that is away (down, unreachable, locked by another process) from a bug."""

from __future__ import annotations

from sqlalchemy import exc


def database_unavailable(error: BaseException) -> bool:
    """Whether `error` means "try again later": the database could not be reached or was busy."""
    if isinstance(error, exc.DBAPIError):
        return error.connection_invalidated or isinstance(
            error, exc.OperationalError | exc.InterfaceError
        )
    # A pool wait that ran out, or a connection refused before the driver wrapped it.
    return isinstance(error, exc.TimeoutError | OSError)
