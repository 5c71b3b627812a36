"""Telling a database that is away (down, unreachable, locked by another process) from a bug."""

from __future__ import annotations

import logging

from sqlalchemy import exc


def database_unavailable(error: BaseException) -> bool:
    """Whether `error` means "try again later": the database could not be reached or was busy."""
    if isinstance(error, exc.DBAPIError):
        return error.connection_invalidated or isinstance(
            error, exc.OperationalError | exc.InterfaceError
        )
    # A pool wait that ran out, or a connection refused before the driver wrapped it.
    return isinstance(error, exc.TimeoutError | OSError)


class OutageLog:
    """Logs a database outage once when `what` first meets it and once when it is over, not a
    traceback at every attempt in between; other failures are logged in full each time."""

    def __init__(self, logger: logging.Logger, what: str):
        self.logger = logger
        self.what = what
        self.away = False

    def failed(self, error: BaseException) -> None:
        """`what` failed with `error`: a bug (logged with its traceback) or the outage (once)."""
        if not database_unavailable(error):
            self.logger.error("%s failed", self.what, exc_info=error)
        elif not self.away:
            self.away = True
            self.logger.warning("%s: database unreachable (%r); retrying", self.what, error)

    def succeeded(self) -> None:
        """`what` worked: if the database was away, say it is back."""
        if self.away:
            self.away = False
            self.logger.info("%s: database reachable again", self.what)
