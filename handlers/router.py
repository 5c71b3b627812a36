"""Routes neutral updates to handlers after checking the sender's role first."""

from __future__ import annotations

import importlib
import logging
import pkgutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, and_, bindparam, select

from bot.channels.base import Incoming
from bot.domain import Role
from bot.services.chatstate import Step, live_step
from db.models import ChatState, Contact, ContactEndpoint, Unit
from handlers.context import Actor, Context

logger = logging.getLogger(__name__)

Handler = Callable[[Context], Awaitable[None]]
EVERYONE: frozenset[str] = frozenset()  # also strangers
MEMBERS = frozenset(Role)
STAFF = frozenset({Role.ADMIN, Role.LEADER})


@dataclass(frozen=True)
class Route:
    """A handler and who may reach it."""

    handler: Handler
    roles: frozenset[str]
    description_vi: str = ""
    description_en: str = ""

    def allows(self, actor: Actor | None) -> bool:
        """Whether this sender may use the route."""
        if not self.roles:
            return True
        return actor is not None and actor.role in self.roles


COMMANDS: dict[str, Route] = {}
CALLBACKS: dict[str, Route] = {}
TEXT_HANDLERS: list[tuple[int, Route]] = []


def command(name: str, roles: frozenset[str], vi: str = "", en: str = ""):
    """Register `/name`; `vi`/`en` describe it in the platform's command menu."""

    def register(handler: Handler) -> Handler:
        COMMANDS[name] = Route(handler, roles, vi, en)
        return handler

    return register


def callback(prefix: str, roles: frozenset[str]):
    """Register a button handler for callback data `prefix:…`."""

    def register(handler: Handler) -> Handler:
        CALLBACKS[prefix] = Route(handler, roles)
        return handler

    return register


def text(roles: frozenset[str], priority: int = 50):
    """Register a free-text handler; lower priority runs first; it returns True if it took the text."""

    def register(handler: Handler) -> Handler:
        TEXT_HANDLERS.append((priority, Route(handler, roles)))
        TEXT_HANDLERS.sort(key=lambda item: item[0])
        return handler

    return register


def load_handlers() -> None:
    """Import every handler module so its routes register."""
    import handlers

    for module_info in pkgutil.iter_modules(handlers.__path__):
        if module_info.name not in {"router", "context"}:
            importlib.import_module(f"handlers.{module_info.name}")


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
    endpoint_id, contact_id, role, name, unit_id, unit_name, locale, *state = row
    actor = Actor(
        contact_id=contact_id,
        endpoint_id=endpoint_id,
        role=role,
        display_name=name,
        unit_id=unit_id,
        unit_name=unit_name,
        locale=locale or "vi",
    )
    return actor, live_step(*state, now)


def find_route(incoming: Incoming) -> tuple[Route | None, str | None]:
    """The route for a command or button; (None, name) for an unknown command."""
    if incoming.callback_data is not None:
        prefix = incoming.callback_data.split(":", 1)[0]
        return CALLBACKS.get(prefix), None
    name = incoming.command
    if name is not None:
        return COMMANDS.get(name), name
    return None, None


async def dispatch(ctx: Context) -> None:
    """Authorize, then run the matching handler."""
    incoming = ctx.incoming
    route, command_name = find_route(incoming)
    if route is not None:
        if not route.allows(ctx.actor):
            key = "common.stranger" if ctx.actor is None else "common.forbidden"
            ctx.reply(ctx.text(key))
            return
        await route.handler(ctx)
        return
    if incoming.callback_data is not None:
        ctx.reply(ctx.text("common.expired_button"))
        return
    if command_name is not None:
        if ctx.actor is None:
            ctx.reply(ctx.text("common.stranger"))
        else:
            ctx.reply(ctx.text("common.unknown_command", command=command_name))
        return
    for _priority, text_route in TEXT_HANDLERS:
        if text_route.allows(ctx.actor) and await text_route.handler(ctx):
            return
    # In a group, people talk among themselves: only a private chat earns the stranger notice.
    if ctx.actor is None and incoming.chat_type == "private":
        ctx.reply(ctx.text("common.stranger"))
