"""Catch-up: after downtime, or when a unit's first contact joins, only the latest recent slot goes out."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.domain import Role, SlotKind, SlotState
from bot.services.reminders.policy import DEFAULT_POLICY
from bot.services.reminders.recipients import COMMITTEE_CHAT, UNIT_CHAT
from db.models import BoundChat, Contact, ContactEndpoint, Delivery, ReminderSlot
from db.results import rowcount

DEFAULT_CATCH_UP = timedelta(days=DEFAULT_POLICY.catch_up_days)
LIVE = (SlotState.PENDING.value, SlotState.CLAIMED.value, SlotState.SENT.value)


def _same_audience(one, other):
    """Escalations (to leaders) and unit reminders never stand in for each other."""
    escalation = SlotKind.ESCALATION.value
    return or_(
        and_(one.kind == escalation, other.kind == escalation),
        and_(one.kind != escalation, other.kind != escalation),
    )


async def _settle_stale(session: AsyncSession, stale, now: datetime) -> int:
    """Finish `stale` pending slots: sent if a delivery of theirs is recorded (a sweep cut short
    after sending), else skipped; how many were skipped."""
    slot = ReminderSlot
    delivered = exists().where(Delivery.slot_id == slot.id)
    await session.execute(
        update(slot)
        .where(stale, delivered)
        .values(state=SlotState.SENT.value, finished_at=now)
        .execution_options(synchronize_session=False)
    )
    result = await session.execute(
        update(slot)
        .where(stale)
        .values(state=SlotState.SKIPPED.value, finished_at=now)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result)


async def skip_expired(session: AsyncSession, now: datetime) -> int:
    """Pending slots older than their catch-up window are skipped, never sent late."""
    slot = ReminderSlot
    stale = and_(
        slot.state == SlotState.PENDING.value,
        slot.fire_at <= now,
        or_(
            slot.expires_at < now,
            and_(slot.expires_at.is_(None), slot.fire_at < now - DEFAULT_CATCH_UP),
        ),
    )
    return await _settle_stale(session, stale, now)


def newer_due_exists(slot, cutoff: datetime):
    """SQL: the same task and unit has a later slot due by `cutoff` that is sent or on its way."""
    newer = aliased(ReminderSlot)
    return exists().where(
        newer.task_id == slot.task_id,
        newer.unit_id == slot.unit_id,
        newer.state.in_(LIVE),
        newer.fire_at <= cutoff,
        or_(newer.fire_at > slot.fire_at, and_(newer.fire_at == slot.fire_at, newer.id > slot.id)),
        _same_audience(newer, slot),
    )


async def skip_superseded(session: AsyncSession, now: datetime, cutoff: datetime) -> int:
    """A due slot with a newer due one for the same task and unit is skipped: one message, the latest."""
    slot = ReminderSlot
    stale = and_(
        slot.state == SlotState.PENDING.value,
        slot.fire_at <= cutoff,
        newer_due_exists(slot, cutoff),
    )
    return await _settle_stale(session, stale, now)


def _someone_joined_since(slot):
    """A chat to send to appeared after the slot found none."""
    joined_endpoint = (
        select(ContactEndpoint.id)
        .join(Contact, Contact.id == ContactEndpoint.contact_id)
        .where(Contact.active.is_(True), ContactEndpoint.unreachable.is_(False))
        .where(ContactEndpoint.created_at > slot.finished_at)
    )
    bound = select(BoundChat.id).where(
        BoundChat.active.is_(True), BoundChat.created_at > slot.finished_at
    )
    for_unit = or_(
        exists(joined_endpoint.where(Contact.unit_id == slot.unit_id)),
        exists(bound.where(BoundChat.purpose == UNIT_CHAT, BoundChat.unit_id == slot.unit_id)),
    )
    for_leaders = or_(
        exists(joined_endpoint.where(Contact.role == Role.LEADER.value)),
        exists(bound.where(BoundChat.purpose == COMMITTEE_CHAT)),
    )
    return or_(
        and_(slot.kind != SlotKind.ESCALATION.value, for_unit),
        and_(slot.kind == SlotKind.ESCALATION.value, for_leaders),
    )


def revivable(slot, now: datetime):
    """SQL: an undeliverable slot, still within its catch-up window, whose unit (or leaders) now have a chat."""
    recent = or_(
        slot.expires_at >= now,
        and_(slot.expires_at.is_(None), slot.fire_at >= now - DEFAULT_CATCH_UP),
    )
    return and_(
        slot.state == SlotState.UNDELIVERABLE.value,
        slot.fire_at <= now,
        recent,
        _someone_joined_since(slot),
    )


async def revive_for_newcomers(session: AsyncSession, now: datetime) -> int:
    """Undeliverable slots whose unit (or the leaders) now have a chat: the latest recent one goes out again."""
    slot = ReminderSlot
    rows = (
        await session.execute(
            select(slot.id, slot.task_id, slot.unit_id, slot.kind == SlotKind.ESCALATION.value)
            .where(revivable(slot, now))
            .order_by(slot.fire_at.desc(), slot.id.desc())
        )
    ).all()
    latest: dict[tuple, int] = {}
    for slot_id, task_id, unit_id, escalation in rows:
        latest.setdefault((task_id, unit_id, escalation), slot_id)
    if not latest:
        return 0
    await session.execute(
        update(slot)
        .where(slot.id.in_(list(latest.values())), slot.state == SlotState.UNDELIVERABLE.value)
        .values(state=SlotState.PENDING.value, claimed_by=None, claimed_at=None, last_error=None)
    )
    # Older undelivered slots of the same pairs are settled: they will never be sent.
    older = [
        slot_id
        for slot_id, task_id, unit_id, escalation in rows
        if latest[(task_id, unit_id, escalation)] != slot_id
    ]
    if older:
        await session.execute(
            update(slot)
            .where(slot.id.in_(older))
            .values(state=SlotState.SKIPPED.value, finished_at=now)
        )
    return len(latest)
