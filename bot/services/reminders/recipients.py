"""Where a reminder goes: the unit's contacts and bound group chat, or the leaders and committee chat."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import Role
from bot.services.recipients import honors_delivery
from db.models import BoundChat, Contact, ContactEndpoint
from db.results import rowcount

UNIT_CHAT = "unit"
COMMITTEE_CHAT = "committee"


@dataclass(frozen=True, slots=True)
class Recipient:
    """One chat to send to."""

    channel: str
    chat_id: str
    group: bool
    name: str
    locale: str | None = None
    endpoint_id: int | None = None
    bound_chat_id: int | None = None
    committee_id: int | None = None  # whose person or chat this is (their admins are told)

    @property
    def chat(self) -> tuple[str, str]:
        """(channel, chat_id): the key deliveries and flood limits use."""
        return (self.channel, self.chat_id)


def _endpoints(channels: Collection[str]):
    return (
        select(
            ContactEndpoint,
            Contact.display_name,
            Contact.locale,
            Contact.unit_id,
            Contact.committee_id,
        )
        .join(Contact, Contact.id == ContactEndpoint.contact_id)
        .where(Contact.active.is_(True), ContactEndpoint.unreachable.is_(False))
        .where(honors_delivery(channels))
        .order_by(ContactEndpoint.id)
    )


def _bound_chats(purpose: str, channels: Collection[str]):
    return (
        select(BoundChat)
        .where(BoundChat.purpose == purpose, BoundChat.active.is_(True))
        .where(BoundChat.channel.in_(list(channels)))
        .order_by(BoundChat.id)
    )


def _from_endpoint(
    endpoint: ContactEndpoint, name: str, locale: str | None, committee_id: int
) -> Recipient:
    return Recipient(
        endpoint.channel,
        endpoint.chat_id,
        False,
        name,
        locale,
        endpoint_id=endpoint.id,
        committee_id=committee_id,
    )


def _from_bound_chat(chat: BoundChat) -> Recipient:
    return Recipient(
        chat.channel,
        chat.chat_id,
        True,
        chat.title or chat.chat_id,
        bound_chat_id=chat.id,
        committee_id=chat.committee_id,
    )


def _unique(recipients: Iterable[Recipient]) -> list[Recipient]:
    seen: dict[tuple[str, str], Recipient] = {}
    for recipient in recipients:
        seen.setdefault(recipient.chat, recipient)
    return list(seen.values())


async def unit_recipients(
    session: AsyncSession, unit_ids: Iterable[int], channels: Collection[str]
) -> dict[int, list[Recipient]]:
    """Per unit: its active contacts' reachable chats on `channels`, then its bound group chat(s)."""
    ids = list(set(unit_ids))
    found: dict[int, list[Recipient]] = defaultdict(list)
    rows = await session.execute(_endpoints(channels).where(Contact.unit_id.in_(ids)))
    for endpoint, name, locale, unit_id, committee_id in rows:
        found[unit_id].append(_from_endpoint(endpoint, name, locale, committee_id))
    bound = _bound_chats(UNIT_CHAT, channels).where(BoundChat.unit_id.in_(ids))
    for chat in await session.scalars(bound):
        found[chat.unit_id].append(_from_bound_chat(chat))
    return {unit_id: _unique(found[unit_id]) for unit_id in ids}


async def role_recipients(
    session: AsyncSession,
    role: Role,
    channels: Collection[str],
    purpose: str | None = None,
    *,
    committee_id: int | None,
) -> list[Recipient]:
    """Every reachable chat on `channels` of one committee's people with `role`, plus its group
    chats bound for `purpose` (None: every committee's)."""
    people = _endpoints(channels).where(Contact.role == role.value)
    chats = _bound_chats(purpose or "", channels)
    if committee_id is not None:
        people = people.where(Contact.committee_id == committee_id)
        chats = chats.where(BoundChat.committee_id == committee_id)
    rows = await session.execute(people)
    found = [
        _from_endpoint(endpoint, name, locale, committee)
        for endpoint, name, locale, _unit, committee in rows
    ]
    if purpose is not None:
        bound = await session.scalars(chats)
        found += [_from_bound_chat(chat) for chat in bound]
    return _unique(found)


async def mark_unreachable(session: AsyncSession, recipient: Recipient) -> bool:
    """Flag the endpoint (or deactivate the bound chat); True only for the caller that flipped it."""
    if recipient.endpoint_id is not None:
        statement = (
            update(ContactEndpoint)
            .where(
                ContactEndpoint.id == recipient.endpoint_id, ContactEndpoint.unreachable.is_(False)
            )
            .values(unreachable=True)
        )
    else:
        statement = (
            update(BoundChat)
            .where(BoundChat.id == recipient.bound_chat_id, BoundChat.active.is_(True))
            .values(active=False)
        )
    return rowcount(await session.execute(statement)) == 1
