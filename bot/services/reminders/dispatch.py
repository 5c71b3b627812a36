"""Delivery of claimed slots: build the messages, send them paced, record each send before finishing the slot."""

from __future__ import annotations

import html
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import metrics
from bot.domain import Role, SlotKind, SlotState
from bot.messages import Outgoing
from bot.services.deps import Deps
from bot.services.reminders.claims import ClaimedSlot, finish
from bot.services.reminders.pacing import Pacer
from bot.services.reminders.recipients import (
    COMMITTEE_CHAT,
    Recipient,
    mark_unreachable,
    role_recipients,
    unit_recipients,
)
from bot.services.reminders.records import Outcome, Recorder
from bot.services.reminders.render import SlotFacts, escalation_texts, load_facts, unit_reminder
from bot.services.reminders.sending import Job, RetryRules, SendLoop, SendStats
from bot.services.reminders.targets import reminder_targets, unit_progress
from bot.texts import t
from db.models import Delivery

logger = logging.getLogger(__name__)
# Claims the next batch, not those slots given back (pending) earlier in this delivery; [] when none.
Claim = Callable[[set[int]], Awaitable[list[ClaimedSlot]]]


@dataclass
class DispatchResult:
    """What one delivery (one or more claimed batches) came to."""

    sent: list[tuple[int, str, str]] = field(default_factory=list)  # (slot, channel, chat)
    states: dict[int, SlotState] = field(default_factory=dict)
    returned: set[int] = field(default_factory=set)  # the slots given back to pending
    stats: SendStats = field(default_factory=SendStats)


@dataclass
class _SlotProgress:
    attempts: int
    jobs: int = 0
    delivered: bool = False
    deferred: str | None = None


class Dispatcher:
    """Delivers claimed slots through `deps.channels`, owning them as `owner`."""

    def __init__(
        self,
        deps: Deps,
        pacer: Pacer,
        owner: str,
        *,
        max_attempts: int = 5,
        rules: RetryRules | None = None,
        tick_every: float = 30.0,
        in_flight: int = 1,
        refill_below: int = 1,
    ):
        self.deps = deps
        self.pacer = pacer
        self.owner = owner
        self.max_attempts = max_attempts
        self.rules = rules or RetryRules()
        self.tick_every = tick_every
        self.in_flight = in_flight
        self.refill_below = refill_below

    async def deliver(self, claim: Claim) -> DispatchResult:
        """Send one message per slot and chat of every batch `claim` gives, the next batch claimed
        while fewer than `refill_below` chats are left to send to; each slot ends sent,
        undeliverable, cancelled or pending."""
        return await _Delivery(self, claim).run()


class _Delivery:
    """Claimed batches on their way out, through one send loop."""

    def __init__(self, dispatcher: Dispatcher, claim: Claim):
        self.deps = dispatcher.deps
        self.owner = dispatcher.owner
        self.max_attempts = dispatcher.max_attempts
        self.claim = claim
        self.kinds: dict[int, str] = {}  # every slot claimed, by kind (for the metrics)
        self.progress: dict[int, _SlotProgress] = {}
        self.result = DispatchResult()
        self.recorder: Recorder | None = None  # while the loop runs
        self.loop = SendLoop(
            self.deps.channels,
            dispatcher.pacer,
            on_sent=self.sent,
            on_failed=self.failed,
            on_unreachable=self.unreachable,
            on_tick=self.keep_claims,
            refill=self.refill,
            refill_below=dispatcher.refill_below,
            rules=dispatcher.rules,
            tick_every=dispatcher.tick_every,
            in_flight=dispatcher.in_flight,
        )

    @property
    def recording(self) -> Recorder:
        """The recorder; the send loop's callbacks run only while `run` has one."""
        if self.recorder is None:
            raise RuntimeError("sends are recorded only while the delivery's loop runs")
        return self.recorder

    async def run(self) -> DispatchResult:
        # One connection records every send: checking one out per message costs more than the record.
        async with self.deps.db.engine.connect() as connection:
            self.recorder = Recorder(connection, self.owner)
            try:
                self.result.stats = await self.loop.run()
            finally:
                await self.recorder.flush()
        metrics.count_settled(self.kinds, self.result.states)
        return self.result

    async def refill(self) -> bool:
        """Claim the next batch and queue its messages; False when nothing is left to claim."""
        claimed = await self.claim(self.result.returned)
        if not claimed:
            return False
        self.kinds |= {slot.id: slot.kind for slot in claimed}
        self.progress |= {slot.id: _SlotProgress(slot.attempts) for slot in claimed}
        # Taken before the recipients are read: catch-up revives a slot only for accounts added
        # after it was settled, so someone joining during this read must count as later.
        now = self.deps.clock.now()
        async with self.deps.db.reading() as session:
            jobs, settled = await self.plan(session, claimed)
        async with self.deps.db.transaction() as session:
            for state, ids in settled.items():
                error = "no recipient" if state is SlotState.UNDELIVERABLE else None
                await finish(session, self.owner, ids, state, now, error)
                self.result.states |= dict.fromkeys(ids, state)
        for job in jobs:
            self.loop.add(job)
        return True

    async def plan(
        self, session: AsyncSession, claimed: list[ClaimedSlot]
    ) -> tuple[list[Job], dict[SlotState, list[int]]]:
        """The jobs to send; the slots settled without sending (cancelled, undeliverable, sent before)."""
        facts = await load_facts(session, claimed)
        owed = await self._still_owed(session, list(facts.values()))
        settled: dict[SlotState, list[int]] = defaultdict(list)
        settled[SlotState.CANCELLED] = [s.id for s in claimed if s.id not in owed]
        facts = {slot_id: item for slot_id, item in facts.items() if slot_id in owed}
        done = await self._delivered_before(session, list(facts))
        today = self.deps.clock.now().astimezone(self.deps.settings.tz).date()
        channels = self.deps.channels
        units = [f for f in facts.values() if f.slot.kind != SlotKind.ESCALATION]
        chats = await unit_recipients(session, {f.slot.unit_id for f in units}, channels)
        jobs = [
            job
            for item in units
            for job in self._unit_jobs(item, chats[item.slot.unit_id], done, today)
        ]
        escalations = [f for f in facts.values() if f.slot.kind == SlotKind.ESCALATION]
        by_committee: dict[int, list[SlotFacts]] = defaultdict(list)
        for item in escalations:
            by_committee[item.task.plan.committee_id].append(item)
        for committee_id, items in by_committee.items():  # each committee's leaders, its own
            leaders = await role_recipients(
                session, Role.LEADER, channels, COMMITTEE_CHAT, committee_id=committee_id
            )
            jobs += self._escalation_jobs(items, leaders, done, today)
        for job in jobs:
            for slot_id in job.slot_ids:
                self.progress[slot_id].jobs += 1
        for slot_id in facts:
            progress = self.progress[slot_id]
            if progress.jobs == 0:
                settled[SlotState.SENT if progress.delivered else SlotState.UNDELIVERABLE].append(
                    slot_id
                )
        return jobs, settled

    async def _still_owed(self, session: AsyncSession, facts: list[SlotFacts]) -> set[int]:
        """Slots whose unit still leads the task and has not completed it (a report may just have come)."""
        tasks = list({f.task.id: f.task for f in facts}.values())
        targets = await reminder_targets(session, [task.id for task in tasks])
        progress = await unit_progress(session, tasks, targets, self.deps.settings.tz)
        owed = set()
        for item in facts:
            unit = progress.get((item.task.id, item.slot.unit_id))
            if unit is not None and unit.completed_at is None:
                owed.add(item.slot.id)
        return owed

    async def _delivered_before(
        self, session: AsyncSession, slot_ids: list[int]
    ) -> set[tuple[int, str, str]]:
        """(slot, channel, chat) already recorded: a retry after a crash never resends to those chats."""
        rows = await session.execute(
            select(Delivery.slot_id, Delivery.channel, Delivery.chat_id).where(
                Delivery.slot_id.in_(slot_ids)
            )
        )
        done = {(slot_id, channel, chat_id) for slot_id, channel, chat_id in rows}
        for slot_id, _channel, _chat in done:
            self.progress[slot_id].delivered = True
        return done

    def _locale(self, recipient: Recipient) -> str:
        return recipient.locale or self.deps.settings.locale

    def _unit_jobs(
        self, facts: SlotFacts, recipients: list[Recipient], done: set, today: date
    ) -> list[Job]:
        slot = facts.slot
        return [
            Job(r, self._reminder(facts, r, today), (slot.id,), facts.unit_name)
            for r in recipients
            if (slot.id, r.channel, r.chat_id) not in done
        ]

    def _reminder(self, facts: SlotFacts, recipient: Recipient, today: date) -> Outgoing:
        """The slot's message as the recipient's channel can carry it."""
        capabilities = self.deps.channels[recipient.channel].capabilities
        return unit_reminder(facts, today, self._locale(recipient), capabilities)

    def _escalation_jobs(
        self, items: list[SlotFacts], leaders: list[Recipient], done: set, today: date
    ) -> list[Job]:
        jobs = []
        where = t("reminder.committee", self.deps.settings.locale)
        for recipient in leaders:
            owed = [f for f in items if (f.slot.id, *recipient.chat) not in done]
            max_text = self.deps.channels[recipient.channel].capabilities.max_text
            for text, ids in escalation_texts(owed, today, self._locale(recipient), max_text):
                jobs.append(Job(recipient, Outgoing(text=text), tuple(ids), where))
        return jobs

    async def sent(self, job: Job, message_id: str | None, uncertain: bool) -> None:
        """Record the delivery, then finish the slots it completes, in one transaction."""
        recipient, now = job.recipient, self.deps.clock.now()
        outcome = self._settle(job, delivered=True)
        outcome.deliveries = [
            {
                "slot_id": slot_id,
                "endpoint_id": recipient.endpoint_id,
                "channel": recipient.channel,
                "chat_id": recipient.chat_id,
                "message_id": message_id,
                "state": "uncertain" if uncertain else "sent",
                "sent_at": now,
            }
            for slot_id in job.slot_ids
        ]
        self.result.sent += [(slot_id, *recipient.chat) for slot_id in job.slot_ids]
        await self.recording.write(outcome, now)

    async def failed(self, job: Job, reason: str, permanent: bool) -> None:
        """A job that will not be sent now: unreachable chat (permanent) or left for the next sweep."""
        if not permanent:
            for slot_id in job.slot_ids:
                self.progress[slot_id].deferred = reason
        await self.recording.write(self._settle(job, delivered=False), self.deps.clock.now())

    def _settle(self, job: Job, *, delivered: bool) -> Outcome:
        """Count the job done for its slots: those with nothing left finish, the others' lease is renewed."""
        outcome = Outcome()
        for slot_id in job.slot_ids:
            progress = self.progress[slot_id]
            progress.delivered |= delivered
            progress.jobs -= 1
            if progress.jobs > 0:
                outcome.renewed.append(slot_id)
                continue
            if progress.deferred is not None:
                retry = progress.attempts < self.max_attempts
                state = SlotState.PENDING if retry else SlotState.UNDELIVERABLE
                error = progress.deferred
            elif progress.delivered:
                state, error = SlotState.SENT, None
            else:
                state, error = SlotState.UNDELIVERABLE, "unreachable"
            self.result.states[slot_id] = state
            if state is SlotState.PENDING:
                self.result.returned.add(slot_id)
            outcome.finished.append((slot_id, state, error))
        return outcome

    async def unreachable(self, job: Job) -> None:
        """Flag the chat; the process that flags it tells the admins, once per chat."""
        recipient = job.recipient
        async with self.deps.db.transaction() as session:
            if not await mark_unreachable(session, recipient):
                return
            admins = await role_recipients(
                session, Role.ADMIN, self.deps.channels, committee_id=recipient.committee_id
            )
        logger.warning(
            "reminders: %s chat %s unreachable; admins told", recipient.channel, recipient.chat_id
        )
        for admin in admins:
            text = t(
                "reminder.unreachable",
                self._locale(admin),
                name=html.escape(recipient.name, quote=False),
                where=html.escape(job.where, quote=False),
                channel=recipient.channel,
            )
            self.loop.add(Job(admin, Outgoing(text=text)))

    async def keep_claims(self) -> None:
        """Renew the lease of slots still waiting in the send loop; mark those delivered as sent."""
        still_open = [slot_id for slot_id, p in self.progress.items() if p.jobs > 0]
        await self.recording.write(Outcome(renewed=still_open), self.deps.clock.now())
        await self.recording.flush()  # well within the lease of the slots delivered meanwhile
