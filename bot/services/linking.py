"""One person on two platforms: link codes, and where a person wants reminders delivered.

A link code is an invite row pointing at the contact who asked for it. `/start <code>` or the
bare code on the other platform only asks (`request_link`): the account joins the contact when
the code's owner confirms in a private chat (`decide_link`), having seen who redeemed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import Channel
from bot.services.audit import audit
from bot.services.invites import (
    Account,
    Binding,
    InviteError,
    attach_account,
    claim_invite,
    issue_code,
)
from bot.services.recipients import DELIVER_ALL
from db.models import Contact, ContactEndpoint, Invite, LinkRequest
from db.results import rowcount

LINK_LIFETIME = timedelta(hours=1)
DELIVERY_CHOICES = (DELIVER_ALL, *(channel.value for channel in Channel))


class LinkingError(Exception):
    """A linking request cannot be done; the message is for the user."""


class LinkRequestGone(LookupError):
    """No link request of this owner waits for a decision (decided, expired or someone else's)."""


async def create_link_code(
    session: AsyncSession, contact_id: int, actor: str, now: datetime
) -> Invite:
    """A one-time code that adds another chat account to this contact (valid one hour)."""
    contact = await session.get(Contact, contact_id)
    if contact is None or not contact.active:
        raise LinkingError("Tài khoản của bạn không còn hoạt động.")
    invite = issue_code(
        Invite(
            role=contact.role,
            unit_id=contact.unit_id,
            created_by=actor,
            created_at=now,
            expires_at=now + LINK_LIFETIME,
            link_contact_id=contact.id,
        )
    )
    session.add(invite)
    await session.flush()
    await audit(session, actor, "create", "link_code", invite.id, contact_id=contact.id)
    return invite


async def request_link(
    session: AsyncSession, invite: Invite, account: Account, now: datetime
) -> LinkRequest:
    """Use up the link code and wait for its owner to confirm the account that sent it."""
    owner = await session.get(Contact, invite.link_contact_id)
    if owner is None or not owner.active:
        raise InviteError("Mã liên kết không còn hiệu lực. Vui lòng gửi /link để lấy mã mới.")
    await claim_invite(session, invite, now)
    request = LinkRequest(
        invite_id=invite.id,
        contact_id=owner.id,
        channel=account.channel,
        user_id=account.user_id,
        chat_id=account.chat_id,
        display_name=account.display_name or account.user_id,
        requested_at=now,
    )
    session.add(request)
    await session.flush()
    await audit(
        session,
        f"{account.channel}:{account.user_id}",
        "request",
        "link",
        request.id,
        committee_id=owner.committee_id,  # the account asking is a stranger: no scope
        contact_id=owner.id,
    )
    return request


@dataclass(frozen=True)
class LinkDecision:
    """A decided link request; `binding` is the joined account when approved."""

    request: LinkRequest
    binding: Binding | None


async def decide_link(
    session: AsyncSession,
    request_id: int,
    owner_id: int,
    *,
    approve: bool,
    actor: str,
    now: datetime,
) -> LinkDecision:
    """The code's owner (and nobody else) approves or refuses, once, within the code's hour."""
    request = await session.get(LinkRequest, request_id)
    owner = await session.get(Contact, owner_id)
    if (
        request is None
        or owner is None
        or not owner.active
        or request.contact_id != owner_id
        or request.decided_at is not None
        or request.requested_at + LINK_LIFETIME <= now
    ):
        raise LinkRequestGone(request_id)
    decided = await session.execute(  # once, even when the owner presses twice on two devices
        update(LinkRequest)
        .where(LinkRequest.id == request_id, LinkRequest.decided_at.is_(None))
        .values(decided_at=now, approved=approve)
    )
    if rowcount(decided) != 1:
        raise LinkRequestGone(request_id)
    binding = None
    if approve:
        invite = await session.get_one(Invite, request.invite_id)
        account = Account(request.channel, request.user_id, request.chat_id, request.display_name)
        binding = await attach_account(session, invite, owner, account, now)
    await audit(
        session,
        actor,
        "approve" if approve else "refuse",
        "link",
        request.id,
        account=f"{request.channel}:{request.user_id}",
    )
    return LinkDecision(request, binding)


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
