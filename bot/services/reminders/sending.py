"""The paced send loop: one message in flight, per-chat order, flood limits, retries by kind of failure.

The loop may be fed while it runs (`refill`): a sweep claims its next batch while the last one is
still going out, so every bot keeps chats to send to instead of waiting for a batch's slowest bot."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import overload

from bot import metrics
from bot.messages import (
    ChannelError,
    ChannelPort,
    DeliveryUncertain,
    Outgoing,
    RetryAfter,
    Unreachable,
)
from bot.services.reminders.pacing import ChatKey, Pacer
from bot.services.reminders.recipients import Recipient

logger = logging.getLogger(__name__)


@dataclass
class Job:
    """One message to one chat, and the slots it delivers (none for an admin notice)."""

    recipient: Recipient
    message: Outgoing
    slot_ids: tuple[int, ...] = ()
    where: str = ""
    failures: int = 0
    waits: int = 0


@dataclass
class SendStats:
    """What a run of the loop met."""

    sent: int = 0
    rate_limited: int = 0
    transient: int = 0
    uncertain: int = 0
    unreachable: int = 0
    given_up: int = 0


@dataclass(frozen=True)
class RetryRules:
    """How long to keep trying one message before leaving it to the next sweep."""

    max_failures: int = 5
    max_waits: int = 10
    backoff_base: float = 1.0
    backoff_cap: float = 60.0

    def backoff(self, failures: int) -> float:
        """Exponential: 1, 2, 4 … seconds, capped."""
        return min(self.backoff_cap, self.backoff_base * 2 ** (failures - 1))


@dataclass
class SendLoop:
    """Sends queued jobs; the callbacks persist outcomes before the next message goes out."""

    channels: Mapping[str, ChannelPort]
    pacer: Pacer
    on_sent: Callable[[Job, str | None, bool], Awaitable[None]]
    on_failed: Callable[[Job, str, bool], Awaitable[None]]  # (job, reason, permanent)
    on_unreachable: Callable[[Job], Awaitable[None]]
    on_tick: Callable[[], Awaitable[None]] | None = None
    # Called (one call at a time, beside the sends) while fewer than `refill_below` chats have
    # messages queued; it queues more with `add` and returns False once there is nothing more.
    refill: Callable[[], Awaitable[bool]] | None = None
    refill_below: int = 1
    rules: RetryRules = field(default_factory=RetryRules)
    tick_every: float = 30.0
    in_flight: int = 1
    stats: SendStats = field(default_factory=SendStats)
    _queues: dict[ChatKey, deque[Job]] = field(default_factory=dict)
    _last_tick: float = 0.0  # set when `run` starts

    def add(self, job: Job) -> None:
        """Queue a job behind the earlier ones to the same chat."""
        self._queues.setdefault(job.recipient.chat, deque()).append(job)

    async def run(self) -> SendStats:
        """Send everything queued (and whatever the callbacks add) as fast as the limits allow.

        At most `in_flight` messages are out at once (a crash may repeat that many), never two
        to one chat, so each chat gets its messages in order.
        """
        self._last_tick = self.pacer.monotonic()
        running: dict[asyncio.Task, ChatKey] = {}
        refill, refilling = self.refill, None
        more = refill is not None
        try:
            while self._queues or running or refilling or more:
                await self._maybe_tick()
                wanted = more and refilling is None and len(self._queues) < self.refill_below
                if refill is not None and wanted:
                    refilling = asyncio.ensure_future(refill())
                wait = self._start_next(running) if len(running) < self.in_flight else None
                if wait == 0:
                    continue
                waiting = [*running, *([refilling] if refilling else [])]
                if (
                    waiting
                ):  # a send finishing (or a refill) may free a slot before the wait is over
                    done, _ = await asyncio.wait(
                        waiting, timeout=self._until_tick(wait), return_when=asyncio.FIRST_COMPLETED
                    )
                    for task in done:
                        if task is refilling:
                            more, refilling = task.result(), None
                        else:
                            del running[task]
                            task.result()
                elif wait is not None:
                    await self.pacer.sleep(self._until_tick(wait))
        finally:
            for task in [*running, *([refilling] if refilling else [])]:
                task.cancel()
        return self.stats

    def _start_next(self, running: dict[asyncio.Task, ChatKey]) -> float | None:
        """Start the send that may go first; 0 if one started, else seconds to wait (None: no job).

        Chats are tried least recently served first, so the first ready one is usually near the front;
        a chat whose bot is at its limit waits while chats of other bots go.
        """
        busy = set(running.values())
        chosen, soonest = None, None
        for chat, queue in self._queues.items():
            if chat in busy:
                continue
            wait = self.pacer.wait_for(chat, queue[0].recipient.group)
            if soonest is None or wait < soonest:
                chosen, soonest = chat, wait
                if wait == 0:
                    break
        if chosen is None or soonest is None:
            return None
        if soonest > 0:
            return soonest
        job = self._queues[chosen][0]
        stamp = self.pacer.sent(chosen, job.recipient.group)
        self._queues[chosen] = self._queues.pop(chosen)  # to the back of the round
        running[asyncio.ensure_future(self._attempt(chosen, job, stamp))] = chosen
        return 0

    @overload
    def _until_tick(self, wait: float) -> float: ...
    @overload
    def _until_tick(self, wait: None) -> float | None: ...
    def _until_tick(self, wait: float | None) -> float | None:
        """`wait`, cut short at the next tick: leases are renewed even while a send hangs."""
        if self.on_tick is None:
            return wait
        due = max(0.0, self._last_tick + self.tick_every - self.pacer.monotonic())
        return due if wait is None else min(wait, due)

    async def _maybe_tick(self) -> None:
        if self.on_tick is not None and self.pacer.monotonic() - self._last_tick >= self.tick_every:
            self._last_tick = self.pacer.monotonic()
            await self.on_tick()

    async def _attempt(self, chat: ChatKey, job: Job, stamp: float) -> None:
        recipient = job.recipient
        try:
            try:
                sent = await self.channels[recipient.channel].send(recipient.chat_id, job.message)
            finally:
                self.pacer.answered(chat, recipient.group, stamp)
        except RetryAfter as error:
            self.stats.rate_limited += 1
            metrics.RATE_LIMITED.labels(recipient.channel).inc()
            job.waits += 1
            self.pacer.hold(chat, error.seconds)
            if job.waits > self.rules.max_waits:
                await self._give_up(chat, f"rate limited {job.waits} times")
        except DeliveryUncertain as error:
            self.stats.uncertain += 1
            logger.warning("delivery to %s:%s uncertain (%s); not resending", *chat, error)
            self._queues[chat].popleft()
            await self.on_sent(job, None, True)
            self._drop_if_empty(chat)
        except Unreachable:
            self.stats.unreachable += 1
            await self.on_unreachable(job)
            await self._fail_chat(chat, "unreachable", permanent=True)
        except ChannelError as error:
            self.stats.transient += 1
            job.failures += 1
            if job.failures >= self.rules.max_failures:
                await self._give_up(chat, f"{type(error).__name__}: {error}")
            else:
                metrics.RETRIES.labels(recipient.channel).inc()
                self.pacer.hold(chat, self.rules.backoff(job.failures))
        else:
            self.stats.sent += 1
            self._queues[chat].popleft()
            await self.on_sent(job, sent.message_id, False)
            self._drop_if_empty(chat)

    async def _give_up(self, chat: ChatKey, reason: str) -> None:
        """Leave this chat's messages (in order) to the next sweep."""
        self.stats.given_up += len(self._queues[chat])
        await self._fail_chat(chat, reason, permanent=False)

    async def _fail_chat(self, chat: ChatKey, reason: str, *, permanent: bool) -> None:
        for job in self._queues.pop(chat):
            await self.on_failed(job, reason, permanent)

    def _drop_if_empty(self, chat: ChatKey) -> None:
        if not self._queues[chat]:
            del self._queues[chat]
