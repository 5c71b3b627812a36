"""What handlers, services and jobs receive: settings, database, clock and channels, nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.messages import ChannelPort
from db.engine import Database


@dataclass(frozen=True)
class Deps:
    """The process's dependencies, built once by the composition root (`bot.core.Core`).

    Frozen so nobody swaps a dependency under a running job; `channels` stays a dict because
    adapters register themselves in it while the process starts.
    """

    settings: Settings
    db: Database
    clock: Clock = field(default_factory=SystemClock)
    channels: dict[str, ChannelPort] = field(default_factory=dict)
