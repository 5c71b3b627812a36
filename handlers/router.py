"""Routes neutral updates to handlers after checking the sender's role first."""

from __future__ import annotations

import importlib
import logging
import pkgutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from bot.channels.base import Incoming
from bot.domain import Role
from db.models import Contact, ContactEndpoint
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


async def resolve_actor(session, incoming: Incoming) -> Actor | None:
    """Find the active contact behind this chat account, if any."""
    row = await session.scalar(
        select(ContactEndpoint)
        .where(ContactEndpoint.channel == incoming.channel)
        .where(ContactEndpoint.user_id == incoming.user_id)
        .options(selectinload(ContactEndpoint.contact).selectinload(Contact.unit))
    )
    if row is None or not row.contact.active:
        return None
    contact = row.contact
    return Actor(
        contact_id=contact.id,
        endpoint_id=row.id,
        role=contact.role,
        display_name=contact.display_name,
        unit_id=contact.unit_id,
        unit_name=contact.unit.name if contact.unit else None,
        locale=contact.locale or "vi",
    )


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
