"""Messages to people other than the sender: every reachable endpoint of some contacts."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from bot.messages import Button, Outgoing
from bot.services.recipients import honors_delivery
from db.models import Contact, ContactEndpoint


@dataclass(frozen=True, slots=True)
class Recipient:
    """One chat account of one contact, with the language to write to it in."""

    contact_id: int
    channel: str
    chat_id: str
    locale: str


async def recipients(
    session: AsyncSession,
    *,
    roles: Iterable[str] = (),
    contact_ids: Iterable[int] = (),
    committee_id: int | None = None,
) -> list[Recipient]:
    """Reachable endpoints of active contacts having one of `roles` or one of `contact_ids`
    (of one committee, if given), as each contact's delivery preference wants them."""
    roles, contact_ids = list(roles), list(contact_ids)
    wanted = []
    if roles:
        wanted.append(Contact.role.in_(roles))
    if contact_ids:
        wanted.append(Contact.id.in_(contact_ids))
    if not wanted:
        return []
    rows = await session.execute(
        select(Contact.id, Contact.locale, ContactEndpoint.channel, ContactEndpoint.chat_id)
        .join(ContactEndpoint, ContactEndpoint.contact_id == Contact.id)
        .where(
            Contact.active.is_(True),
            ContactEndpoint.unreachable.is_(False),
            honors_delivery(),
            or_(*wanted),
            true() if committee_id is None else Contact.committee_id == committee_id,
        )
        .order_by(Contact.id, ContactEndpoint.id)
    )
    return [
        Recipient(cid, channel, chat_id, locale or "vi") for cid, locale, channel, chat_id in rows
    ]


def messages_to(
    people: Iterable[Recipient],
    render: Callable[[str], str],
    buttons: Callable[[str], list[list[Button]]] | None = None,
) -> list[Outgoing]:
    """One message per endpoint, each written in its contact's language."""
    return [
        Outgoing(
            text=render(person.locale),
            buttons=tuple(tuple(row) for row in (buttons(person.locale) if buttons else [])),
            channel=person.channel,
            chat_id=person.chat_id,
        )
        for person in people
    ]
