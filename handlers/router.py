"""Explicit routing: each handler module declares a `Router`; `RouteTable` dispatches after
checking the sender's role and, where a route says so, that the chat is private (or bound)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.callback_data import CallbackData, MalformedCallback
from bot.domain import Role
from bot.services.bound_chats import chat_binding
from bot.services.chatstate import Step
from bot.texts import t
from handlers.context import Actor, Context

logger = logging.getLogger(__name__)

Handler = Callable[[Context], Awaitable[None]]
TextHandler = Callable[[Context], Awaitable[bool]]  # True if it took the text
StepHandler = Callable[[Context, Step], Awaitable[None]]
ButtonHandler = Callable[[Context, Any], Awaitable[None]]  # gets the unpacked CallbackData
EVERYONE: frozenset[str] = frozenset()  # also strangers
MEMBERS = frozenset(Role)
STAFF = frozenset({Role.ADMIN, Role.LEADER})

# Where a route answers. Codes and plan-wide data never go to a group anyone may have joined.
ANY_CHAT = "any"
PRIVATE = "private"  # private chats only; in a group the sender is asked to write privately
BOUND = "bound"  # also groups bound with /bind: the committee's sees all, a unit's its unit only


@dataclass(frozen=True)
class Route:
    """A handler, who may reach it, and in which chats it answers."""

    handler: Callable[..., Awaitable[Any]]
    roles: frozenset[str]
    chats: str = ANY_CHAT

    def allows(self, actor: Actor | None) -> bool:
        """Whether this sender may use the route."""
        if not self.roles:
            return True
        return actor is not None and actor.role in self.roles


@dataclass(frozen=True)
class CommandRoute(Route):
    """A command; `in_menu` ones are described by the catalogue text `command.<name>`."""

    in_menu: bool = True


@dataclass(frozen=True)
class CallbackRoute(Route):
    """A button kind: its payload class, and the answer to a payload no current button sends."""

    data: type[CallbackData] = CallbackData
    expired_key: str = "common.expired_button"


class Router:
    """The routes of one handler module: commands, buttons, free text and conversation steps."""

    def __init__(self, name: str):
        self.name = name
        self.commands: dict[str, CommandRoute] = {}
        self.callbacks: dict[str, CallbackRoute] = {}
        self.texts: dict[TextHandler, Route] = {}
        self.steps: dict[str, Route] = {}

    def command(
        self, name: str, roles: frozenset[str], *, in_menu: bool = True, chats: str = ANY_CHAT
    ):
        """`/name`; its menu description is the catalogue text `command.<name>`."""

        def register(handler: Handler) -> Handler:
            _add(self.commands, name, CommandRoute(handler, roles, chats, in_menu))
            return handler

        return register

    def callback(
        self,
        data: type[CallbackData],
        roles: frozenset[str],
        expired_key: str = "common.expired_button",
        *,
        chats: str = ANY_CHAT,
    ):
        """A button whose payload is `data`; the handler gets it unpacked."""

        def register(handler: ButtonHandler) -> ButtonHandler:
            route = CallbackRoute(handler, roles, chats, data, expired_key)
            _add(self.callbacks, data.prefix, route)
            return handler

        return register

    def text(self, roles: frozenset[str], *, chats: str = ANY_CHAT):
        """A free-text handler; its place is in `handlers.TEXT_PIPELINE` (skipped where `chats`
        excludes the chat: people talk among themselves in groups)."""

        def register(handler: TextHandler) -> TextHandler:
            self.texts[handler] = Route(handler, roles, chats)
            return handler

        return register

    def step(self, name: str, roles: frozenset[str]):
        """The handler of the next message a user sends while at step `name`."""

        def register(handler: StepHandler) -> StepHandler:
            _add(self.steps, name, Route(handler, roles))
            return handler

        return register


def _add(table: dict[str, Any], key: str, route: Route) -> None:
    if key in table:
        raise ValueError(f"route {key!r} declared twice")
    table[key] = route


CONVERSATION_STEPS = "conversation steps"  # the text pipeline's place for the sender's open step


class RouteTable:
    """All routers in one ordered list, and the free-text pipeline as one ordered list."""

    def __init__(self, routers: list[Router], text_pipeline: list[TextHandler | str]):
        self.commands: dict[str, CommandRoute] = {}
        self.callbacks: dict[str, CallbackRoute] = {}
        self.steps: dict[str, Route] = {}
        texts: dict[TextHandler, Route] = {}
        for router in routers:
            for mine, merged in (
                (router.commands, self.commands),
                (router.callbacks, self.callbacks),
                (router.steps, self.steps),
            ):
                for key, route in mine.items():
                    _add(merged, key, route)
            texts.update(router.texts)
        listed = [entry for entry in text_pipeline if entry != CONVERSATION_STEPS]
        if sorted(map(id, listed)) != sorted(map(id, texts)):
            raise ValueError("every text handler appears once in the text pipeline")
        self.text_pipeline: list[Route | str] = [
            CONVERSATION_STEPS if isinstance(entry, str) else texts[entry]
            for entry in text_pipeline
        ]

    def menu(self, role: str | None, locale: str = "vi") -> list[tuple[str, str]]:
        """(command, description) a person with this role may use; None is a stranger."""
        return [
            (name, t(f"command.{name}", locale)[:256])
            for name, route in self.commands.items()
            if route.in_menu and (not route.roles or (role is not None and role in route.roles))
        ]

    async def dispatch(self, ctx: Context) -> None:
        """Authorize, then run the matching command, button or the free-text pipeline."""
        incoming = ctx.incoming
        if incoming.callback_data is not None:
            await self._press(ctx, incoming.callback_data)
            return
        name = incoming.command
        if name is not None:
            route = self.commands.get(name)
            if route is None:
                key = "common.stranger" if ctx.actor is None else "common.unknown_command"
                ctx.reply(ctx.text(key, command=name))
            elif await _authorized(ctx, route):
                await route.handler(ctx)
            return
        for stage in self.text_pipeline:
            if isinstance(stage, str):  # CONVERSATION_STEPS
                if await self._continue_step(ctx):
                    return
            elif (
                stage.allows(ctx.actor)
                and (stage.chats == ANY_CHAT or incoming.chat_type == "private")
                and await stage.handler(ctx)
            ):
                return
        # In a group, people talk among themselves: only a private chat earns the stranger notice.
        if ctx.actor is None and incoming.chat_type == "private":
            ctx.reply(ctx.text("common.stranger"))

    async def _press(self, ctx: Context, data: str) -> None:
        """A button: expired or malformed payloads are answered here, once for all buttons."""
        route = self.callbacks.get(data.split(":", 1)[0])
        if route is None:
            ctx.reply(ctx.text("common.expired_button"))
            return
        if not await _authorized(ctx, route):
            return
        try:
            payload = route.data.unpack(data)
        except MalformedCallback:
            ctx.reply(ctx.text(route.expired_key))
            return
        await route.handler(ctx, payload)

    async def _continue_step(self, ctx: Context) -> bool:
        """Hand a message to the conversation step the sender is at, if any."""
        current = ctx.arrival_step
        if ctx.incoming.edited or current is None:
            return False
        route = self.steps.get(current.name)
        if route is None or ctx.actor is None or ctx.actor.role not in route.roles:
            return False
        await route.handler(ctx, current)
        return True


async def _authorized(ctx: Context, route: Route) -> bool:
    """Whether the sender may use `route` here; if not, they are told why."""
    if not route.allows(ctx.actor):
        ctx.reply(ctx.text("common.stranger" if ctx.actor is None else "common.forbidden"))
        return False
    if route.chats == ANY_CHAT or ctx.incoming.chat_type == "private":
        return True
    if route.chats == BOUND:
        incoming = ctx.incoming
        async with ctx.deps.db.reading() as session:
            ctx.bound_group = await chat_binding(session, incoming.channel, incoming.chat_id)
        if ctx.group_admits_sender():
            return True
    ctx.reply(ctx.text("common.private_only"))
    return False
