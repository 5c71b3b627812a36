"""Claiming due slots so that each goes out once, however many processes sweep, and finishing them."""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import BigInteger, Update, and_, bindparam, cast, literal, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import SlotKind, SlotState
from bot.services.reminders.catchup import newer_due_exists
from bot.services.reminders.ledger import hold_replan_lock
from bot.services.reminders.sql import Executor, dialect_name
from db.models import ReminderSlot, Unit
from db.results import rowcount

SPREAD, SPREAD_MODULUS = 2654435761, 4294967296


def _spread(column):
    """A scrambled order of ids, in 64-bit arithmetic on both databases."""
    wide = cast(column, BigInteger)
    return (wide * literal(SPREAD, BigInteger)) % literal(SPREAD_MODULUS, BigInteger)


@dataclass(frozen=True, slots=True)
class ClaimedSlot:
    """A slot this process now owns until it is finished or its lease runs out."""

    id: int
    task_id: int
    unit_id: int
    kind: str
    occurrence: str
    fire_at: datetime
    attempts: int


SLOTS = ReminderSlot.__table__  # hot path: plain table statements skip the ORM's bookkeeping
_LIVE_OWNERS: set[str] = set()  # claim names of the sweepers running in this process


def new_owner() -> str:
    """A claim name for one sweeper: host, pid and a random part (pids are reused)."""
    owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    _LIVE_OWNERS.add(owner)
    return owner


def owner_is_dead(owner: str) -> bool:
    """A claim left by a process of this host that no longer runs (or by this pid's former life)."""
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return owner not in _LIVE_OWNERS
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


async def release_dead_claims(session: AsyncSession) -> int:
    """Give back claims of crashed processes on this host at once, without waiting for their lease."""
    owners = await session.scalars(
        select(ReminderSlot.claimed_by)
        .where(ReminderSlot.state == SlotState.CLAIMED.value)
        .distinct()
    )
    dead = [owner for owner in owners if owner and owner_is_dead(owner)]
    if not dead:
        return 0
    result = await session.execute(
        update(ReminderSlot)
        .where(ReminderSlot.state == SlotState.CLAIMED.value, ReminderSlot.claimed_by.in_(dead))
        .values(state=SlotState.PENDING.value, claimed_by=None, claimed_at=None)
    )
    return rowcount(result)


async def release_own_claims(session: AsyncSession, owner: str) -> int:
    """Give back what this sweeper still holds from a sweep cut short (a database outage).

    A sweep runs alone in its process and settles every slot it claimed, so whatever `owner`
    holds when a sweep starts was abandoned: it is due again now, not when its lease runs out.
    """
    result = await session.execute(
        update(ReminderSlot)
        .where(ReminderSlot.state == SlotState.CLAIMED.value, ReminderSlot.claimed_by == owner)
        .values(state=SlotState.PENDING.value, claimed_by=None, claimed_at=None)
    )
    return rowcount(result)


async def claim_due(
    session: AsyncSession,
    *,
    owner: str,
    now: datetime,
    cutoff: datetime,
    lease: timedelta,
    limit: int,
    escalations: bool,
    exclude: set[int] | frozenset[int] = frozenset(),
    committees: list[int] | None = None,
) -> list[ClaimedSlot]:
    """Atomically take due slots (and stale claims), oldest first; not those in `exclude`, and
    only of units of `committees` when given (those whose bots this process serves).

    Unit reminders are taken a whole unit at a time (up to `limit` units), so one process sends
    all of a chat's messages and keeps them in order; escalations, up to `limit` slots.
    """
    slot = ReminderSlot
    due = or_(
        and_(slot.state == SlotState.PENDING.value, slot.fire_at <= cutoff),
        and_(slot.state == SlotState.CLAIMED.value, slot.claimed_at < now - lease),
    )
    escalation = slot.kind == SlotKind.ESCALATION.value
    # Never an older slot when a newer one is due too, even one planned a moment ago by another process.
    wanted = [due, escalation if escalations else ~escalation, ~newer_due_exists(slot, cutoff)]
    if exclude:
        wanted.append(slot.id.not_in(list(exclude)))
    if committees is not None:
        wanted.append(slot.unit_id.in_(select(Unit.id).where(Unit.committee_id.in_(committees))))
    postgres = dialect_name(session) == "postgresql"
    await hold_replan_lock(session, exclusive=False)
    if escalations:
        chosen = select(slot.id).where(*wanted).order_by(slot.fire_at, slot.id).limit(limit)
        if postgres:
            chosen = chosen.with_for_update(skip_locked=True)
        wanted = [slot.id.in_(chosen.scalar_subquery())]
    else:
        units = select(Unit.id).where(Unit.id.in_(select(slot.unit_id).where(*wanted)))
        # A committee's units have neighbouring ids: a batch in a scrambled order takes units of
        # every committee, so each committee's bot has chats to send to (Knuth's multiplicative hash).
        units = units.order_by(_spread(Unit.id), Unit.id).limit(limit)
        if postgres:  # another process claiming now skips the units this one holds
            units = units.with_for_update(skip_locked=True, key_share=True)
        unit_ids = list(await session.scalars(units))
        wanted.append(slot.unit_id.in_(unit_ids))
    rows = await session.execute(
        update(slot)
        .where(*wanted)
        .values(
            state=SlotState.CLAIMED.value,
            claimed_by=owner,
            claimed_at=now,
            attempts=slot.attempts + 1,
        )
        .returning(
            slot.id,
            slot.task_id,
            slot.unit_id,
            slot.kind,
            slot.occurrence,
            slot.fire_at,
            slot.attempts,
        )
        .execution_options(synchronize_session=False)
    )
    claimed = [ClaimedSlot(*row) for row in rows]
    return sorted(claimed, key=lambda c: (c.fire_at, c.id))


def _ours(statement: Update) -> Update:
    """Only slots this owner still holds: a slot whose lease ran out may be another's by now."""
    return statement.where(
        SLOTS.c.id.in_(bindparam("slot_ids", expanding=True)),
        SLOTS.c.state == SlotState.CLAIMED.value,
        SLOTS.c.claimed_by == bindparam("owner"),
    )


# Built once: they run for every message recorded, and building one costs more than running it.
_RENEW = _ours(update(SLOTS)).values(claimed_at=bindparam("now"))
_RELEASE = _ours(update(SLOTS)).values(
    state=SlotState.PENDING.value, last_error=bindparam("error"), claimed_by=None, claimed_at=None
)
_SETTLE = _ours(update(SLOTS)).values(
    state=bindparam("new_state"), last_error=bindparam("error"), finished_at=bindparam("now")
)
_SENT_AT = (
    update(SLOTS)
    .where(
        SLOTS.c.id == bindparam("slot_id"),
        SLOTS.c.state == SlotState.CLAIMED.value,
        SLOTS.c.claimed_by == bindparam("owner"),
    )
    .values(state=SlotState.SENT.value, last_error=None, finished_at=bindparam("at"))
)


async def keep_claims(session: Executor, owner: str, slot_ids: list[int], now: datetime) -> None:
    """Renew the lease on slots still being worked on."""
    if slot_ids:
        await session.execute(_RENEW, {"slot_ids": slot_ids, "owner": owner, "now": now})


async def finish(
    session: Executor,
    owner: str,
    slot_ids: list[int],
    state: SlotState,
    now: datetime,
    error: str | None = None,
) -> None:
    """Move our claimed slots to their final (or back to the pending) state."""
    if not slot_ids:
        return
    params = {"slot_ids": slot_ids, "owner": owner, "error": error}
    if state is SlotState.PENDING:
        await session.execute(_RELEASE, params)
    else:
        await session.execute(_SETTLE, params | {"new_state": state.value, "now": now})


async def mark_sent(session: Executor, owner: str, sent: list[tuple[int, datetime]]) -> None:
    """Mark our claimed slots sent, each at its own time, in one statement."""
    if sent:
        rows = [{"slot_id": slot_id, "owner": owner, "at": at} for slot_id, at in sent]
        await session.execute(_SENT_AT, rows)
