"""Flood limits (scaled for tests) and injected faults, as the emulator applies them."""

from __future__ import annotations

import math
import random
from collections import Counter, deque
from dataclasses import dataclass, field

SENDING_METHODS = frozenset(
    {"sendmessage", "senddocument", "sendphoto", "editmessagetext", "editmessagereplymarkup"}
)
FAULT_KINDS = ("429", "500", "timeout")


@dataclass
class Stats:
    """What the emulator saw and answered."""

    requests: int = 0
    methods: Counter[str] = field(default_factory=Counter)
    errors: Counter[int] = field(default_factory=Counter)
    rate_limited: int = 0  # 429s sent because a flood limit was exceeded
    faults: Counter[str] = field(default_factory=Counter)
    duplicates: int = 0  # the same (chat, text) delivered more than once


class _Window:
    """Timestamps of accepted requests within a sliding window."""

    def __init__(self, limit: int, seconds: float):
        self.limit, self.seconds = limit, seconds
        self.times: deque[float] = deque()

    def wait_needed(self, now: float) -> float:
        """Seconds until one more request fits (0 when it fits now)."""
        while self.times and self.times[0] <= now - self.seconds:
            self.times.popleft()
        if len(self.times) < self.limit:
            return 0.0
        return self.times[0] + self.seconds - now


@dataclass
class FloodLimits:
    """Telegram's flood limits, scaled: overall per second, per chat per second, per group per minute."""

    overall_per_s: int | None = None
    per_chat_per_s: int | None = None
    group_per_min: int | None = None
    _overall: _Window | None = None
    _chats: dict[int, _Window] = field(default_factory=dict)
    _groups: dict[int, _Window] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.overall_per_s:
            self._overall = _Window(self.overall_per_s, 1.0)

    def _windows(self, chat_id: int) -> list[_Window]:
        windows = [self._overall] if self._overall else []
        if self.per_chat_per_s:
            windows.append(self._chats.setdefault(chat_id, _Window(self.per_chat_per_s, 1.0)))
        if self.group_per_min and chat_id < 0:
            windows.append(self._groups.setdefault(chat_id, _Window(self.group_per_min, 60.0)))
        return windows

    def check(self, chat_id: int, now: float) -> int | None:
        """None and the request is counted, or the whole seconds to wait (Telegram's retry_after)."""
        windows = self._windows(chat_id)
        wait = max((window.wait_needed(now) for window in windows), default=0.0)
        if wait > 0:
            return max(1, math.ceil(wait))
        for window in windows:
            window.times.append(now)
        return None


@dataclass
class Faults:
    """Random failures: 429 (with retry_after), 500, or a timeout (done, but the answer is lost)."""

    rate: float = 0.0
    kinds: tuple[str, ...] = FAULT_KINDS
    seed: int | None = None
    methods: frozenset[str] = SENDING_METHODS
    retry_after: int = 1
    _random: random.Random = field(init=False)

    def __post_init__(self) -> None:
        unknown = set(self.kinds) - set(FAULT_KINDS)
        if unknown:
            raise ValueError(f"unknown fault kinds {sorted(unknown)}; use {FAULT_KINDS}")
        self._random = random.Random(self.seed)

    def draw(self, method: str) -> str | None:
        """The fault to inject into this request, if any."""
        if self.rate <= 0 or method not in self.methods:
            return None
        if self._random.random() >= self.rate:
            return None
        return self._random.choice(self.kinds)
