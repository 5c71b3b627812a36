"""What handlers, services and jobs receive: settings, database, clock, channels and the bots held."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.messages import ChannelPort
from db.engine import Database


@dataclass
class HeldBots:
    """The bots whose lease this process holds (it receives and sends their reminders); None:
    no lease keeper runs (a command, the demo, a test), so every bot is this process's."""

    channels: frozenset[str] | None = None


@dataclass(frozen=True)
class Deps:
    """The process's dependencies, built once by the composition root (`bot.core.Core`).

    Frozen so nobody swaps a dependency under a running job; `channels` stays a dict because
    adapters register themselves in it while the process starts, and `held_bots` changes with
    the leases.
    """

    settings: Settings
    db: Database
    clock: Clock = field(default_factory=SystemClock)
    channels: dict[str, ChannelPort] = field(default_factory=dict)
    held_bots: HeldBots = field(default_factory=HeldBots)
