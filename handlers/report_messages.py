"""Reports sent as plain messages: replies to reminders, texts naming a task, edits and files."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Connection

from bot.callbacks import PickTask
from bot.domain import ReportStatus
from bot.messages import Button
from bot.reading import read_progress, read_task_code
from bot.services.chatstate import clear_state
from bot.services.progress import (
    Recorded,
    TaskRef,
    attach_files,
    attachment_records,
    edit_report,
    find_report,
    latest_report,
    report_values,
    status_and_percent,
    store_report,
    tasks_named,
    tasks_of_unit,
)
from bot.services.reply_target import quoted_task, unanswered_task
from db.models import ProgressReport, Task
from handlers.context import Context
from handlers.conversation import (
    CONTACTS,
    actor_label,
    begin_step,
    current_step,
    now,
    state_key,
    today,
)
from handlers.report import task_label
from handlers.reporting import (
    acknowledge,
    actor_report,
    as_attachments,
    authorized_task,
    record_for_actor,
)
from handlers.router import Router

ATTACH_WINDOW = timedelta(days=1)
MAX_CHOICES = 30
MAX_PENDING = 5

router = Router(__name__)


@dataclass
class Target:
    """The task a message is about, or the tasks it might be about."""

    task: TaskRef | None = None
    candidates: Sequence[TaskRef] = field(default_factory=list)
    unknown_code: str | None = None


@router.text(CONTACTS)
async def message_report(ctx: Context) -> bool:
    """Record a report from a message, attach a file, or ask which task it is about."""
    incoming = ctx.incoming
    if not incoming.text.strip() and not incoming.attachments:
        return False
    if ctx.member.unit_id is None:  # an account without a unit has no task to report on
        return False
    if incoming.edited:
        await edited_report(ctx)
        return True
    target, recorded = await ctx.deps.db.write_sync(lambda c: record_plain_report(c, ctx))
    if recorded is not None:
        await acknowledge(ctx, recorded)
        return True
    lone_file = not incoming.text.strip()
    async with ctx.deps.db.transaction() as session:
        if target.task is not None:
            outcome = await report_on(ctx, session, target.task, lone_file)
        elif incoming.chat_type != "private":
            outcome = None
        elif lone_file:
            outcome = await attach_to_latest(ctx, session) or await ask_which(ctx, session, target)
        elif (
            target.unknown_code
            or target.candidates
            or read_progress(incoming.text, today(ctx)).looks_like_report
        ):
            outcome = await ask_which(ctx, session, target)
        else:
            outcome = None
    if outcome is None:
        return False
    kind, payload = outcome
    if kind == "recorded":
        await acknowledge(ctx, payload)
    else:
        ctx.reply(*payload)
    return True


def record_plain_report(connection: Connection, ctx: Context) -> tuple[Target, Recorded | None]:
    """The task the message is about and, when the text is a report that needs nothing more
    (no file alone, no extension), the report stored: the common case, in one transaction."""
    target = find_target(connection, ctx)
    if target.task is None or not ctx.incoming.text.strip():
        return target, None
    values = report_values(**actor_report(ctx, task=target.task, text=ctx.incoming.text))
    if values["status"] == ReportStatus.EXTENSION:  # opens a request, or asks for a date
        return target, None
    report, created = store_report(connection, values, target.task.code, ctx.member_unit.name)
    return target, Recorded(report, target.task, created)


def find_target(connection: Connection, ctx: Context) -> Target:
    """A quoted reminder, a task code in the text, or (without quoted replies) the latest reminder."""
    incoming, unit_id = ctx.incoming, ctx.member_unit.id
    if incoming.reply_to_message_id:
        task = quoted_task(
            connection, incoming.channel, incoming.chat_id, incoming.reply_to_message_id, unit_id
        )
        if task is not None:
            return Target(task)
    target = Target()
    code = read_task_code(incoming.text)
    if code is not None:
        mine = tasks_named(connection, unit_id, code)
        if len(mine) == 1:
            return Target(mine[0])
        target = Target(candidates=mine, unknown_code=None if mine else code)
    if not ctx.capabilities.reply_to and not target.candidates:
        task = unanswered_task(connection, incoming.channel, incoming.chat_id, now(ctx), unit_id)
        if task is not None:
            return Target(task)
    return target


async def report_on(ctx: Context, session, task: TaskRef, lone_file: bool):
    """A file alone joins the unit's report on the task from the last day; anything else is a report."""
    if lone_file:
        since = now(ctx) - ATTACH_WINDOW
        latest = await latest_report(
            session, unit_id=ctx.member_unit.id, since=since, task_id=task.id
        )
        if latest is not None:
            await attach_files(
                session, latest, ctx.incoming.attachments, actor=actor_label(ctx), now=now(ctx)
            )
            return "said", (attached_text(ctx, task, latest),)
    return "recorded", await record_for_actor(ctx, session, task=task, text=ctx.incoming.text)


async def attach_to_latest(ctx: Context, session):
    """A file alone joins the sender's latest report from the last day, if there is one."""
    since = now(ctx) - ATTACH_WINDOW
    latest = await latest_report(
        session, unit_id=ctx.member_unit.id, since=since, contact_id=ctx.member.contact_id
    )
    if latest is None:
        return None
    await attach_files(
        session, latest, ctx.incoming.attachments, actor=actor_label(ctx), now=now(ctx)
    )
    task = await session.get(Task, latest.task_id)
    return "said", (attached_text(ctx, task, latest),)


def attached_text(ctx: Context, task: TaskRef, report: ProgressReport) -> str:
    """Which report the file joined, with what that report says."""
    return ctx.text("report.attached", code=task.code, what=status_and_percent(report, ctx.locale))


async def ask_which(ctx: Context, session, target: Target):
    """Keep the message aside and ask which task it is about (buttons carry its id, not its text)."""
    choices = target.candidates or [
        t for t in await tasks_of_unit(session, ctx.member_unit.id) if t.closed_at is None
    ]
    if not choices:
        return "said", (ctx.text("report.no_tasks"),)
    current = await current_step(ctx, session)
    pending = current.data.get("pending", {}) if current and current.name == "report_pick" else {}
    pending = dict(list(pending.items())[-(MAX_PENDING - 1) :])
    pending_id = secrets.token_hex(3)
    incoming = ctx.incoming
    pending[pending_id] = {
        "text": incoming.text,
        "message_id": incoming.message_id,
        "attachments": attachment_records(incoming.attachments),
        "reported_at": now(ctx).isoformat(),
    }
    await begin_step(ctx, session, "report_pick", {"pending": pending})
    rows = [
        [Button(task_label(t), PickTask(pending_id, t.id).pack())] for t in choices[:MAX_CHOICES]
    ]
    question = ctx.text("report.which_task")
    if target.unknown_code:
        question = ctx.text("report.code_not_yours", code=target.unknown_code) + "\n" + question
    return "said", (question, rows)


@router.callback(PickTask, CONTACTS)
async def picked_task(ctx: Context, pressed: PickTask) -> None:
    """The task for a message kept aside was chosen: record it now."""
    recorded = refused = None
    async with ctx.deps.db.transaction() as session:
        current = await current_step(ctx, session)
        pending = (
            current.data.get("pending", {}) if current and current.name == "report_pick" else {}
        )
        kept = pending.pop(pressed.pending, None)
        task = await authorized_task(session, ctx, pressed.task_id) if kept else None
        if kept is not None and task is None:
            refused = True
        elif task is not None:
            if pending:
                await begin_step(ctx, session, "report_pick", {"pending": pending})
            else:
                await clear_state(session, state_key(ctx))
            recorded = await record_for_actor(
                ctx,
                session,
                task=task,
                text=kept["text"],
                message_id=kept["message_id"],
                attachments=as_attachments(kept["attachments"]),
                reported_at=datetime.fromisoformat(kept["reported_at"]),
            )
    if recorded is not None:
        await acknowledge(ctx, recorded, edit=True)
    else:
        ctx.reply(ctx.text("report.not_yours" if refused else "common.expired_button"), edit=True)


async def edited_report(ctx: Context) -> None:
    """An edited message updates the report it recorded (or the message still kept aside)."""
    incoming = ctx.incoming
    recorded = None
    async with ctx.deps.db.transaction() as session:
        report = await find_report(session, incoming.channel, incoming.chat_id, incoming.message_id)
        if report is not None and report.contact_id == ctx.member.contact_id:
            recorded = await edit_report(
                session,
                report,
                text=incoming.text,
                actor=actor_label(ctx),
                now=now(ctx),
                tz=ctx.deps.settings.tz,
            )
        else:
            await _edit_kept(ctx, session)
    if recorded is not None:
        await acknowledge(ctx, recorded, edited=True)


async def _edit_kept(ctx: Context, session) -> None:
    current = await current_step(ctx, session)
    if current is None or current.name != "report_pick" or ctx.incoming.message_id is None:
        return
    pending = current.data.get("pending", {})
    for kept in pending.values():
        if kept["message_id"] == ctx.incoming.message_id:
            kept["text"] = ctx.incoming.text
            await begin_step(ctx, session, "report_pick", {"pending": pending})
