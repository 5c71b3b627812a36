"""/summary: the plan's progress for leaders, admins and observers; a contact's own unit only."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.callback_data import as_id
from bot.callbacks import SummaryPage
from bot.domain import Role
from bot.messages import Button
from bot.services.summary import Summary, build_summary, only_overdue, only_task, only_unit
from bot.services.summary_text import render_pages
from bot.services.tasks import find_tasks
from bot.services.units import find_unit
from db.models import Unit
from handlers.context import Context
from handlers.letters import letter_buttons
from handlers.router import MEMBERS, Router

OVERDUE_WORDS = {"quahan", "quá hạn", "qua han", "overdue"}
CHOICES_ROOM = 300  # channels without buttons append the choices as numbered text

router = Router(__name__)


@dataclass(frozen=True)
class Filter:
    """What part of the summary to show; `token` travels in the paging buttons."""

    kind: str  # "all" | "overdue" | "unit" | "task"
    target: int | None = None

    @property
    def token(self) -> str:
        return {"all": "a", "overdue": "q"}.get(self.kind) or f"{self.kind[0]}{self.target}"

    @classmethod
    def parse(cls, token: str) -> Filter | None:
        """The filter a button carries; None for data nobody produced."""
        if token in ("a", "q"):
            return cls("all" if token == "a" else "overdue")
        kind = {"u": "unit", "t": "task"}.get(token[:1])
        target = as_id(token[1:])
        return cls(kind, target) if kind and target is not None else None


@router.command("summary", MEMBERS)
async def summary(ctx: Context) -> None:
    """Show the summary, optionally only overdue tasks, one unit or one task."""
    from handlers.period_summary import answer_scoped  # built on this module's filters

    if await answer_scoped(ctx):  # a period ("quý I") or a plan ("15-KH/HU") was named
        return
    async with ctx.deps.db.reading() as session:
        wanted = await resolve_filter(session, ctx.incoming.args)
    if wanted is None:
        ctx.reply(ctx.text("summary.not_found", query=ctx.incoming.args))
        return
    await show(ctx, wanted, page=1, edit=False)


@router.callback(SummaryPage, MEMBERS)
async def summary_page(ctx: Context, pressed: SummaryPage) -> None:
    """Turn to another page of the summary."""
    wanted = Filter.parse(pressed.token)
    if wanted is None:
        ctx.reply(ctx.text("common.expired_button"))
        return
    await show(ctx, wanted, page=pressed.page, edit=True)


async def resolve_filter(session: AsyncSession, args: str) -> Filter | None:
    """`quahan`, a task code or a unit name; nothing means everything."""
    query = unicodedata.normalize("NFC", " ".join(args.split()))
    if not query:
        return Filter("all")
    if query.lower() in OVERDUE_WORDS:
        return Filter("overdue")
    tasks = await find_tasks(session, query)
    if tasks:
        return Filter("task", tasks[0].id)
    unit = await find_unit(session, query)
    return Filter("unit", unit.id) if unit else None


async def show(ctx: Context, wanted: Filter, page: int, edit: bool) -> None:
    """Render page `page` of the filtered summary with buttons to the pages beside it."""
    problem = refusal(ctx, wanted)
    if problem:
        ctx.reply(problem)
        return
    pages = await summary_pages(ctx, wanted)
    page = min(max(page, 1), len(pages))
    buttons = []
    if page > 1:
        buttons.append(Button(ctx.text("summary.prev"), SummaryPage(wanted.token, page - 1).pack()))
    if page < len(pages):
        buttons.append(Button(ctx.text("summary.next"), SummaryPage(wanted.token, page + 1).pack()))
    rows = [buttons] if buttons else []
    if wanted.kind == "overdue":
        rows += letter_buttons(ctx)
    ctx.reply(pages[page - 1], rows or None, edit=edit)


def refusal(ctx: Context, wanted: Filter) -> str | None:
    """Why the sender may not see this: a contact sees their own unit only."""
    actor = ctx.actor
    if actor.role != Role.CONTACT:
        return None
    if actor.unit_id is None:
        return ctx.text("summary.no_unit")
    if wanted.kind == "unit" and wanted.target != actor.unit_id:
        return ctx.text("summary.own_unit_only", unit=actor.unit_name or "")
    return None


async def summary_pages(ctx: Context, wanted: Filter) -> list[str]:
    """The sender's view of the summary as of now, in pages that fit the chat's platform."""
    tz = ctx.deps.settings.tz
    actor = ctx.actor
    own_unit = actor.unit_id if actor.role == Role.CONTACT else None
    async with ctx.deps.db.reading() as session:
        result = await build_summary(session, ctx.deps.clock.now(), tz)
        if own_unit is not None:
            result = only_unit(result, own_unit, tz)
        result, scope = await narrow(ctx, session, result, wanted)
    scopes = [scope] if scope else []
    if own_unit is not None and wanted.kind != "unit":
        scopes.insert(0, ctx.text("summary.scope.unit", unit=actor.unit_name or ""))
    scope_text = "\n".join(scopes) or None
    return render_pages(result, locale=ctx.locale, tz=tz, limit=text_limit(ctx), scope=scope_text)


async def narrow(
    ctx: Context, session: AsyncSession, result: Summary, wanted: Filter
) -> tuple[Summary, str | None]:
    """Apply the filter; the scope line says what is shown."""
    if wanted.kind == "overdue":
        return only_overdue(result), ctx.text("summary.scope.overdue")
    if wanted.kind == "task":
        narrowed = only_task(result, wanted.target)
        code = narrowed.tasks[0].task.code if narrowed.tasks else "?"
        return narrowed, ctx.text("summary.scope.task", code=code)
    if wanted.kind == "unit":
        unit = await session.get(Unit, wanted.target)
        scope = ctx.text("summary.scope.unit", unit=unit.name if unit else "?")
        return only_unit(result, wanted.target, ctx.deps.settings.tz), scope
    return result, None


def text_limit(ctx: Context) -> int:
    """How long one page may be on this chat's platform."""
    caps = ctx.capabilities
    return caps.max_text - (0 if caps.inline_buttons else CHOICES_ROOM)
