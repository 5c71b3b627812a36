"""Invites for a whole contact list, and re-issuing codes that expired unused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.contactlist import ContactListError, Invitee
from bot.domain import Role
from bot.services.invites import create_invite
from bot.services.unit_resolver import UnitResolver
from db.models import Invite, Unit


@dataclass(frozen=True)
class IssuedInvite:
    """A code issued to one named person."""

    name: str
    unit: str | None
    role: str
    title: str
    code: str
    expires: datetime


def _issued(invite: Invite) -> IssuedInvite:
    return IssuedInvite(
        name=invite.invitee_name or "",
        unit=invite.unit.name if invite.unit else None,
        role=invite.role,
        title=invite.invitee_title or "",
        code=invite.issued_code,
        expires=invite.expires_at,
    )


def check_list(resolver: UnitResolver, invitees: list[Invitee]) -> list[Unit | None]:
    """Each invitee's unit; any unknown or ambiguous unit is a `ContactListError` naming the rows
    (chat shows this before the admin confirms)."""
    problems, units = [], []
    for invitee in invitees:
        answer = resolver.resolve(invitee.unit) if invitee.unit else None
        units.append(answer.unit if answer else None)
        if answer is None or answer.unit is not None:
            continue
        if answer.ambiguous:
            listed = "; ".join(unit.name for unit in answer.candidates)
            problems.append(f"dòng {invitee.row}: “{invitee.unit}” khớp nhiều đơn vị: {listed}.")
        else:
            hint = f" Có phải “{answer.similar[0].name}”?" if answer.similar else ""
            problems.append(f"dòng {invitee.row}: không có đơn vị “{invitee.unit}”.{hint}")
    if problems:
        raise ContactListError("\n".join(problems))
    return units


async def invite_list(
    session: AsyncSession, invitees: list[Invitee], actor: str, now: datetime
) -> list[IssuedInvite]:
    """One invite per person, all or none: a bad unit stops the whole list."""
    units = check_list(await UnitResolver.load(session), invitees)
    issued = []
    for invitee, unit in zip(invitees, units, strict=True):
        invite = await create_invite(session, invitee.role, unit, actor, now)
        invite.invitee_name = invitee.name
        invite.invitee_title = invitee.title or None
        invite.invitee_phone = invitee.phone or None
        invite.unit = unit
        issued.append(_issued(invite))
    await session.flush()
    return issued


async def reissue_expired(session: AsyncSession, actor: str, now: datetime) -> list[IssuedInvite]:
    """A fresh code for every invite that expired unused and was not re-issued yet."""
    expired = await session.scalars(
        select(Invite)
        .where(
            Invite.used_at.is_(None),
            Invite.expires_at <= now,
            Invite.replaced_at.is_(None),
            Invite.link_contact_id.is_(None),
        )
        .options(selectinload(Invite.unit))
        .order_by(Invite.id)
    )
    issued = []
    for old in list(expired):
        fresh = await create_invite(session, Role(old.role), old.unit, actor, now)
        fresh.invitee_name = old.invitee_name
        fresh.invitee_title = old.invitee_title
        fresh.invitee_phone = old.invitee_phone
        fresh.unit = old.unit
        old.replaced_at = now
        issued.append(_issued(fresh))
    await session.flush()
    return issued
