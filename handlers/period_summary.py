"""/summary for a period ("quý I", "tháng 3", "6 tháng", "năm 2025") or a plan ("15-KH/HU").

The rest of the words filter as in a plain /summary (quahan, a unit, a task code); with a
period, leaders and admins get the period report as .docx/.xlsx buttons.
"""

from __future__ import annotations

from bot.callbacks import PeriodExport, PeriodSummaryPage
from bot.domain import Role
from bot.messages import Button, Outgoing
from bot.services.exports import PERIOD_FORMATS, export_period
from bot.services.exports.common import as_of
from bot.services.exports.period import load_period_report, period_bounds
from bot.services.period_words import period_label, period_or_none, read_chat_query
from bot.services.reminders.periods import Period
from bot.services.rollup import build_rollup
from bot.services.rollup_text import rollup_blocks
from bot.services.summary import build_summary, only_unit
from bot.services.summary_text import render_pages
from bot.services.tasks import plan_with_number
from db.models import Unit
from handlers.context import Context
from handlers.conversation import day_text, now, today
from handlers.letters import letter_buttons
from handlers.router import BOUND, MEMBERS, PRIVATE, STAFF, Router
from handlers.summary import Filter, narrow, refusal, resolve_filter, text_limit
from handlers.unitchoice import choices, question, unit_buttons

WHOLE = "-"  # the period field of a button for a plan's summary without a period

router = Router(__name__)


async def answer_scoped(ctx: Context) -> bool:
    """Answer /summary if its words name a period or a plan; False to leave it to plain /summary."""
    query = read_chat_query(ctx.incoming.args, today(ctx))
    if query.period is None and query.plan_number is None:
        return False
    if query.period is not None and query.period.start > today(ctx):
        ctx.reply(ctx.text("summary.period_not_begun", label=period_label(query.period)))
        return True
    async with ctx.deps.db.reading() as session:
        plan = await plan_with_number(session, query.plan_number) if query.plan_number else None
        wanted = await resolve_filter(session, query.rest)
    period = query.period.key if query.period else WHOLE
    plan_id = plan.id if plan else 0
    if query.plan_number and plan is None:
        ctx.reply(ctx.text("summary.plan_not_found", number=query.plan_number))
    elif isinstance(wanted, Filter):
        await show_scoped(ctx, PeriodSummaryPage(period, plan_id, wanted.token, 1), edit=False)
    elif units := choices(wanted):  # a unit name that fits several: ask which

        def unit_page(unit: Unit) -> PeriodSummaryPage:
            return PeriodSummaryPage(period, plan_id, Filter("unit", unit.id).token, 1)

        ctx.reply(question(ctx, wanted), unit_buttons(units, unit_page))
    else:
        ctx.reply(ctx.text("summary.not_found", query=query.rest))
    return True


@router.callback(PeriodSummaryPage, MEMBERS, chats=BOUND)
async def scoped_page(ctx: Context, pressed: PeriodSummaryPage) -> None:
    """Turn to another page of a period's or a plan's summary."""
    await show_scoped(ctx, pressed, edit=True)


async def show_scoped(ctx: Context, scoped: PeriodSummaryPage, edit: bool) -> None:
    """One page of the summary at the period's end (or now), with paging and file buttons."""
    wanted = Filter.parse(scoped.token)
    period = None if scoped.period == WHOLE else period_or_none(scoped.period)
    if wanted is None or (period is None and scoped.period != WHOLE):
        ctx.reply(ctx.text("common.expired_button"), edit=edit)
        return
    problem = refusal(ctx, wanted)
    if problem:
        ctx.reply(problem, edit=edit)
        return
    pages = await scoped_pages(ctx, wanted, period, scoped.plan_id or None)
    page = min(max(scoped.page, 1), len(pages))
    nav = [
        Button(ctx.text(key), PeriodSummaryPage(scoped.period, scoped.plan_id, scoped.token,
                                                number).pack())
        for key, number, shown in (("summary.prev", page - 1, page > 1),
                                   ("summary.next", page + 1, page < len(pages)))
        if shown
    ]  # fmt: skip
    rows = [nav] if nav else []
    if period is not None:
        rows += file_buttons(ctx, period, scoped.plan_id)
    elif wanted.kind == "overdue":  # letters are about what is overdue now, not at a period's end
        rows += letter_buttons(ctx, scoped.plan_id)
    ctx.reply(pages[page - 1], rows or None, edit=edit)


async def scoped_pages(
    ctx: Context, wanted: Filter, period: Period | None, plan_id: int | None
) -> list[str]:
    """The sender's view of the plan at the period's end (or now), in pages for this chat."""
    tz, moment = ctx.deps.settings.tz, now(ctx)
    actor = ctx.member
    own_unit = ctx.member_unit.id if actor.role == Role.CONTACT else None
    scopes = []
    at = moment if period is None else period_bounds(period, moment, tz)[1]
    rollup = None
    if ctx.unit_view is None and wanted.kind == "all":  # the committees below, as /summary has
        rollup = await build_rollup(ctx.deps.db, actor.committee_id, at, tz, plan_id)
    async with ctx.deps.db.reading() as session:
        if period is None:
            result = await build_summary(session, moment, tz, plan_id)
        else:
            report = await load_period_report(session, period, moment, tz, plan_id, quotes=False)
            result = report.summary
            scopes.append(ctx.text("summary.scope.period", label=report.label,
                                   start=day_text(period.start),
                                   end=day_text(report.end.astimezone(tz).date())))  # fmt: skip
            if own_unit is None:  # the plan's activity is not one unit's to see
                scopes.append(ctx.text("summary.period_activity", reports=report.received,
                                       completed=len(report.completed)))  # fmt: skip
        if own_unit is not None:
            result = only_unit(result, own_unit, tz)
            if wanted.kind != "unit":
                scopes.append(ctx.text("summary.scope.unit", unit=actor.unit_name or ""))
        result, scope = await narrow(ctx, session, result, wanted)
    if scope:
        scopes.append(scope)
    title = ctx.text("summary.period_title", label=period_label(period).upper()) if period else None
    more = rollup_blocks(rollup, ctx.locale) if rollup else []
    return render_pages(result, locale=ctx.locale, tz=tz, limit=text_limit(ctx), title=title,
                        scope="\n".join(scopes) or None, more=more)  # fmt: skip


def file_buttons(ctx: Context, period: Period, plan_id: int) -> list[list[Button]]:
    """The period report as .docx and .xlsx, for leaders and admins where files can be sent."""
    if ctx.member.role not in STAFF or not ctx.capabilities.documents:
        return []
    return [
        [
            Button(ctx.text(f"export.button.{fmt}"), PeriodExport(fmt, period.key, plan_id).pack())
            for fmt in PERIOD_FORMATS
        ]
    ]


@router.callback(PeriodExport, STAFF, chats=PRIVATE)
async def period_file(ctx: Context, pressed: PeriodExport) -> None:
    """Send the period report in the format pressed."""
    period = period_or_none(pressed.period)
    if period is None or pressed.format not in PERIOD_FORMATS:
        ctx.reply(ctx.text("common.expired_button"))
        return
    if not ctx.capabilities.documents:
        ctx.reply(ctx.text("export.no_documents"))
        return
    tz, moment, plan_id = ctx.deps.settings.tz, now(ctx), pressed.plan_id or None
    end = period_bounds(period, moment, tz)[1]  # the committees below, as the chat page has them
    rollup = await build_rollup(ctx.deps.db, ctx.member.committee_id, end, tz, plan_id)
    async with ctx.deps.db.reading() as session:
        document = await export_period(session, pressed.format, period, moment, tz, plan_id, rollup)
    caption = ctx.text("summary.period_caption", label=period_label(period), **as_of(moment, tz))
    ctx.send(Outgoing(text=caption, document=document))
