"""Who is on board: per unit with tasks, who is invited, who joined (where), whose code expired."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.domain import UnitKind
from bot.services.invites import Binding
from db.models import Assignment, Contact, Invite, Task, Unit, UnitMember


@dataclass
class UnitOnboarding:
    """One unit's people: joined (with their platforms), invited and waiting, codes expired."""

    unit: Unit
    joined: list[tuple[str, list[str]]] = field(default_factory=list)
    invited: list[str] = field(default_factory=list)
    expired: list[str] = field(default_factory=list)


async def units_with_tasks(session: AsyncSession, plan_id: int | None = None) -> list[Unit]:
    """Units that lead or support an open task; a group stands for its member units."""
    query = (
        select(Unit)
        .join(Assignment, Assignment.unit_id == Unit.id)
        .join(Task, Task.id == Assignment.task_id)
        .where(Task.closed_at.is_(None))
        .distinct()
    )
    if plan_id is not None:
        query = query.where(Task.plan_id == plan_id)
    assigned = list(await session.scalars(query))
    groups = [unit.id for unit in assigned if unit.kind == UnitKind.GROUP]
    members = await session.execute(
        select(UnitMember.group_id, Unit)
        .join(Unit, Unit.id == UnitMember.member_id)
        .where(UnitMember.group_id.in_(groups))
    )
    represented: set[int] = set()
    units: dict[int, Unit] = {}
    for group_id, member in members:
        represented.add(group_id)
        units[member.id] = member
    units |= {unit.id: unit for unit in assigned if unit.id not in represented}
    return sorted(units.values(), key=lambda unit: unit.name)


async def onboarding_status(
    session: AsyncSession, now: datetime, plan_id: int | None = None
) -> list[UnitOnboarding]:
    """For each unit with tasks: who joined, who holds a live code, whose code expired unused."""
    # Keyed as `Contact.unit_id` reads (Optional); the queries below match units of this dict only.
    rows: dict[int | None, UnitOnboarding] = {
        unit.id: UnitOnboarding(unit) for unit in await units_with_tasks(session, plan_id)
    }
    contacts = await session.scalars(
        select(Contact)
        .where(Contact.unit_id.in_(rows), Contact.active.is_(True))
        .options(selectinload(Contact.endpoints))
        .order_by(Contact.display_name)
    )
    for contact in contacts:
        platforms = sorted({endpoint.channel for endpoint in contact.endpoints})
        rows[contact.unit_id].joined.append((contact.display_name, platforms))
    invites = await session.scalars(
        select(Invite)
        .where(Invite.unit_id.in_(rows), Invite.used_at.is_(None), Invite.replaced_at.is_(None))
        .where(Invite.link_contact_id.is_(None))
        .order_by(Invite.id)
    )
    for invite in invites:
        waiting = (
            rows[invite.unit_id].invited
            if invite.expires_at > now
            else rows[invite.unit_id].expired
        )
        waiting.append(invite.invitee_name or f"#{invite.id}")
    return list(rows.values())


async def units_without_contact(session: AsyncSession, plan_id: int | None = None) -> list[Unit]:
    """Units with open tasks and no active contact (the summary's "no contact" list)."""
    units = await units_with_tasks(session, plan_id)
    counts: dict[int | None, int] = defaultdict(int)
    query = (
        select(Contact.unit_id, func.count())
        .where(Contact.unit_id.in_([unit.id for unit in units]), Contact.active.is_(True))
        .group_by(Contact.unit_id)
    )
    for unit_id, count in await session.execute(query):
        counts[unit_id] = count
    return [unit for unit in units if not counts[unit.id]]


async def first_contact_joined(session: AsyncSession, binding: Binding) -> Unit | None:
    """The unit whose first active contact this redeemed invite created (the admins are told)."""
    contact = binding.contact
    if binding.linked or contact.unit_id is None:
        return None
    others = await session.scalar(
        select(func.count())
        .select_from(Contact)
        .where(
            Contact.unit_id == contact.unit_id,
            Contact.active.is_(True),
            Contact.id != contact.id,
        )
    )
    return None if others else await session.get(Unit, contact.unit_id)
