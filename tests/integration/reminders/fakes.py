"""Fakes for the reminder engine's tests: a fake timer for the pacer, a channel that fails on cue."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.messages import ChannelError, Outgoing, Sent
from bot.services.reminders.pacing import Pacer, RateLimits
from tests.fakes import FakeChannel


@dataclass
class FakeTimer:
    """Monotonic time that only moves when someone sleeps; every sleep is recorded."""

    now: float = 0.0
    sleeps: list[float] = field(default_factory=list)

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)

    def pacer(self, limits: RateLimits | None = None) -> Pacer:
        """A pacer on this timer."""
        return Pacer(limits or RateLimits(), monotonic=self.monotonic, sleep=self.sleep)


@dataclass
class ScriptedChannel(FakeChannel):
    """A FakeChannel that, per chat, raises the next scripted error before sending (None: send).

    Every attempt is logged with the fake time, so tests can check waits and order.
    """

    script: dict[str, list[ChannelError | None]] = field(default_factory=lambda: defaultdict(list))
    fail_always: dict[str, Callable[[], ChannelError]] = field(default_factory=dict)
    attempts: list[tuple[str, float]] = field(default_factory=list)
    timer: FakeTimer | None = None

    async def send(self, chat_id: str, message: Outgoing) -> Sent:
        self.attempts.append((chat_id, self.timer.now if self.timer else 0.0))
        if chat_id in self.fail_always:
            raise self.fail_always[chat_id]()
        queue = self.script.get(chat_id)
        error = queue.pop(0) if queue else None
        if error is not None:
            raise error
        return await super().send(chat_id, message)
