"""Each contact's delivery preference as one SQL condition every recipient query can add.

`contacts.deliver_to` is "all" or one platform. A query that joins `Contact` and
`ContactEndpoint` adds `.where(honors_delivery())` to keep only the endpoints the contact
wants used. When the chosen platform has no reachable account (blocked, or that platform
is not running in this process), the contact's other accounts are kept: a preference
must never make a reminder vanish.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, exists, or_
from sqlalchemy.orm import aliased

from db.models import Contact, ContactEndpoint

DELIVER_ALL = "all"


def on_chosen_platform(channel: SQLColumnExpression[str]) -> ColumnElement[bool]:
    """True for a channel on the platform its contact chose: "telegram" is the deployment's
    Telegram bot and every committee's ("telegram:TG_XA_AN_BINH")."""
    return or_(channel == Contact.deliver_to, channel.startswith(Contact.deliver_to.concat(":")))


def honors_delivery(channels: Collection[str] | None = None) -> ColumnElement[bool]:
    """True for an endpoint its contact wants used; `channels` (those running) limits both."""
    chosen = aliased(ContactEndpoint)
    usable = [chosen.contact_id == Contact.id, on_chosen_platform(chosen.channel)]
    usable.append(chosen.unreachable.is_(False))
    if channels is not None:
        usable.append(chosen.channel.in_(list(channels)))
    wanted = or_(
        Contact.deliver_to == DELIVER_ALL,
        on_chosen_platform(ContactEndpoint.channel),
        ~exists().where(and_(*usable)),
    )
    return wanted if channels is None else and_(ContactEndpoint.channel.in_(list(channels)), wanted)
