"""Serving only the bots whose lease this process holds: several `dondoc run` never poll one bot,
nor pace one token's reminders in two places.

The keeper renews its leases every `RENEW_EVERY` seconds, starts receiving a bot it has just taken
and pauses one it lost, and tells the sweep which bots it holds (`HeldBots`: the sweep claims the
reminders of the committees whose first bot is held here); on stop it gives its leases back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from bot.channels.failures import describe_channel_failure
from bot.messages import ChannelError
from bot.outage_log import OutageLog
from bot.services.bot_leases import LEASE, hold_leases, release_leases
from bot.services.deps import HeldBots
from bot.services.reminders.claims import new_owner
from db.unavailable import database_unavailable

if TYPE_CHECKING:
    from datetime import timedelta

    from bot.clock import Clock
    from db.engine import Database

logger = logging.getLogger(__name__)
RENEW_EVERY = 15.0  # seconds; a third of the lease, so two renewals may fail before it expires


class Receiver(Protocol):
    """A bot's receiving side the keeper turns on and off."""

    @property
    def name(self) -> str:
        """The bot's channel name (the lease's key)."""
        ...

    async def start(self) -> None:
        """Begin receiving (again)."""
        ...

    async def pause(self) -> None:
        """Stop receiving; sending goes on."""
        ...


class LeaseKeeper:
    """Holds the leases of `receivers`' bots and receives exactly the bots it holds."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        receivers: Sequence[Receiver],
        *,
        locale: str = "vi",
        held_bots: HeldBots | None = None,
        sends_reminders: bool = True,
        owner: str | None = None,
        lease: timedelta = LEASE,
        renew_every: float = RENEW_EVERY,
    ):
        self.db = db
        self.clock = clock
        self.receivers = list(receivers)
        self.locale = locale
        self.held_bots = held_bots or HeldBots()
        self.sends_reminders = sends_reminders  # False (`run --no-scheduler`): others send them
        self.owner = owner or new_owner()
        self.lease = lease
        self.renew_every = renew_every
        self.held: set[str] = set()  # leases held at the last renewal
        self.receiving: set[str] = set()
        self._task: asyncio.Task | None = None
        self._outage = OutageLog(logger, "bot leases", database_unavailable)

    async def renew(self) -> dict[str, ChannelError]:
        """Take or renew the leases, then receive exactly the bots held; the bots that failed
        to start (each paused again, retried at the next renewal)."""
        names = [receiver.name for receiver in self.receivers]
        self.held = await hold_leases(
            self.db,
            names,
            self.owner,
            self.clock.now(),
            self.lease,
            sends_reminders=self.sends_reminders,
        )
        self.held_bots.channels = frozenset(self.held)
        failed: dict[str, ChannelError] = {}
        for receiver in self.receivers:
            if receiver.name in self.held and receiver.name not in self.receiving:
                try:
                    await receiver.start()
                except ChannelError as error:
                    await receiver.pause()
                    failed[receiver.name] = error
                    continue
                self.receiving.add(receiver.name)
                logger.info("%s: lease taken by %s", receiver.name, self.owner)
            elif receiver.name not in self.held and receiver.name in self.receiving:
                await receiver.pause()
                self.receiving.discard(receiver.name)
                logger.info("%s: lease lost; another process receives it", receiver.name)
        return failed

    def begin(self) -> None:
        """Renew every `renew_every` seconds from now on."""
        self._task = asyncio.create_task(self._renew_forever(), name="bot-leases")

    async def _renew_forever(self) -> None:
        while True:
            await asyncio.sleep(self.renew_every)
            try:
                failed = await self.renew()
            except Exception as error:
                self._outage.failed(error)  # a lease not renewed lapses: another process takes it
                continue
            self._outage.succeeded()
            for name, failure in failed.items():
                logger.error("%s", describe_channel_failure(name, failure, self.locale))

    async def stop(self) -> None:
        """Stop renewing, stop receiving and give the leases back."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        for receiver in self.receivers:
            if receiver.name in self.receiving:
                await receiver.pause()
        self.receiving.clear()
        self.held_bots.channels = frozenset()
        try:
            await release_leases(self.db, self.owner)
        except Exception as error:
            if not database_unavailable(error):
                raise
            logger.warning("bot leases not given back (they lapse in %s): %r", self.lease, error)
        self.held.clear()
