"""Multi-step conversations and small helpers the conversation handlers share."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import date, datetime
from typing import Any

from bot.callback_data import CallbackData
from bot.domain import Role
from bot.messages import Button
from bot.reading import normalize_code
from bot.services.chatstate import StateKey, Step, clear_state, load_state, save_state
from bot.services.tasks import find_tasks
from handlers.context import Context
from handlers.router import MEMBERS, Router

logger = logging.getLogger(__name__)

CONTACTS = frozenset({Role.CONTACT})
ADMINS = frozenset({Role.ADMIN})
LABEL_LENGTH = 48


router = Router(__name__)


def state_key(ctx: Context) -> StateKey:
    """The chat state key of the sender."""
    return StateKey.of(ctx.incoming)


async def begin_step(ctx: Context, session, name: str, data: dict[str, Any]) -> None:
    """Put the sender at a step (in the caller's transaction)."""
    await save_state(session, state_key(ctx), name, data, ctx.deps.clock.now())


async def current_step(ctx: Context, session) -> Step | None:
    """The sender's step, if they are in the middle of a conversation (read in `session`)."""
    return await load_state(session, state_key(ctx), ctx.deps.clock.now())


@router.command("cancel", MEMBERS)
async def cancel(ctx: Context) -> None:
    """Forget the sender's step."""
    async with ctx.deps.db.transaction() as session:
        await clear_state(session, state_key(ctx))
    ctx.reply(ctx.text("common.cancelled"))


@router.text(MEMBERS)
async def not_understood(ctx: Context) -> bool:
    """In a private chat, say what the bot can do with a message nobody took."""
    if ctx.incoming.chat_type != "private" or ctx.incoming.edited:
        return False
    if ctx.member.role == Role.CONTACT:
        key = ctx.reporting_key("conversation.hint_contact")
    else:
        key = "conversation.hint"
    ctx.reply(ctx.text(key))
    return True


def actor_label(ctx: Context) -> str:
    """Who did it, for the audit log: the chat account."""
    return f"{ctx.incoming.channel}:{ctx.incoming.user_id}"


def now(ctx: Context) -> datetime:
    """The current moment from the process's clock."""
    return ctx.deps.clock.now()


def today(ctx: Context) -> date:
    """The committee's calendar date."""
    return now(ctx).astimezone(ctx.deps.settings.tz).date()


def day_text(value: date | None) -> str:
    """dd/mm/yyyy, or a dash."""
    return value.strftime("%d/%m/%Y") if value else "—"


def shorten(value: str, length: int = LABEL_LENGTH) -> str:
    """A one-line excerpt that fits a button or a list line."""
    value = " ".join(value.split())
    return value if len(value) <= length else value[: length - 1].rstrip() + "…"


def page_of(items: Sequence[Any], page: int, size: int) -> tuple[list[Any], int, int]:
    """The items on `page` (clamped to the pages there are), the page shown, the number of pages."""
    pages = max(1, -(-len(items) // size))
    page = min(max(page, 0), pages - 1)
    return list(items[page * size : (page + 1) * size]), page, pages


def page_buttons(
    ctx: Context, page: int, pages: int, to_page: Callable[[int], CallbackData]
) -> list[list[Button]]:
    """A row of previous/next buttons sending `to_page(<page>)`, if there is more than one page."""
    nav = []
    if page > 0:
        nav.append(Button(ctx.text("conversation.previous"), to_page(page - 1).pack()))
    if page < pages - 1:
        nav.append(Button(ctx.text("conversation.next"), to_page(page + 1).pack()))
    return [nav] if nav else []


async def tasks_with_code(ctx: Context, code: str) -> list[Any]:
    """Tasks with the code as typed, else as the plan would write it ("ii.3" → "II.3")."""
    async with ctx.deps.db.reading() as session:
        return await find_tasks(session, code) or await find_tasks(session, normalize_code(code))


async def open_task_by_code(
    ctx: Context,
    keys: tuple[str, str],
    to_data: Callable[[Any], CallbackData],
    show: Callable[[Context, int], Awaitable[None]],
) -> None:
    """`/command CODE`: show the one task with the code, or ask which plan when several have it.

    `keys` are the texts for a missing code and for "which plan?".
    """
    usage, which_plan = keys
    code = ctx.incoming.args.strip()
    if not code:
        ctx.reply(ctx.text(usage))
        return
    tasks = await tasks_with_code(ctx, code)
    if not tasks:
        ctx.reply(ctx.text("admin.task_not_found", code=code))
    elif len(tasks) > 1:
        ctx.reply(ctx.text(which_plan, code=code), task_choices(tasks, to_data))
    else:
        await show(ctx, tasks[0].id)


def task_choices(
    tasks: Sequence[Any], to_data: Callable[[Any], CallbackData]
) -> list[list[Button]]:
    """One button per task (plan, code, title), for a code that several plans share."""
    return [
        [Button(shorten(f"{t.plan.number or t.plan.id} · {t.code} · {t.title}"), to_data(t).pack())]
        for t in tasks
    ]
