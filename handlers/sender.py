"""Who sent an update: the active contact behind the chat account, and the step they are at."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, and_, bindparam, select

from bot.messages import Incoming
from bot.services.chatstate import Step, live_step
from db.models import ChatState, Contact, ContactEndpoint, Unit
from handlers.context import Actor

# Built once: on every update, SQLAlchemy then only binds the values and reuses the compiled SQL.
SENDER = (
    select(
        ContactEndpoint.id,
        Contact.id,
        Contact.role,
        Contact.display_name,
        Contact.unit_id,
        Unit.name,
        Contact.locale,
        Contact.committee_id,
        ChatState.step,
        ChatState.data,
        ChatState.expires_at,
    )
    .join(Contact, Contact.id == ContactEndpoint.contact_id)
    .outerjoin(Unit, Unit.id == Contact.unit_id)
    .outerjoin(
        ChatState,
        and_(
            ChatState.channel == ContactEndpoint.channel,
            ChatState.chat_id == bindparam("chat_id"),
            ChatState.user_id == ContactEndpoint.user_id,
        ),
    )
    .where(
        ContactEndpoint.channel == bindparam("channel"),
        ContactEndpoint.user_id == bindparam("user_id"),
        Contact.active.is_(True),
    )
)


def resolve_sender(
    connection: Connection, incoming: Incoming, now: datetime
) -> tuple[Actor | None, Step | None]:
    """The active contact behind this chat account and the step they are at (one query)."""
    keys = {"channel": incoming.channel, "chat_id": incoming.chat_id, "user_id": incoming.user_id}
    row = connection.execute(SENDER, keys).first()
    if row is None:
        return None, None
    endpoint_id, contact_id, role, name, unit_id, unit_name, locale, committee, *rest = row
    step, data, expires = rest
    actor = Actor(
        contact_id=contact_id,
        endpoint_id=endpoint_id,
        role=role,
        display_name=name,
        unit_id=unit_id,
        unit_name=unit_name,
        locale=locale or "vi",
        committee_id=committee,
    )
    return actor, live_step(step, data, expires, now)
