"""Time as a dependency, so tests can set it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    """Tells the current moment (aware, UTC)."""

    def now(self) -> datetime:
        """The current moment."""
        ...


class SystemClock:
    """The machine's clock (time-machine can still travel it in tests)."""

    def now(self) -> datetime:
        """The current moment in UTC."""
        return datetime.now(UTC)


class FixedClock:
    """A clock that stays where a test puts it."""

    def __init__(self, moment: datetime):
        self.moment = moment

    def now(self) -> datetime:
        """The moment the test set."""
        return self.moment

    def set(self, moment: datetime) -> None:
        """Move to another moment."""
        self.moment = moment
