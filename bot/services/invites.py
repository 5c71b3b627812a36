"""One-time invite codes that bind a chat account to a role and a unit."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import Role
from bot.services.audit import audit
from db.models import Contact, ContactEndpoint, Invite, Unit
from db.results import rowcount

INVITE_LIFETIME = timedelta(days=14)
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
USED = "Mã mời này đã được sử dụng. Mỗi mã chỉ dùng một lần; hãy xin mã mới."


class InviteError(Exception):
    """An invite cannot be created or used; the message is for the user."""


def deep_link(username: str | None, code: str) -> str | None:
    """The Telegram deep link that starts the bot with this code."""
    return f"https://t.me/{username.lstrip('@')}?start={code}" if username else None


def new_code() -> str:
    """An unguessable code, short enough to type (no look-alike letters)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


def hash_code(code: str) -> str:
    """What the database keeps of a code: its SHA-256 (codes are random and short-lived; no key)."""
    return hashlib.sha256(code.strip().lower().encode()).hexdigest()


def issue_code(invite: Invite) -> Invite:
    """Give a new invite row a fresh code: the hash is stored, the plain code only returned."""
    invite.code = new_code()
    invite.code_hash = hash_code(invite.code)
    return invite


async def create_invite(
    session: AsyncSession,
    role: Role,
    unit: Unit | None,
    actor: str,
    now: datetime,
    lifetime: timedelta = INVITE_LIFETIME,
) -> Invite:
    """Issue a code; unit contacts must name their unit."""
    if role is Role.CONTACT and unit is None:
        raise InviteError("Mã mời cho đầu mối đơn vị cần chỉ rõ đơn vị (--unit).")
    invite = issue_code(
        Invite(
            role=role.value,
            unit_id=unit.id if unit else None,
            created_by=actor,
            created_at=now,
            expires_at=now + lifetime,
        )
    )
    session.add(invite)
    await session.flush()
    await audit(
        session,
        actor,
        "create",
        "invite",
        invite.id,
        role=role.value,
        unit=unit.name if unit else None,
    )
    return invite


@dataclass(frozen=True)
class Account:
    """The chat account that sent a code."""

    channel: str
    user_id: str
    chat_id: str
    display_name: str


@dataclass(frozen=True)
class Binding:
    """The endpoint a redeemed invite created."""

    contact: Contact
    endpoint: ContactEndpoint
    invite: Invite
    linked: bool = False  # a /link code: the account joined an existing contact


async def redeem_invite(
    session: AsyncSession,
    code: str,
    *,
    channel: str,
    user_id: str,
    chat_id: str,
    display_name: str,
    now: datetime,
) -> Binding:
    """Bind a chat account with an invite code; a used, expired or unknown code is refused."""
    invite = await find_invite(session, code, now)
    return await use_invite(session, invite, Account(channel, user_id, chat_id, display_name), now)


async def find_invite(session: AsyncSession, code: str, now: datetime) -> Invite:
    """The unused, unexpired invite or link code with this code; anything else is refused."""
    invite = await session.scalar(select(Invite).where(Invite.code_hash == hash_code(code)))
    if invite is None:
        raise InviteError("Mã mời không đúng. Vui lòng kiểm tra lại hoặc xin mã mới từ Văn phòng.")
    if invite.used_at is not None:
        raise InviteError(USED)
    if invite.expires_at <= now:
        raise InviteError("Mã mời đã hết hạn. Vui lòng xin mã mới từ Văn phòng.")
    return invite


async def use_invite(
    session: AsyncSession, invite: Invite, account: Account, now: datetime
) -> Binding:
    """Claim an invite and make the account a new contact with its role and unit.

    A /link code is refused here: its owner confirms first (`bot.services.linking`).
    """
    if invite.link_contact_id is not None:
        raise InviteError("Mã liên kết cần được chủ tài khoản xác nhận.")
    await claim_invite(session, invite, now)
    return await attach_account(session, invite, None, account, now)


async def claim_invite(session: AsyncSession, invite: Invite, now: datetime) -> None:
    """Mark the code used, once: a second process redeeming it at the same moment is refused."""
    claimed = await session.execute(
        update(Invite).where(Invite.id == invite.id, Invite.used_at.is_(None)).values(used_at=now)
    )
    if rowcount(claimed) != 1:
        raise InviteError(USED)


async def attach_account(
    session: AsyncSession,
    invite: Invite,
    linked: Contact | None,
    account: Account,
    now: datetime,
) -> Binding:
    """Bind the chat account to `linked` (a confirmed /link) or to a new contact of the invite."""
    channel, user_id = account.channel, account.user_id
    endpoint = await session.scalar(
        select(ContactEndpoint).where(
            ContactEndpoint.channel == channel, ContactEndpoint.user_id == user_id
        )
    )
    contact = linked or Contact(
        display_name=account.display_name or user_id,
        role=invite.role,
        unit_id=invite.unit_id,
        committee_id=invite.committee_id,
        created_at=now,
    )
    session.add(contact)
    await session.flush()
    if endpoint is None:
        endpoint = ContactEndpoint(channel=channel, user_id=user_id, created_at=now)
        session.add(endpoint)
    elif endpoint.contact_id != contact.id:
        previous = await session.get(Contact, endpoint.contact_id)
        if previous is not None:
            previous.active = False
    endpoint.contact_id = contact.id
    endpoint.chat_id = account.chat_id
    endpoint.display_name = account.display_name
    endpoint.unreachable = False
    endpoint.last_seen_at = now
    invite.used_by_contact_id = contact.id
    await session.flush()
    await audit(
        session,
        f"{channel}:{user_id}",
        "redeem",
        "invite",
        invite.id,
        committee_id=invite.committee_id,  # a stranger's update acts for no committee
        role=invite.role,
        contact_id=contact.id,
    )
    return Binding(contact=contact, endpoint=endpoint, invite=invite, linked=linked is not None)
