"""/history: what a unit reported (in a period); a task's whole report history, page by page."""

from __future__ import annotations

from collections.abc import Callable

from bot.callbacks import AdminAction, TaskHistory, UnitHistory
from bot.domain import Role
from bot.messages import Button
from bot.services.exports.history import HistoryRow, load_history
from bot.services.exports.period import period_bounds
from bot.services.period_words import period_label, period_or_none, read_chat_query
from bot.services.progress import status_and_percent
from bot.services.units import find_unit
from db.models import Task, Unit
from handlers.context import Context
from handlers.conversation import ADMINS, day_text, now, page_buttons, page_of, shorten, today
from handlers.router import MEMBERS, PRIVATE, Router

PAGE_SIZE = 8
TEXT_LENGTH = 300
ALL_TIME = "-"  # the period field of a button for a history without a period

router = Router(__name__)


@router.command("history", MEMBERS, chats=PRIVATE)
async def history(ctx: Context) -> None:
    """Show what a unit reported, in the period named (`quý I`, `tháng 3`…) or all along."""
    query = read_chat_query(ctx.incoming.args, today(ctx))
    actor = ctx.member
    async with ctx.deps.db.reading() as session:
        unit = await find_unit(session, query.rest) if query.rest else None
    if unit is None and query.rest:
        ctx.reply(ctx.text("history.unit_not_found", query=query.rest))
        return
    if unit is None and actor.role == Role.CONTACT and actor.unit_id is not None:
        unit_id = actor.unit_id
    elif unit is None:
        ctx.reply(ctx.text("history.usage"))
        return
    else:
        unit_id = unit.id
    period = query.period.key if query.period else ALL_TIME
    await show_unit_history(ctx, UnitHistory(unit_id, period, 0), edit=False)


@router.callback(UnitHistory, MEMBERS, chats=PRIVATE)
async def unit_history_page(ctx: Context, pressed: UnitHistory) -> None:
    """Another page of a unit's history."""
    await show_unit_history(ctx, pressed, edit=True)


async def show_unit_history(ctx: Context, wanted: UnitHistory, edit: bool) -> None:
    """One page of a unit's reports, newest first; a contact sees their own unit only."""
    actor = ctx.member
    if actor.role == Role.CONTACT and wanted.unit_id != actor.unit_id:
        ctx.reply(ctx.text("history.own_unit_only", unit=actor.unit_name or "—"), edit=edit)
        return
    period = None if wanted.period == ALL_TIME else period_or_none(wanted.period)
    if period is None and wanted.period != ALL_TIME:
        ctx.reply(ctx.text("common.expired_button"), edit=edit)
        return
    tz = ctx.deps.settings.tz
    end, since = now(ctx), None
    if period is not None:
        since, end = period_bounds(period, end, tz)
    async with ctx.deps.db.reading() as session:
        unit = await session.get(Unit, wanted.unit_id)
        rows = await load_history(session, end, since=since, unit_id=wanted.unit_id)
    if unit is None:
        ctx.reply(ctx.text("common.expired_button"), edit=edit)
        return
    if period is None:
        scope = ctx.text("history.all_time")
    else:
        scope = ctx.text("history.period", label=period_label(period),
                         start=day_text(period.start), end=day_text(period.end))  # fmt: skip
    several_plans = len({row.plan for row in rows}) > 1

    def line(row: HistoryRow) -> str:
        plan = ctx.text("history.plan", plan=shorten(row.plan, 40)) if several_plans else ""
        return ctx.text("history.unit_line", date=_day(ctx, row), code=row.code, plan=plan,
                        what=status_and_percent(row, ctx.locale),
                        text=shorten(row.text, TEXT_LENGTH))  # fmt: skip

    header = ctx.text("history.unit_title", unit=unit.name) + "\n" + scope
    text, page, pages = _page(ctx, header, rows, wanted.page, line)
    buttons = page_buttons(
        ctx, page, pages, lambda number: UnitHistory(wanted.unit_id, wanted.period, number)
    )
    ctx.reply(text, buttons, edit=edit)


@router.callback(TaskHistory, ADMINS, chats=PRIVATE)
async def task_history(ctx: Context, pressed: TaskHistory) -> None:
    """A page of every report made on a task (the /task card's button), newest first."""
    async with ctx.deps.db.reading() as session:
        task = await session.get(Task, pressed.task_id)
        rows = await load_history(session, now(ctx), task_id=pressed.task_id)
    if task is None:
        ctx.reply(ctx.text("admin.task_gone"), edit=True)
        return

    def line(row: HistoryRow) -> str:
        return ctx.text("history.task_line", date=_day(ctx, row), unit=row.unit,
                        what=status_and_percent(row, ctx.locale),
                        text=shorten(row.text, TEXT_LENGTH))  # fmt: skip

    header = ctx.text("history.task_title", code=task.code, title=shorten(task.title, 160))
    text, page, pages = _page(ctx, header, rows, pressed.page, line)
    buttons = page_buttons(ctx, page, pages, lambda number: TaskHistory(task.id, number))
    buttons.append([Button(ctx.text("history.back"), AdminAction("show", str(task.id)).pack())])
    ctx.reply(text, buttons, edit=True)


def _page(
    ctx: Context,
    header: str,
    rows: list[HistoryRow],
    page: int,
    line: Callable[[HistoryRow], str],
) -> tuple[str, int, int]:
    """The header, the count and one page of rows, newest first; the page shown and how many."""
    newest_first = sorted(rows, key=lambda row: row.at, reverse=True)
    shown, page, pages = page_of(newest_first, page, PAGE_SIZE)
    parts = [header]
    if rows:
        parts += [ctx.text("history.count", count=len(rows)), "\n".join(map(line, shown))]
    else:
        parts.append(ctx.text("history.none"))
    if pages > 1:
        parts.append(ctx.text("history.page", page=page + 1, pages=pages))
    return "\n\n".join(parts), page, pages


def _day(ctx: Context, row: HistoryRow) -> str:
    return day_text(row.at.astimezone(ctx.deps.settings.tz).date())
