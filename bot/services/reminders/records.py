"""Writing what a send achieved: its deliveries at once, the slots they finish soon after."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain import SlotState
from bot.services.reminders.claims import finish, keep_claims, mark_sent
from bot.services.reminders.sql import insert_missing
from db.models import Delivery

DELIVERY_KEY = ["slot_id", "channel", "chat_id"]


@dataclass
class Outcome:
    """One send's (or failure's) changes to the ledger."""

    deliveries: list[dict[str, Any]] = field(default_factory=list)
    finished: list[tuple[int, SlotState, str | None]] = field(default_factory=list)
    renewed: list[int] = field(default_factory=list)


class Recorder:
    """Commits outcomes on one connection; outcomes that arrive while a commit runs share the next one.

    A caller returns only once its deliveries are committed, so a message counts as in flight until
    its delivery is on disk (a crash repeats at most the messages in flight). Slots the deliveries
    finish as sent wait for `flush` (a tick, the batch's end) to be marked so, each at its own time:
    one statement for many instead of one per message. Until then they stay claimed, and a crash
    leaves them to the next sweep, which settles them from their deliveries without sending.
    """

    def __init__(self, connection: AsyncConnection, owner: str):
        self.connection = connection
        self.owner = owner
        self._pending: list[Outcome] = []
        self._sent: list[tuple[int, datetime]] = []  # (slot, when) committed but not yet marked
        self._lock = asyncio.Lock()

    async def write(self, outcome: Outcome, now: datetime) -> None:
        """Commit this outcome (with any others waiting); its sent slots are marked at the next flush."""
        self._pending.append(outcome)
        async with self._lock:
            if not self._pending:
                return  # an earlier caller committed ours with theirs
            batch, self._pending = self._pending, []
            async with self.connection.begin():
                sent = await self._apply(batch, now)
            self._sent += sent  # only once committed: a slot is marked sent after its delivery

    async def flush(self) -> None:
        """Mark the slots delivered so far as sent."""
        async with self._lock:
            if self._sent:
                sent, self._sent = self._sent, []
                async with self.connection.begin():
                    await mark_sent(self.connection, self.owner, sent)

    async def _apply(self, batch: list[Outcome], now: datetime) -> list[tuple[int, datetime]]:
        """Write the batch; the slots it finishes as sent, to mark at the next flush."""
        deliveries = [row for outcome in batch for row in outcome.deliveries]
        await insert_missing(self.connection, Delivery, deliveries, DELIVERY_KEY)
        sent: list[tuple[int, datetime]] = []
        finished: dict[tuple[SlotState, str | None], list[int]] = defaultdict(list)
        for outcome in batch:
            for slot_id, state, error in outcome.finished:
                if state is SlotState.SENT:  # a delivery of it is committed by now, or with this
                    sent.append((slot_id, now))
                else:
                    finished[(state, error)].append(slot_id)
        for (state, error), slot_ids in finished.items():
            await finish(self.connection, self.owner, slot_ids, state, now, error)
        renewed = [slot_id for outcome in batch for slot_id in outcome.renewed]
        await keep_claims(self.connection, self.owner, renewed, now)
        return sent
