"""Logging an outage once when it starts and once when it ends, not a traceback per attempt."""

from __future__ import annotations

import logging
from collections.abc import Callable


class OutageLog:
    """Logs an outage (what `is_outage` recognises) once when `what` first meets it and once when
    it is over, not a traceback at every attempt in between; other failures are logged in full."""

    def __init__(
        self, logger: logging.Logger, what: str, is_outage: Callable[[BaseException], bool]
    ):
        self.logger = logger
        self.what = what
        self.is_outage = is_outage
        self.away = False

    def failed(self, error: BaseException) -> None:
        """`what` failed with `error`: a bug (logged with its traceback) or the outage (once)."""
        if not self.is_outage(error):
            self.logger.error("%s failed", self.what, exc_info=error)
        elif not self.away:
            self.away = True
            self.logger.warning("%s: database unreachable (%r); retrying", self.what, error)

    def succeeded(self) -> None:
        """`what` worked: if the database was away, say it is back."""
        if self.away:
            self.away = False
            self.logger.info("%s: database reachable again", self.what)
