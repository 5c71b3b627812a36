"""Extension requests in chat: the contact proposes a date; a leader or admin approves or declines."""

from __future__ import annotations

import html

from bot.callbacks import ApproveExtension, DeclineExtension, Extend
from bot.domain import ReportStatus
from bot.reading import read_date
from bot.services.chatstate import clear_state
from bot.services.extensions import ExtensionError, check_proposed_due, decide_extension
from bot.services.notify import messages_to, recipients
from bot.services.progress import propose_due
from bot.texts import t
from db.models import ProgressReport
from handlers.context import Context
from handlers.conversation import (
    CONTACTS,
    Step,
    actor_label,
    begin_step,
    day_text,
    now,
    state_key,
    today,
)
from handlers.reporting import acknowledge, authorized_task, record_for_actor
from handlers.router import STAFF, Router

router = Router(__name__)


@router.callback(Extend, CONTACTS, expired_key="report.not_yours")
async def extension_button(ctx: Context, pressed: Extend) -> None:
    """The reminder's "Đề nghị gia hạn" button: ask for the proposed date."""
    await ask_for_date(ctx, pressed.task_id, pressed.unit_id)


async def ask_for_date(ctx: Context, task_id: int, unit_id: int | None = None) -> None:
    """Put the contact at the "type the new date" step for a task they may report on."""
    async with ctx.deps.db.transaction() as session:
        task = await authorized_task(session, ctx, task_id, unit_id)
        if task is not None:
            await begin_step(ctx, session, "ext_date", {"task_id": task.id})
    if task is None:
        ctx.reply(ctx.text("report.not_yours"))
        return
    ctx.reply(ctx.text("extensions.ask_date", code=task.code, due=day_text(task.due)))


@router.step("ext_date", CONTACTS)
async def extension_date(ctx: Context, current: Step) -> None:
    """The proposed date (and reason): record the extension report and ask the leaders."""
    proposed = read_date(ctx.incoming.text, today(ctx))
    if proposed is None:
        ctx.reply(ctx.text("extensions.no_date"))
        return
    recorded = problem = None
    async with ctx.deps.db.transaction() as session:
        report_id = current.data.get("report_id")
        report = await session.get(ProgressReport, report_id) if report_id else None
        task_id = report.task_id if report else current.data.get("task_id")
        task = await authorized_task(session, ctx, task_id) if task_id else None
        if task is None or (report is not None and report.contact_id != ctx.member.contact_id):
            await clear_state(session, state_key(ctx))
        else:
            try:
                check_proposed_due(task, proposed, today(ctx))
            except ExtensionError as error:
                problem = error
            else:
                await clear_state(session, state_key(ctx))
                if report is not None:
                    recorded = await propose_due(
                        session,
                        report,
                        proposed,
                        actor=actor_label(ctx),
                        now=now(ctx),
                        tz=ctx.deps.settings.tz,
                    )
                else:
                    recorded = await record_for_actor(
                        ctx,
                        session,
                        task=task,
                        text=ctx.incoming.text,
                        status=ReportStatus.EXTENSION,
                    )
    if problem is not None:
        ctx.reply(ctx.text(problem.key, **problem.values))
    elif recorded is None:
        ctx.reply(ctx.text("report.not_yours"))
    else:
        await acknowledge(ctx, recorded)


@router.callback(ApproveExtension, STAFF, expired_key="extensions.not_found")
async def approve(ctx: Context, pressed: ApproveExtension) -> None:
    """A leader or admin approves: the task's deadline moves."""
    await decide(ctx, pressed.request_id, approve=True)


@router.callback(DeclineExtension, STAFF, expired_key="extensions.not_found")
async def decline(ctx: Context, pressed: DeclineExtension) -> None:
    """A leader or admin declines."""
    await decide(ctx, pressed.request_id, approve=False)


async def decide(ctx: Context, request_id: int, *, approve: bool) -> None:
    """Decide once, tell the decider, then tell the contact who asked."""
    try:
        async with ctx.deps.db.transaction() as session:
            decision = await decide_extension(
                session, request_id, approve=approve, actor=actor_label(ctx), now=now(ctx)
            )
    except ExtensionError as error:
        ctx.reply(ctx.text(error.key, **error.values), edit=True)
        return
    request, task = decision.request, decision.task
    values = {
        "code": task.code,
        "unit": decision.unit.name,
        "proposed": day_text(request.proposed_due),
        "old": day_text(decision.old_due),
    }
    outcome = "approved" if approve else "declined"
    ctx.reply(ctx.text(f"extensions.{outcome}_by_you", **values), edit=True)
    if request.contact_id is None:
        return
    async with ctx.deps.db.reading() as session:
        people = await recipients(session, contact_ids=[request.contact_id])
    escaped = {k: html.escape(v, quote=False) for k, v in values.items()}
    for message in messages_to(
        people, lambda locale: t(f"extensions.{outcome}", locale, **escaped)
    ):
        ctx.send(message)
