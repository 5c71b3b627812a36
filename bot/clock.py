"""Time as a dependency, so tests can set it."""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
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


class AcceleratedClock:
    """Time running `speed` times faster than the machine's from `start` at Unix time `origin`
    (a soak bench lives a month in minutes; restarted processes share the same timeline)."""

    def __init__(self, start: datetime, speed: float, origin: float):
        self.start = start
        self.speed = speed
        self.origin = origin

    def now(self) -> datetime:
        """The simulated moment."""
        return self.start + timedelta(seconds=(time.time() - self.origin) * self.speed)


def clock_from_env(environ: Mapping[str, str]) -> Clock:
    """The machine's clock, or for benches only an accelerated one: `DONDOC_CLOCK_START` (ISO
    moment with its offset), `DONDOC_CLOCK_SPEED` (default 1), `DONDOC_CLOCK_ORIGIN` (the Unix
    time at which the clock reads START; default now)."""
    start = environ.get("DONDOC_CLOCK_START")
    if not start:
        return SystemClock()
    return AcceleratedClock(
        datetime.fromisoformat(start).astimezone(UTC),
        float(environ.get("DONDOC_CLOCK_SPEED", "1")),
        float(environ.get("DONDOC_CLOCK_ORIGIN") or time.time()),
    )
