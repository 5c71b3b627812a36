"""One person on two platforms: link codes, and where a person wants reminders delivered.

A link code is an invite row pointing at the contact who asked for it, so `/start <code>`
or the bare code on the other platform (the onboarding handlers' usual path, through
`redeem_invite`) adds that platform's account to the same contact.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import Channel
from bot.services.audit import audit
from bot.services.invites import new_code
from bot.services.recipients import DELIVER_ALL
from db.models import Contact, ContactEndpoint, Invite

LINK_LIFETIME = timedelta(hours=1)
DELIVERY_CHOICES = (DELIVER_ALL, *(channel.value for channel in Channel))


class LinkingError(Exception):
    """A linking request cannot be done; the message is for the user."""


async def create_link_code(
    session: AsyncSession, contact_id: int, actor: str, now: datetime
) -> Invite:
    """A one-time code that adds another chat account to this contact (valid one hour)."""
    contact = await session.get(Contact, contact_id)
    if contact is None or not contact.active:
        raise LinkingError("Tài khoản của bạn không còn hoạt động.")
    invite = Invite(
        code=new_code(),
        role=contact.role,
        unit_id=contact.unit_id,
        created_by=actor,
        created_at=now,
        expires_at=now + LINK_LIFETIME,
        link_contact_id=contact.id,
    )
    session.add(invite)
    await session.flush()
    await audit(session, actor, "create", "link_code", invite.id, contact_id=contact.id)
    return invite


async def endpoints_of(session: AsyncSession, contact_id: int) -> list[ContactEndpoint]:
    """The contact's chat accounts, by platform."""
    rows = await session.scalars(
        select(ContactEndpoint)
        .where(ContactEndpoint.contact_id == contact_id)
        .order_by(ContactEndpoint.channel, ContactEndpoint.id)
    )
    return list(rows)


async def set_delivery(session: AsyncSession, contact_id: int, deliver_to: str, actor: str) -> None:
    """Where reminders go: "all" platforms or one channel name."""
    if deliver_to not in DELIVERY_CHOICES:
        raise LinkingError(f"Lựa chọn không hợp lệ: {deliver_to}")
    contact = await session.get(Contact, contact_id)
    if contact is None:
        raise LinkingError("Tài khoản của bạn không còn hoạt động.")
    previous, contact.deliver_to = contact.deliver_to, deliver_to
    await audit(
        session, actor, "set_delivery", "contact", contact.id, before=previous, after=deliver_to
    )
