"""A sender confirms what an unsure report means, or corrects an acknowledged one ("Sửa", 48 hours)."""

from __future__ import annotations

from bot.callbacks import CorrectReport, FixReport
from bot.domain import ReportStatus
from bot.reading import read_progress
from bot.services.chatstate import clear_state
from bot.services.corrections import correct_report, correctable
from db.models import ProgressReport, Task
from handlers.context import Context
from handlers.conversation import CONTACTS, Step, actor_label, begin_step, now, state_key, today
from handlers.reply_outcomes import status_rows
from handlers.report import STATUS_CODES
from handlers.reporting import acknowledge, waits_for_date
from handlers.router import Router

router = Router(__name__)


async def own_report(ctx: Context, session, report_id: int) -> ProgressReport | None:
    """The report, if the sender sent it."""
    report = await session.get(ProgressReport, report_id)
    return report if report is not None and report.contact_id == ctx.member.contact_id else None


@router.callback(CorrectReport, CONTACTS)
async def correct(ctx: Context, pressed: CorrectReport) -> None:
    """ "Sửa": offer the statuses again, within the correction window."""
    async with ctx.deps.db.reading() as session:
        report = await own_report(ctx, session, pressed.report_id)
        if report is None:
            ctx.reply(ctx.text("common.expired_button"))
            return
        task = await session.get_one(Task, report.task_id)
    if not correctable(report, now(ctx)):
        ctx.reply(ctx.text("replies.too_late"))
    else:
        rows = status_rows(ctx, report.id, report.percent)
        ctx.reply(ctx.text("replies.fix_choose", code=task.code), rows)


@router.callback(FixReport, CONTACTS)
async def fix(ctx: Context, pressed: FixReport) -> None:
    """A status chosen for an unsure or corrected report: record it (asking for a percent first
    when "in progress" has none, for a date when an extension names none)."""
    status = STATUS_CODES.get(pressed.code)
    if status is None:
        ctx.reply(ctx.text("common.expired_button"))
        return
    recorded = None
    async with ctx.deps.db.transaction() as session:
        report = await own_report(ctx, session, pressed.report_id)
        if report is not None and correctable(report, now(ctx)):
            if status is ReportStatus.IN_PROGRESS and report.percent in (None, 100):
                await begin_step(ctx, session, "report_percent", {"report_id": report.id})
                task = await session.get_one(Task, report.task_id)
                ctx.reply(ctx.text("replies.ask_percent", code=task.code), edit=True)
                return
            recorded = await correct_report(
                session, report, status=status, actor=actor_label(ctx), now=now(ctx),
                tz=ctx.deps.settings.tz,
            )  # fmt: skip
            if waits_for_date(recorded):
                await begin_step(ctx, session, "ext_date", {"report_id": report.id})
    if recorded is None:
        key = "replies.too_late" if report is not None else "common.expired_button"
        ctx.reply(ctx.text(key), edit=True)
        return
    await acknowledge(ctx, recorded, corrected=True, edit=True)


@router.step("report_percent", CONTACTS)
async def typed_percent(ctx: Context, current: Step) -> None:
    """The percent of an "in progress" chosen with a button."""
    percent = _percent(ctx)
    if percent is None:
        ctx.reply(ctx.text("replies.no_percent"))
        return
    recorded = None
    async with ctx.deps.db.transaction() as session:
        await clear_state(session, state_key(ctx))
        report = await own_report(ctx, session, current.data["report_id"])
        if report is not None and correctable(report, now(ctx)):
            recorded = await correct_report(
                session, report, status=ReportStatus.IN_PROGRESS, percent=percent,
                actor=actor_label(ctx), now=now(ctx), tz=ctx.deps.settings.tz,
            )  # fmt: skip
    if recorded is None:
        ctx.reply(ctx.text("replies.too_late" if report is not None else "common.expired_button"))
        return
    await acknowledge(ctx, recorded, corrected=True)


def _percent(ctx: Context) -> int | None:
    """ "60", "60%", "được 60%": a share below 100 ("in progress")."""
    text = ctx.incoming.text.strip().rstrip("%").strip()
    percent = int(text) if text.isdigit() else read_progress(ctx.incoming.text, today(ctx)).percent
    return percent if percent is not None and 0 <= percent < 100 else None
