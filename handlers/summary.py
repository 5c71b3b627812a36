"""/summary: the plan's progress for leaders, admins and observers; a contact's own unit only."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.callback_data import as_id
from bot.callbacks import SummaryPage
from bot.messages import Button
from bot.services.progress import tasks_of_unit
from bot.services.rollup import build_rollup, child_summary, committee_named
from bot.services.rollup_text import rollup_blocks
from bot.services.summary import Summary, build_summary, only_overdue, only_task, only_unit
from bot.services.summary_text import render_pages
from bot.services.tasks import find_tasks
from bot.services.unit_resolver import Resolution
from bot.services.units import resolve_unit
from db.models import Unit
from handlers.context import Context
from handlers.evidence import task_extras
from handlers.letters import letter_buttons
from handlers.router import BOUND, MEMBERS, Router
from handlers.unitchoice import choices, question, unit_buttons

OVERDUE_WORDS = {"quahan", "quá hạn", "qua han", "overdue"}
CHOICES_ROOM = 300  # channels without buttons append the choices as numbered text

router = Router(__name__)


@dataclass(frozen=True)
class Filter:
    """What part of the summary to show; `token` travels in the paging buttons."""

    kind: str  # "all" | "overdue" | "unit" | "task" | "committee" (a child committee's own)
    target: int | None = None

    @property
    def token(self) -> str:
        return {"all": "a", "overdue": "q"}.get(self.kind) or f"{self.kind[0]}{self.target}"

    @classmethod
    def parse(cls, token: str) -> Filter | None:
        """The filter a button carries; None for data nobody produced."""
        if token in ("a", "q"):
            return cls("all" if token == "a" else "overdue")
        kind = {"u": "unit", "t": "task", "c": "committee"}.get(token[:1])
        target = as_id(token[1:])
        return cls(kind, target) if kind and target is not None else None


@router.command("summary", MEMBERS, chats=BOUND)
async def summary(ctx: Context) -> None:
    """Show the summary, optionally only overdue tasks, one unit or one task."""
    from handlers.period_summary import answer_scoped  # built on this module's filters

    if await answer_scoped(ctx):  # a period ("quý I") or a plan ("15-KH/HU") was named
        return
    view = ctx.unit_view
    if view is None and await answer_committee(ctx):
        return
    async with ctx.deps.db.reading() as session:
        visible = None
        if view is not None:
            visible = {task.id for task in await tasks_of_unit(session, view.unit_id)}
        wanted = await resolve_filter(session, ctx.incoming.args, visible)
    if isinstance(wanted, Filter):
        await show(ctx, wanted, page=1, edit=False)
        return
    units = choices(wanted)
    if not units:
        ctx.reply(ctx.text("summary.not_found", query=ctx.incoming.args))
        return
    rows = unit_buttons(units, lambda unit: SummaryPage(Filter("unit", unit.id).token, 1))
    ctx.reply(question(ctx, wanted), rows)


async def answer_committee(ctx: Context) -> bool:
    """Drill down when the words name a committee under the sender's (refuse any other one);
    False to read them as a unit or a task."""
    name = " ".join(ctx.incoming.args.split())
    if not name:
        return False
    async with ctx.deps.db.reading() as session:
        named = await committee_named(session, name)
    own = ctx.member.committee_id
    if named is None or named.id == own:
        return False
    if named.parent_id != own:
        ctx.reply(ctx.text("rollup.not_child", name=name))
        return True
    await show(ctx, Filter("committee", named.id), page=1, edit=False)
    return True


@router.callback(SummaryPage, MEMBERS, chats=BOUND)
async def summary_page(ctx: Context, pressed: SummaryPage) -> None:
    """Turn to another page of the summary."""
    wanted = Filter.parse(pressed.token)
    if wanted is None:
        ctx.reply(ctx.text("common.expired_button"))
        return
    await show(ctx, wanted, page=pressed.page, edit=True)


async def resolve_filter(
    session: AsyncSession, args: str, visible: set[int] | None = None
) -> Filter | Resolution:
    """`quahan`, a task code or a unit name as people write it; nothing means everything.

    A name that denotes no single unit comes back as its `Resolution` (to ask which). A task
    outside `visible` (when given) is looked up as if it did not exist, so that a contact cannot
    tell another unit's code from a code nobody uses.
    """
    query = unicodedata.normalize("NFC", " ".join(args.split()))
    if not query:
        return Filter("all")
    if query.lower() in OVERDUE_WORDS:
        return Filter("overdue")
    tasks = [
        task for task in await find_tasks(session, query) if visible is None or task.id in visible
    ]
    if tasks:
        return Filter("task", tasks[0].id)
    answer = await resolve_unit(session, query)
    return Filter("unit", answer.unit.id) if answer.unit else answer


async def show(ctx: Context, wanted: Filter, page: int, edit: bool) -> None:
    """Render page `page` of the filtered summary with buttons to the pages beside it."""
    problem = refusal(ctx, wanted)
    if problem:
        ctx.reply(problem)
        return
    pages = await summary_pages(ctx, wanted)
    if not pages:  # a committee button for a committee no longer under the sender's
        ctx.reply(ctx.text("common.expired_button"), edit=edit)
        return
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
    """Why this chat may not see this: a contact, or a unit's group, sees one unit only."""
    view = ctx.unit_view
    if view is None:
        return None
    if view.unit_id is None:
        return ctx.text("summary.no_unit")
    if wanted.kind == "committee":
        return ctx.text("summary.own_unit_only", unit=view.unit_name)
    if wanted.kind == "unit" and wanted.target != view.unit_id:
        return ctx.text("summary.own_unit_only", unit=view.unit_name)
    return None


async def summary_pages(ctx: Context, wanted: Filter) -> list[str]:
    """The sender's view of the summary as of now, in pages that fit the chat's platform (with
    the committees under the sender's after its own); none for a committee not under it."""
    tz, at = ctx.deps.settings.tz, ctx.deps.clock.now()
    view = ctx.unit_view
    if wanted.kind == "committee" and wanted.target is not None:
        return await child_pages(ctx, wanted.target)
    more = []
    if view is None and wanted.kind == "all":
        rollup = await build_rollup(ctx.deps.db, ctx.member.committee_id, at, tz)
        more = rollup_blocks(rollup, ctx.locale) if rollup else []
    async with ctx.deps.db.reading() as session:
        result = await build_summary(session, at, tz)
        if view is not None:
            result = only_unit(result, view.unit_id, tz)
        result, scope = await narrow(ctx, session, result, wanted)
    scopes = [scope] if scope else []
    if view is not None and wanted.kind != "unit":
        scopes.insert(0, ctx.text("summary.scope.unit", unit=view.unit_name))
    scope_text = "\n".join(scopes) or None
    limit = text_limit(ctx)
    return render_pages(result, locale=ctx.locale, tz=tz, limit=limit, scope=scope_text, more=more)


async def child_pages(ctx: Context, committee_id: int) -> list[str]:
    """A child committee's own summary, read only; none when it is not under the sender's."""
    tz = ctx.deps.settings.tz
    found = await child_summary(
        ctx.deps.db, ctx.member.committee_id, committee_id, ctx.deps.clock.now(), tz
    )
    if found is None:
        return []
    name, result = found
    scope = ctx.text("rollup.scope", name=name)
    return render_pages(result, locale=ctx.locale, tz=tz, limit=text_limit(ctx), scope=scope)


async def narrow(
    ctx: Context, session: AsyncSession, result: Summary, wanted: Filter
) -> tuple[Summary, str | None]:
    """Apply the filter; the scope line says what is shown."""
    if wanted.kind == "overdue":
        return only_overdue(result), ctx.text("summary.scope.overdue")
    if wanted.target is None:  # "all": unit and task filters always name their target
        return result, None
    if wanted.kind == "task":
        narrowed = only_task(result, wanted.target)
        code = narrowed.tasks[0].task.code if narrowed.tasks else "?"
        extra, _files = await task_extras(ctx, session, wanted.target)
        return narrowed, "\n".join([ctx.text("summary.scope.task", code=code), *extra])
    if wanted.kind == "unit":
        unit = await session.get(Unit, wanted.target)
        scope = ctx.text("summary.scope.unit", unit=unit.name if unit else "?")
        return only_unit(result, wanted.target, ctx.deps.settings.tz), scope
    return result, None


def text_limit(ctx: Context) -> int:
    """How long one page may be on this chat's platform."""
    caps = ctx.capabilities
    return caps.max_text - (0 if caps.inline_buttons else CHOICES_ROOM)
