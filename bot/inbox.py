"""A channel's inbox at work: updates stored first, then handled (each chat in order, chats side
by side) and answered; what a crash, a database outage or a failed send left is taken up again.

A channel service calls `accept` with what it received and confirms it to the platform only once
`accept` returned; `accept` raises when the database is away (the service keeps the update).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Protocol

from bot.channels.replies import send_replies
from bot.messages import (
    ChannelError,
    ChannelPort,
    FinishUpdate,
    Incoming,
    NewUpdate,
    Outgoing,
    PrepareUpdate,
    StoreUnavailable,
)
from bot.outage_log import OutageLog
from bot.services import inbox as table
from bot.services.inbox import InboxItem
from bot.services.reminders.claims import new_owner
from bot.texts import t
from db.unavailable import database_unavailable

if TYPE_CHECKING:
    from bot.clock import Clock
    from bot.config import Settings
    from db.engine import Database

logger = logging.getLogger(__name__)
CONCURRENT_CHATS = 16
# Updates being answered at once, from the send to the done mark: after a kill -9 at most these
# are answered twice (a sent message cannot be taken back, nor stored with its send).
ANSWERS_AT_ONCE = 1
SWEEP_EVERY = 2.0  # seconds between looks for left-over rows (and between retries when away)
LONGEST_WAIT = 10.0
MAX_ATTEMPTS = 12
KEEP_DONE = timedelta(days=7)


def retry_delay(attempts: int) -> timedelta:
    """Backoff before attempt `attempts + 1`: 1 s, 2 s, 4 s … up to 5 minutes."""
    return timedelta(seconds=min(2 ** max(attempts - 1, 0), 300))


class InboxHost(Protocol):
    """What the inbox works with: the core's handling, channels, database, clock and settings."""

    @property
    def settings(self) -> Settings:
        """The process's settings."""
        ...

    @property
    def db(self) -> Database:
        """Where the inbox keeps the updates."""
        ...

    @property
    def clock(self) -> Clock:
        """The process's clock."""
        ...

    @property
    def channels(self) -> dict[str, ChannelPort]:
        """The channel ports by name."""
        ...

    async def handle(self, incoming: Incoming) -> list[Outgoing]:
        """The messages to send back for one update."""
        ...


class Inbox:
    """One channel's stored updates: `accept` new ones, `start` takes up what was left."""

    def __init__(
        self,
        core: InboxHost,
        channel: str,
        *,
        prepare: PrepareUpdate | None = None,
        finish: FinishUpdate | None = None,
        sweep_every: float = SWEEP_EVERY,
    ):
        self.core = core
        self.channel = channel
        self.prepare = prepare  # e.g. Zalo: a bare number picks the pending choice
        self.finish = finish  # e.g. Telegram: answer the button press
        self.sweep_every = sweep_every
        self.owner = new_owner()
        self.handled = 0  # updates finished (handled and answered, or given up) by this process
        self._progress = asyncio.Condition()
        self._queues: dict[tuple[str, str], deque[InboxItem]] = {}
        self._workers: set[asyncio.Task] = set()
        self._in_hand: set[int] = set()
        self._told: set[int] = set()  # delayed senders told so, when the database could not say
        self._slots = asyncio.Semaphore(CONCURRENT_CHATS)
        self._answering = asyncio.Semaphore(ANSWERS_AT_ONCE)
        self._sweeper: asyncio.Task | None = None
        self._outage = OutageLog(logger, f"{channel} inbox sweep", database_unavailable)

    async def accept(self, updates: Sequence[NewUpdate]) -> None:
        """Store the updates in one transaction, then queue them for handling; raises
        `StoreUnavailable` if the database is away (nothing is stored then)."""
        try:
            stored = await table.store(
                self.core.db, self.channel, updates, self.owner, self.core.clock.now()
            )
        except Exception as error:
            if database_unavailable(error):
                raise StoreUnavailable(repr(error)) from error
            raise
        for item in stored:
            self._enqueue(item)

    def start(self) -> None:
        """Take up, now and periodically, what a crash, an outage or a failed send left."""
        self._sweeper = asyncio.create_task(self._sweep_forever(), name=f"{self.channel}-inbox")

    async def stop(self, grace: float = 10.0) -> None:
        """Stop sweeping; let the updates in hand finish (up to `grace` s)."""
        if self._sweeper is not None:
            self._sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sweeper
            self._sweeper = None
        if self._workers:
            _finished, late = await asyncio.wait(set(self._workers), timeout=grace)
            for worker in late:
                worker.cancel()

    async def wait_handled(self, count: int, timeout: float = 30) -> None:
        """Wait until `count` updates have been finished in all (the demo's pacing)."""
        async with self._progress:
            await asyncio.wait_for(self._progress.wait_for(lambda: self.handled >= count), timeout)

    def _enqueue(self, item: InboxItem) -> None:
        if item.id in self._in_hand:
            return
        self._in_hand.add(item.id)
        queue = self._queues.get(item.chat)
        if queue is not None:  # the chat's worker takes it after the earlier ones
            queue.append(item)
            return
        self._queues[item.chat] = deque([item])
        worker = asyncio.create_task(self._work_chat(item.chat))
        self._workers.add(worker)
        worker.add_done_callback(self._workers.discard)

    async def _work_chat(self, chat: tuple[str, str]) -> None:
        queue = self._queues[chat]
        try:
            async with self._slots:
                while queue:
                    try:
                        await self._process(queue[0])
                    finally:
                        queue.popleft()
        finally:
            del self._queues[chat]

    async def _process(self, item: InboxItem) -> None:
        """Handle (unless only replies are left) and answer one update; settle its row."""
        incoming, replies, handled = item.incoming, item.replies, item.replies is not None
        try:
            try:
                if replies is None:
                    if self.prepare is not None:
                        incoming = await self.prepare(incoming)
                    replies = tuple(await self.core.handle(incoming))
                    handled = True
                left = await self._answer(item, incoming, replies)
            finally:
                if self.finish is not None and item.replies is None:
                    await self.finish(incoming)
            if left:
                await self._retry(item, "reply not delivered", replies=left)
        except Exception as error:
            if not database_unavailable(error):
                logger.exception("inbox update %s failed", item.id)
            elif not handled:
                await self._tell_delayed(item)
            await self._retry(item, repr(error), replies=replies if handled else None)

    async def _answer(
        self, item: InboxItem, incoming: Incoming, replies: Sequence[Outgoing]
    ) -> list[Outgoing]:
        """Send the replies and, if they all went out, mark the row done; those left to send.

        An answer sent but not yet marked done is sent again after a crash: the send and the
        mark happen under a permit, so that a kill -9 repeats at most `ANSWERS_AT_ONCE`."""
        async with self._answering:
            left = await send_replies(self.core.channels, incoming, replies)
            if not left:
                await self._mark_done(item)
        return left

    async def _tell_delayed(self, item: InboxItem) -> None:
        """Tell the sender once that their message is kept and will be handled."""
        if item.told_delayed or item.id in self._told:
            return
        self._told.add(item.id)
        channel = self.core.channels.get(self.channel)
        if channel is None:
            return
        text = t("inbox.delayed", self.core.settings.locale)
        with contextlib.suppress(ChannelError):
            await channel.send(item.incoming.chat_id, Outgoing(text=text))

    async def _retry(
        self, item: InboxItem, error: str, replies: Sequence[Outgoing] | None = None
    ) -> None:
        """Leave the row for a later attempt; if even that cannot be written, the sweeper takes
        it up again once the database is back (it is ours and no longer in hand)."""
        give_up = item.attempts >= MAX_ATTEMPTS
        if give_up:
            logger.error("inbox update %s given up after %s attempts", item.id, item.attempts)
        try:
            await table.retry_later(
                self.core.db,
                item,
                self.owner,
                at=self.core.clock.now() + retry_delay(item.attempts),
                error=error,
                told_delayed=item.told_delayed or item.id in self._told,
                replies=replies,
                give_up=give_up,
            )
        except Exception as failure:
            if not database_unavailable(failure):
                logger.exception("inbox update %s: retry not saved", item.id)
        self._in_hand.discard(item.id)
        if give_up:
            await self._count()

    async def _mark_done(self, item: InboxItem) -> None:
        try:
            await table.mark_done(self.core.db, [item.id], self.core.clock.now())
        except Exception as error:
            # Not marked: handled again later, answered twice at worst, recorded once.
            logger.warning("inbox update %s: done mark not saved: %r", item.id, error)
        self._in_hand.discard(item.id)
        await self._count()

    async def _count(self) -> None:
        self.handled += 1
        async with self._progress:
            self._progress.notify_all()

    async def _sweep_forever(self) -> None:
        wait, last_cleanup = self.sweep_every, None
        while True:
            try:
                now = self.core.clock.now()
                items = await table.claim_left(
                    self.core.db, self.channel, self.owner, now, set(self._in_hand)
                )
                if last_cleanup is None or now - last_cleanup > timedelta(hours=1):
                    await table.forget_done(self.core.db, now - KEEP_DONE)
                    last_cleanup = now
                for item in items:
                    self._enqueue(item)
                self._outage.succeeded()
                wait = self.sweep_every
            except Exception as error:
                self._outage.failed(error)
                wait = min(wait * 2, LONGEST_WAIT)
            await asyncio.sleep(wait)
