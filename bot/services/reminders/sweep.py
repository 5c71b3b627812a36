"""The sweep: replan what changed, apply the catch-up rules, claim what is due and deliver it."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial

from sqlalchemy import exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import metrics
from bot.domain import SlotState
from bot.services.calendar import load_calendar
from bot.services.deps import Deps
from bot.services.reminders.affinity import served_committees
from bot.services.reminders.catchup import (
    revivable,
    revive_for_newcomers,
    skip_expired,
    skip_superseded,
)
from bot.services.reminders.claims import (
    ClaimedSlot,
    claim_due,
    new_owner,
    release_dead_claims,
    release_own_claims,
)
from bot.services.reminders.dispatch import Dispatcher, DispatchResult
from bot.services.reminders.ledger import (
    ReplanResult,
    hold_replan_lock,
    needs_replanning,
    replan_tasks,
)
from bot.services.reminders.pacing import Pacer
from bot.services.reminders.rolling import RollingPass
from bot.services.reminders.settings import ReminderSettings
from db.models import Plan, ReminderSlot, Task

logger = logging.getLogger(__name__)
REPLAN_CHUNK = 25


@dataclass
class SweepResult:
    """What one sweep did."""

    replanned: ReplanResult = field(default_factory=ReplanResult)
    skipped: int = 0
    revived: int = 0
    claimed: int = 0
    delivered: list[DispatchResult] = field(default_factory=list)

    @property
    def sent(self) -> list[tuple[int, str, str]]:
        """(slot, channel, chat) of every message sent."""
        return [item for result in self.delivered for item in result.sent]

    @property
    def states(self) -> dict[int, SlotState]:
        """How each claimed slot ended."""
        return {slot: state for result in self.delivered for slot, state in result.states.items()}


async def nothing_to_do(
    session: AsyncSession, now: datetime, cutoff: datetime, lease: timedelta
) -> bool:
    """One indexed look: no slot due, no stale claim, no newcomer to catch up, no task to replan."""
    slot = ReminderSlot
    work = or_(
        exists().where(slot.state == SlotState.PENDING.value, slot.fire_at <= cutoff),
        exists().where(slot.state == SlotState.CLAIMED.value, slot.claimed_at < now - lease),
        exists().where(revivable(slot, now)),
        exists().where(needs_replanning()),
    )
    return not await session.scalar(select(work))


class Sweeper:
    """One per process: sweeps on a schedule (`sweep`) or on the operator's demand (`sweep(cutoff=…)`)."""

    def __init__(
        self, deps: Deps, settings: ReminderSettings | None = None, pacer: Pacer | None = None
    ):
        self.deps = deps
        self.settings = settings or ReminderSettings.load()
        self.owner = new_owner()
        self.pacer = pacer or Pacer(self.settings.limits())
        self.dispatcher = Dispatcher(
            deps,
            self.pacer,
            self.owner,
            max_attempts=self.settings.max_attempts,
            in_flight=self.settings.in_flight,
            tick_every=self.settings.renew_seconds,
            # The next batch is claimed while the last one still has this many chats to go.
            refill_below=self.settings.batch_size,
        )
        self.rolling = RollingPass(self.settings.full_replan_minutes)
        self._dead_claims_released = False
        self._claims_abandoned = False  # a sweep stopped between claiming and settling

    @metrics.timed_sweep
    async def sweep(self, cutoff: datetime | None = None) -> SweepResult:
        """Deliver every slot due by `cutoff` (default: now); never twice, never a flood."""
        result = SweepResult()
        now = self.deps.clock.now()
        cutoff = cutoff or now
        db = self.deps.db
        lease = timedelta(seconds=self.settings.claim_lease_seconds)
        idle_check = self._dead_claims_released and not self._claims_abandoned
        if idle_check and not self.rolling.due(now):
            async with db.reading() as session:
                if await nothing_to_do(session, now, cutoff, lease):
                    return result
        async with db.transaction() as session:
            if not self._dead_claims_released:
                await release_dead_claims(session)
                self._dead_claims_released = True
            if self._claims_abandoned:  # take our own back now, not when their lease runs out
                await release_own_claims(session, self.owner)
            result.skipped += await skip_expired(session, now)
        result.replanned = await self.replan(now)
        async with db.transaction() as session:
            result.revived = await revive_for_newcomers(session, now)
            result.skipped += await skip_superseded(session, now, cutoff)
        returned: set[int] = set()
        self._claims_abandoned = True  # until every batch is settled
        for escalations in (True, False):
            claim = partial(
                self._claim, result=result, cutoff=cutoff, escalations=escalations, before=returned
            )
            delivered = await self.dispatcher.deliver(claim)
            result.delivered.append(delivered)
            returned |= delivered.returned
        self._claims_abandoned = False
        return result

    async def _claim(
        self,
        given_back: set[int],
        *,
        result: SweepResult,
        cutoff: datetime,
        escalations: bool,
        before: set[int],
    ) -> list[ClaimedSlot]:
        """The next batch of due slots of the committees whose bots this process holds; none this
        sweep gave back to pending (`before`, `given_back`)."""
        deps = self.deps
        async with deps.db.transaction() as session:
            held = deps.held_bots.channels
            committees = await served_committees(session, deps.channels, held, deps.clock.now())
            claimed = await claim_due(
                session,
                owner=self.owner,
                now=self.deps.clock.now(),  # a later batch's lease starts when it is taken
                cutoff=cutoff,
                lease=timedelta(seconds=self.settings.claim_lease_seconds),
                limit=self.settings.batch_size,
                escalations=escalations,
                exclude=before | given_back,
                committees=committees,
            )
        result.claimed += len(claimed)
        return claimed

    def note_full_replan(self, at: datetime) -> None:
        """Count every open task as replanned at `at` (a benchmark planned them itself)."""
        self.rolling.note(at)

    async def replan(self, now: datetime) -> ReplanResult:
        """Replan tasks changed since their last planning, and the share of the rolling pass that
        has come due (each open task once every `full_replan_minutes`: horizon, calendar, groups).

        Each committee's tasks in one transaction, exclusive of other processes' replanning and
        claiming: a claim never sees a unit's slots half planned, so a chat's reminders go out
        together and in order; other committees' claims go on between.
        """
        async with self.deps.db.reading() as session:
            changed = select(Task.id, Plan.committee_id).join(Plan, Plan.id == Task.plan_id)
            rows = await session.execute(changed.where(needs_replanning()))
            tasks = {task_id: committee_id for task_id, committee_id in rows}
            if self.rolling.due(now):
                tasks |= dict(await self.rolling.next_share(session, now))
        by_committee: dict[int, list[int]] = defaultdict(list)
        for task_id, committee_id in sorted(tasks.items()):
            by_committee[committee_id].append(task_id)
        total = ReplanResult()
        for committee_id, task_ids in by_committee.items():  # each on its own calendar
            async with self.deps.db.transaction() as session:
                await hold_replan_lock(session, exclusive=True)
                calendar = await load_calendar(session, committee_id)
                for start in range(0, len(task_ids), REPLAN_CHUNK):
                    chunk = task_ids[start : start + REPLAN_CHUNK]
                    total.add(
                        await replan_tasks(
                            session,
                            chunk,
                            now=now,
                            calendar=calendar,
                            tz=self.deps.settings.tz,
                            horizon_days=self.settings.horizon_days,
                        )
                    )
        return total
