"""Multi-step conversations and small helpers the conversation handlers share."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import date, datetime
from typing import Any

from bot.channels.base import Button
from bot.domain import Role
from bot.services.chatstate import StateKey, Step, clear_state, load_state, save_state
from handlers.context import Context
from handlers.router import MEMBERS, command, text

logger = logging.getLogger(__name__)

CONTACTS = frozenset({Role.CONTACT})
ADMINS = frozenset({Role.ADMIN})
LABEL_LENGTH = 48


StepHandler = Callable[[Context, Step], Awaitable[None]]
STEPS: dict[str, tuple[StepHandler, frozenset[str]]] = {}


def step(name: str, roles: frozenset[str]):
    """Register the handler of the next message a user sends while at step `name`."""

    def register(handler: StepHandler) -> StepHandler:
        STEPS[name] = (handler, roles)
        return handler

    return register


def state_key(ctx: Context) -> StateKey:
    """The chat state key of the sender."""
    return StateKey.of(ctx.incoming)


async def begin_step(ctx: Context, session, name: str, data: dict[str, Any]) -> None:
    """Put the sender at a step (in the caller's transaction)."""
    await save_state(session, state_key(ctx), name, data, ctx.core.clock.now())


async def current_step(ctx: Context, session) -> Step | None:
    """The sender's step, if they are in the middle of a conversation (read in `session`)."""
    return await load_state(session, state_key(ctx), ctx.core.clock.now())


@text(MEMBERS, priority=20)
async def continue_conversation(ctx: Context) -> bool:
    """Hand a message to the step the sender is at, if any."""
    if ctx.incoming.edited:
        return False
    current = ctx.arrival_step
    if current is None or current.name not in STEPS:
        return False
    handler, roles = STEPS[current.name]
    if ctx.actor is None or ctx.actor.role not in roles:
        return False
    await handler(ctx, current)
    return True


@command("cancel", MEMBERS, vi="Hủy thao tác đang làm", en="Cancel what you are doing")
async def cancel(ctx: Context) -> None:
    """Forget the sender's step."""
    async with ctx.core.db.transaction() as session:
        await clear_state(session, state_key(ctx))
    ctx.reply(ctx.text("common.cancelled"))


@text(MEMBERS, priority=900)
async def not_understood(ctx: Context) -> bool:
    """In a private chat, say what the bot can do with a message nobody took."""
    if ctx.incoming.chat_type != "private" or ctx.incoming.edited:
        return False
    if ctx.actor.role == Role.CONTACT:
        key = ctx.reporting_key("conversation.hint_contact")
    else:
        key = "conversation.hint"
    ctx.reply(ctx.text(key))
    return True


def actor_label(ctx: Context) -> str:
    """Who did it, for the audit log: the chat account."""
    return f"{ctx.incoming.channel}:{ctx.incoming.user_id}"


def now(ctx: Context) -> datetime:
    """The current moment from the core's clock."""
    return ctx.core.clock.now()


def today(ctx: Context) -> date:
    """The committee's calendar date."""
    return now(ctx).astimezone(ctx.core.settings.tz).date()


def day_text(value: date | None) -> str:
    """dd/mm/yyyy, or a dash."""
    return value.strftime("%d/%m/%Y") if value else "—"


def shorten(value: str, length: int = LABEL_LENGTH) -> str:
    """A one-line excerpt that fits a button or a list line."""
    value = " ".join(value.split())
    return value if len(value) <= length else value[: length - 1].rstrip() + "…"


def callback_parts(ctx: Context, count: int) -> list[str] | None:
    """The fields after the prefix of the pressed button's data, if there are exactly `count`."""
    parts = (ctx.incoming.callback_data or "").split(":")[1:]
    return parts if len(parts) == count and all(parts) else None


def callback_ints(ctx: Context, count: int) -> list[int] | None:
    """Like `callback_parts`, all of them small non-negative integers."""
    parts = callback_parts(ctx, count)
    if parts is None or not all(p.isascii() and p.isdigit() and len(p) < 10 for p in parts):
        return None
    return [int(p) for p in parts]


def page_of(items: Sequence[Any], page: int, size: int) -> tuple[list[Any], int, int]:
    """The items on `page` (clamped to the pages there are), the page shown, the number of pages."""
    pages = max(1, -(-len(items) // size))
    page = min(max(page, 0), pages - 1)
    return list(items[page * size : (page + 1) * size]), page, pages


def page_buttons(ctx: Context, page: int, pages: int, prefix: str) -> list[list[Button]]:
    """A row of previous/next buttons sending `prefix:<page>`, if there is more than one page."""
    nav = []
    if page > 0:
        nav.append(Button(ctx.text("conversation.previous"), f"{prefix}:{page - 1}"))
    if page < pages - 1:
        nav.append(Button(ctx.text("conversation.next"), f"{prefix}:{page + 1}"))
    return [nav] if nav else []
