"""Correct the unit registry: add an alias, rename a unit, merge a duplicate into the right one."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import SlotState
from bot.services.audit import audit
from bot.services.units import get_unit
from bot.unitnames import clean_name, unit_key
from db.models import (
    Assignment,
    BoundChat,
    Contact,
    ExtensionRequest,
    Invite,
    ProgressReport,
    ReminderSlot,
    Unit,
    UnitAlias,
    UnitMember,
)

# Rows that simply follow their unit into the merge (no uniqueness per unit).
_FOLLOWERS = (Contact, Invite, BoundChat, ProgressReport, ExtensionRequest, UnitAlias)


class UnitConflict(ValueError):
    """The change would make two units share a name; the message says what to do instead."""


async def _owner(session: AsyncSession, name: str, committee_id: int) -> Unit | None:
    """The unit of the committee that `name` names (its name or an alias)."""
    key, spelling = unit_key(name), clean_name(name).lower()
    units = select(Unit).where(Unit.committee_id == committee_id)
    unit = await session.scalar(units.where(Unit.key == key))
    if unit is not None:
        return unit
    return await session.scalar(
        units.join(UnitAlias, UnitAlias.unit_id == Unit.id)
        .where(UnitAlias.key.in_([key, spelling]))
    )  # fmt: skip


async def _keep_alias(session: AsyncSession, unit: Unit, name: str) -> None:
    spelling = clean_name(name)
    aliases = select(UnitAlias.id).where(UnitAlias.committee_id == unit.committee_id)
    for key in {unit_key(name), spelling.lower()} - {unit.key}:
        if await session.scalar(aliases.where(UnitAlias.key == key)) is None:
            session.add(
                UnitAlias(committee_id=unit.committee_id, unit_id=unit.id, key=key, alias=spelling)
            )


async def add_alias(session: AsyncSession, unit_name: str, alias: str, actor: str) -> Unit:
    """Make `alias` another name of the unit."""
    unit = await get_unit(session, unit_name)
    owner = await _owner(session, alias, unit.committee_id)
    if owner is not None and owner.id != unit.id:
        raise UnitConflict(
            f"“{alias}” đã là tên của đơn vị “{owner.name}”; nếu là một, hãy gộp: "
            f'dondoc units merge "{owner.name}" "{unit.name}"'
        )
    await _keep_alias(session, unit, alias)
    await audit(session, actor, "alias", "unit", unit.id, alias=clean_name(alias))
    return unit


async def rename_unit(session: AsyncSession, old: str, new: str, actor: str) -> Unit:
    """Give the unit a new name; the old one stays an alias."""
    unit = await get_unit(session, old)
    await rename(session, unit, new, actor)
    return unit


async def rename(session: AsyncSession, unit: Unit, new: str, actor: str) -> None:
    """Give `unit` a new name in its committee's registry, audited in that committee's log; the
    old one stays an alias."""
    owner = await _owner(session, new, unit.committee_id)
    if owner is not None and owner.id != unit.id:
        raise UnitConflict(
            f"Đã có đơn vị “{owner.name}”; để gộp hai đơn vị: "
            f'dondoc units merge "{unit.name}" "{owner.name}"'
        )
    before = unit.name
    await session.execute(
        delete(UnitAlias).where(
            UnitAlias.committee_id == unit.committee_id, UnitAlias.key == unit_key(new)
        )
    )
    unit.key, unit.name = unit_key(new), clean_name(new)
    await session.flush()
    await _keep_alias(session, unit, before)
    await audit(
        session, actor, "rename", "unit", unit.id,
        committee_id=unit.committee_id, old=before, new=unit.name,
    )  # fmt: skip


async def merge_units(session: AsyncSession, source: str, target: str, actor: str) -> Unit:
    """Move everything of unit `source` (tasks, reports, contacts, reminders …) to `target`."""
    gone, kept = await get_unit(session, source), await get_unit(session, target)
    if gone.id == kept.id:
        raise UnitConflict("Hai tên là cùng một đơn vị; không có gì để gộp.")
    await _merge_assignments(session, gone.id, kept.id)
    await _merge_slots(session, gone.id, kept.id)
    await _merge_memberships(session, gone.id, kept.id)
    for model in _FOLLOWERS:
        await session.execute(update(model).where(model.unit_id == gone.id).values(unit_id=kept.id))
    name = gone.name
    await session.delete(gone)
    await session.flush()
    await _keep_alias(session, kept, name)
    await audit(session, actor, "merge", "unit", kept.id, merged=name, merged_id=gone.id)
    return kept


async def _merge_assignments(session: AsyncSession, gone: int, kept: int) -> None:
    held = set(
        await session.execute(
            select(Assignment.task_id, Assignment.role).where(Assignment.unit_id == kept)
        )
    )
    for assignment in await session.scalars(select(Assignment).where(Assignment.unit_id == gone)):
        if (assignment.task_id, assignment.role) in held:
            await session.delete(assignment)
        else:
            assignment.unit_id = kept
    await session.flush()


async def _merge_slots(session: AsyncSession, gone: int, kept: int) -> None:
    """One reminder per task and moment: a sent one is kept over a pending twin."""
    kept_slots = {
        (slot.task_id, slot.kind, slot.occurrence): slot
        for slot in await session.scalars(select(ReminderSlot).where(ReminderSlot.unit_id == kept))
    }
    for slot in await session.scalars(select(ReminderSlot).where(ReminderSlot.unit_id == gone)):
        twin = kept_slots.get((slot.task_id, slot.kind, slot.occurrence))
        if twin is not None and twin.state == SlotState.PENDING and slot.state != SlotState.PENDING:
            await session.delete(twin)
            await session.flush()
            twin = None
        if twin is None:
            slot.unit_id = kept
        else:
            await session.delete(slot)
    await session.flush()


async def _merge_memberships(session: AsyncSession, gone: int, kept: int) -> None:
    rows = await session.execute(select(UnitMember.group_id, UnitMember.member_id))
    pairs = {(group_id, member_id) for group_id, member_id in rows}
    for group_id, member_id in pairs:
        if gone not in (group_id, member_id):
            continue
        moved = (kept if group_id == gone else group_id, kept if member_id == gone else member_id)
        await session.execute(
            delete(UnitMember).where(
                UnitMember.group_id == group_id, UnitMember.member_id == member_id
            )
        )
        if moved[0] != moved[1] and moved not in pairs:
            session.add(UnitMember(group_id=moved[0], member_id=moved[1]))
            pairs.add(moved)
    await session.flush()
