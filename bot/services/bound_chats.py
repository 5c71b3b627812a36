"""Group chats bound to the committee (summaries) or to a unit, and the digest's recipients."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import Role
from bot.services.audit import audit
from bot.services.notify import recipients
from db.models import BoundChat, Unit
from db.scope import ALL_COMMITTEES, session_scope

COMMITTEE = "committee"
UNIT = "unit"


@dataclass(frozen=True, slots=True)
class Recipient:
    """A chat a digest goes to."""

    channel: str
    chat_id: str
    locale: str


@dataclass(frozen=True, slots=True)
class ChatBinding:
    """What an active bound group is for: the committee's (no unit) or one unit's."""

    unit_id: int | None = None
    unit_name: str | None = None


async def chat_binding(session: AsyncSession, channel: str, chat_id: str) -> ChatBinding | None:
    """The purpose of this group if it is bound and active; None for any other chat."""
    row = (
        await session.execute(
            select(BoundChat.purpose, Unit.id, Unit.name)
            .outerjoin(Unit, Unit.id == BoundChat.unit_id)
            .where(
                BoundChat.channel == channel,
                BoundChat.chat_id == chat_id,
                BoundChat.active.is_(True),
            )
        )
    ).first()
    if row is None:
        return None
    purpose, unit_id, unit_name = row
    return ChatBinding(unit_id, unit_name) if purpose == UNIT else ChatBinding()


class ChatTaken(Exception):
    """The group chat is bound to another committee."""


async def bind_chat(
    session: AsyncSession, channel: str, chat_id: str, actor: str, unit: Unit | None = None
) -> BoundChat:
    """Bind a group chat to the committee, or to `unit`; binding again changes the purpose. A
    group another committee still uses is refused (`ChatTaken`); one it let go is taken over."""
    row = await session.scalar(
        select(BoundChat)
        .where(BoundChat.channel == channel, BoundChat.chat_id == chat_id)
        .execution_options(**{ALL_COMMITTEES: True})
    )
    scope = session_scope(session)
    if row is not None and scope is not None and row.committee_id != scope.own:
        if row.active:
            raise ChatTaken(channel, chat_id)
        row.committee_id = scope.own
    if row is None:
        row = BoundChat(channel=channel, chat_id=chat_id)
        session.add(row)
    row.purpose = UNIT if unit else COMMITTEE
    row.unit_id = unit.id if unit else None
    row.bound_by = actor
    row.active = True
    await session.flush()
    await audit(session, actor, "bind", "chat", row.id, channel=channel, chat_id=chat_id,
          purpose=row.purpose, unit=unit.name if unit else None)  # fmt: skip
    return row


async def unbind_chat(session: AsyncSession, channel: str, chat_id: str, actor: str) -> bool:
    """Stop using a group chat; False if it was not bound."""
    row = await session.scalar(
        select(BoundChat).where(
            BoundChat.channel == channel, BoundChat.chat_id == chat_id, BoundChat.active.is_(True)
        )
    )
    if row is None:
        return False
    row.active = False
    await audit(session, actor, "unbind", "chat", row.id, channel=channel, chat_id=chat_id)
    return True


async def digest_recipients(session: AsyncSession, default_locale: str) -> list[Recipient]:
    """Active committee chats, then every reachable endpoint of an active leader — no repeats."""
    chats = await session.execute(
        select(BoundChat.channel, BoundChat.chat_id)
        .where(BoundChat.active.is_(True), BoundChat.purpose == COMMITTEE)
        .order_by(BoundChat.id)
    )
    found = [Recipient(channel, chat_id, default_locale) for channel, chat_id in chats]
    for leader in await recipients(session, roles=[Role.LEADER.value]):
        found.append(Recipient(leader.channel, leader.chat_id, leader.locale))
    unique: dict[tuple[str, str], Recipient] = {}
    for recipient in found:
        unique.setdefault((recipient.channel, recipient.chat_id), recipient)
    return list(unique.values())
