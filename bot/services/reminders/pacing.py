"""Flood limits, channel-agnostic: per chat, per group chat and per bot, as sliding windows.

"Overall" is per channel: Telegram's 30 messages a second are each bot's, so a process sending
through a hundred committees' bots paces each of them, and a saturated bot never holds up another's
chats (the next chat is picked among those whose bot has room)."""

from __future__ import annotations

import asyncio
import bisect
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

Sleeper = Callable[[float], Awaitable[None]]
Monotonic = Callable[[], float]
ChatKey = tuple[str, str]  # (channel, chat_id)


@dataclass(frozen=True)
class RateLimits:
    """Telegram's published limits by default; the bench scales them."""

    per_chat_per_second: float = 1.0
    overall_per_second: float = 30.0  # per channel (one bot)
    group_per_minute: float = 20.0
    # Windows a little longer than nominal, so network jitter never tips a request over.
    slack: float = 0.03


class _Window:
    """At most `limit` events in any `seconds`-long span: `rate` per `period`, stretched by the slack."""

    def __init__(self, rate: float, period: float, slack: float):
        self.limit = max(1, math.floor(rate * period))
        self.seconds = self.limit / rate * (1 + slack)
        self.times: deque[float] = deque()

    def wait(self, now: float) -> float:
        while self.times and self.times[0] <= now - self.seconds:
            self.times.popleft()
        return 0.0 if len(self.times) < self.limit else self.times[0] + self.seconds - now

    def record(self, now: float) -> None:
        self.times.append(now)

    def restamp(self, old: float, new: float) -> None:
        """Count the event recorded at `old` from `new` instead (unless it has left the window)."""
        try:
            self.times.remove(old)
        except ValueError:
            return
        bisect.insort(self.times, new)


class Pacer:
    """Tells how long to wait before the next message to a chat, and holds chats that were told to wait."""

    def __init__(
        self,
        limits: RateLimits,
        monotonic: Monotonic = time.monotonic,
        sleep: Sleeper = asyncio.sleep,
    ):
        self.limits = limits
        self.monotonic = monotonic
        self.sleep = sleep
        self._bots: dict[str, _Window] = {}
        self._chats: dict[ChatKey, _Window] = {}
        self._groups: dict[ChatKey, _Window] = {}
        self._held: dict[ChatKey, float] = {}

    def wait_for(self, chat: ChatKey, group: bool) -> float:
        """Seconds until a message to this chat fits every limit (0: now)."""
        now = self.monotonic()
        waits = [window.wait(now) for window in self._windows(chat, group)]
        return max(0.0, self._held.get(chat, now) - now, *waits)

    def sent(self, chat: ChatKey, group: bool) -> float:
        """Count a message about to be sent; its stamp, for `answered`."""
        now = self.monotonic()
        for window in self._windows(chat, group):
            window.record(now)
        return now

    def answered(self, chat: ChatKey, group: bool, stamp: float) -> None:
        """Count the message sent at `stamp` from now, when the platform has answered it.

        A request may leave later than it was started (the event loop busy, a slow connection):
        counted from its answer, the next one to that bot can never reach the platform first
        within the window, whatever the delay was.
        """
        now = self.monotonic()
        for window in self._windows(chat, group):
            window.restamp(stamp, now)

    def _windows(self, chat: ChatKey, group: bool) -> list[_Window]:
        windows = [self._bot(chat), self._chat(chat)]
        return [*windows, self._group(chat)] if group else windows

    def hold(self, chat: ChatKey, seconds: float) -> None:
        """Send nothing to this chat for `seconds` (a 429's retry_after, a backoff)."""
        self._held[chat] = max(self._held.get(chat, 0.0), self.monotonic() + seconds)

    def _bot(self, chat: ChatKey) -> _Window:
        channel = chat[0]
        window = self._bots.get(channel)
        if window is None:
            window = self._bots[channel] = _Window(
                self.limits.overall_per_second, 1, self.limits.slack
            )
        return window

    def _chat(self, chat: ChatKey) -> _Window:
        window = self._chats.get(chat)
        if window is None:
            window = self._chats[chat] = _Window(
                self.limits.per_chat_per_second, 1, self.limits.slack
            )
        return window

    def _group(self, chat: ChatKey) -> _Window:
        window = self._groups.get(chat)
        if window is None:
            window = self._groups[chat] = _Window(
                self.limits.group_per_minute / 60, 60, self.limits.slack
            )
        return window
