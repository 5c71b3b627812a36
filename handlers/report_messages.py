"""Reports sent as plain messages: replies to reminders, texts naming tasks, edits and files.

A message is one decision in one transaction with a typed outcome (`reply_outcomes`): the common
case synchronously (`decide_plain`), anything more in an async session (`decide`).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection

from bot.callbacks import PickTask
from bot.domain import ReportStatus
from bot.reading import read_progress, read_task_code
from bot.services.chatstate import clear_state
from bot.services.progress import (
    Recorded,
    TaskRef,
    attach_files,
    edit_report,
    find_reports,
    latest_report,
    tasks_named,
    tasks_of_unit,
)
from bot.services.reply_target import quoted_task, unanswered_task
from bot.services.report_store import attachment_records, store_report
from db.models import Task
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
from handlers.reply_outcomes import AskWhich, Attached, Outcome, Said, Stored, tell
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


@dataclass(frozen=True, slots=True)
class Target:
    """The tasks a message is about, or the tasks it might be about."""

    tasks: tuple[TaskRef, ...] = ()  # one, or one per task a message names
    candidates: tuple[TaskRef, ...] = ()
    unknown_codes: tuple[str, ...] = ()


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
    plain = await ctx.deps.db.write_sync(lambda connection: decide_plain(connection, ctx))
    if isinstance(plain, Target):
        async with ctx.deps.db.transaction() as session:
            decided = await decide(ctx, session, plain)
    else:
        decided = plain
    if decided is None:
        return False
    await tell(ctx, decided)
    return True


def decide_plain(connection: Connection, ctx: Context) -> Stored | Target:
    """The common case in one synchronous transaction: a text on the sender's own tasks, stored
    at once. Anything more (a file, an extension, a support unit's report, no task) leaves the
    database untouched and returns the target for `decide`."""
    target = find_target(connection, ctx)
    text = ctx.incoming.text
    if not target.tasks or not text.strip() or any(task.support for task in target.tasks):
        return target
    reports = [
        actor_report(ctx, task=task, text=text, unclassified_when_unsure=True)
        for task in target.tasks
    ]
    if any(report.status == ReportStatus.EXTENSION for report in reports):
        return target  # opens a request, or asks for a date
    recorded = []
    for task, report in zip(target.tasks, reports, strict=True):
        row, created = store_report(
            connection,
            report,
            task.code,
            ctx.member_unit.name,
            committee_id=ctx.member.committee_id,
            obstructed=task.obstructed,
        )
        recorded.append(Recorded(row, task, created, unsure=report.unsure))
    return Stored(tuple(recorded), target.unknown_codes)


async def decide(ctx: Context, session, target: Target) -> Outcome | None:
    """What the message comes to, stored in the caller's transaction; None: not a report."""
    incoming = ctx.incoming
    lone_file = not incoming.text.strip()
    if target.tasks:
        if lone_file:
            return await attach_to_latest(ctx, session, target.tasks[0]) or await store(
                ctx, session, target
            )
        return await store(ctx, session, target)
    if incoming.chat_type != "private":
        return None
    if lone_file:
        return await attach_to_latest(ctx, session) or await ask_which(ctx, session, target)
    if target.unknown_codes or target.candidates or _looks_like_report(ctx):
        return await ask_which(ctx, session, target)
    return None


def _looks_like_report(ctx: Context) -> bool:
    return read_progress(ctx.incoming.text, today(ctx)).looks_like_report


async def store(ctx: Context, session, target: Target) -> Stored:
    """One report per task; those the reader is unsure of are kept unclassified and asked about."""
    reports = tuple(
        [
            await record_for_actor(
                ctx, session, task=task, text=ctx.incoming.text, unclassified_when_unsure=True
            )
            for task in target.tasks
        ]
    )
    return Stored(reports, target.unknown_codes)


def find_target(connection: Connection, ctx: Context) -> Target:
    """Tasks the message names (several: one report each), a quoted reminder, a task code in the
    text, or (without quoted replies) the latest reminder."""
    incoming, unit_id = ctx.incoming, ctx.member_unit.id
    several = _several_named(connection, ctx)
    if several is not None:
        return several
    if incoming.reply_to_message_id:
        task = quoted_task(
            connection, incoming.channel, incoming.chat_id, incoming.reply_to_message_id, unit_id
        )
        if task is not None:
            return Target((TaskRef.of(task),))
    target = Target()
    code = read_task_code(incoming.text)
    if code is not None:
        mine = tasks_named(connection, unit_id, code)
        if len(mine) == 1:
            return Target(tuple(mine))
        target = Target(candidates=tuple(mine), unknown_codes=() if mine else (code,))
    if not ctx.capabilities.reply_to and not target.candidates:
        task = unanswered_task(connection, incoming.channel, incoming.chat_id, now(ctx), unit_id)
        if task is not None:
            return Target((TaskRef.of(task),))
    return target


def _several_named(connection: Connection, ctx: Context) -> Target | None:
    """ "II.1 xong; II.3 đạt 70%": the unit's tasks named, when the text names more than one
    and at least one is the unit's (a code naming several of its tasks is left out)."""
    items = read_progress(ctx.incoming.text, today(ctx)).items
    codes = [item.task_code for item in items if item.task_code is not None]
    if len(codes) < 2:
        return None
    tasks, unknown = [], []
    for code in codes:
        mine = tasks_named(connection, ctx.member_unit.id, code)
        if len(mine) == 1:
            tasks.append(mine[0])
        else:
            unknown.append(code)
    return Target(tuple(tasks), unknown_codes=tuple(unknown)) if tasks else None


async def attach_to_latest(ctx: Context, session, task: TaskRef | None = None) -> Outcome | None:
    """A file alone joins the sender's latest report from the last day (on `task` when given:
    the unit's)."""
    since = now(ctx) - ATTACH_WINDOW
    if task is None:
        latest = await latest_report(
            session, unit_id=ctx.member_unit.id, since=since, contact_id=ctx.member.contact_id
        )
    else:
        latest = await latest_report(
            session, unit_id=ctx.member_unit.id, since=since, task_id=task.id
        )
    if latest is None:
        return None
    await attach_files(
        session, latest, ctx.incoming.attachments, actor=actor_label(ctx), now=now(ctx)
    )
    task = task or TaskRef.of(await session.get_one(Task, latest.task_id))
    return Attached(task, latest)


async def ask_which(ctx: Context, session, target: Target) -> Outcome:
    """Keep the message aside and ask which task it is about (buttons carry its id, not its text)."""
    choices = target.candidates or tuple(
        TaskRef.of(t)
        for t in await tasks_of_unit(session, ctx.member_unit.id)
        if t.closed_at is None
    )
    if not choices:
        return Said("report.no_tasks")
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
    unknown = target.unknown_codes[0] if target.unknown_codes else None
    return AskWhich(pending_id, tuple(choices[:MAX_CHOICES]), unknown)


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
                unclassified_when_unsure=True,
            )
    if recorded is not None:
        await tell(ctx, Stored((recorded,)), edit=True)
    else:
        ctx.reply(ctx.text("report.not_yours" if refused else "common.expired_button"), edit=True)


async def edited_report(ctx: Context) -> None:
    """An edited message updates the reports it recorded (or the message still kept aside)."""
    incoming = ctx.incoming
    edited = []
    async with ctx.deps.db.transaction() as session:
        found = await find_reports(session, incoming.channel, incoming.chat_id, incoming.message_id)
        mine = [report for report in found if report.contact_id == ctx.member.contact_id]
        for report in mine:
            edited.append(
                await edit_report(
                    session,
                    report,
                    text=incoming.text,
                    actor=actor_label(ctx),
                    now=now(ctx),
                    tz=ctx.deps.settings.tz,
                )
            )
        if not mine:
            await _edit_kept(ctx, session)
    for recorded in edited:
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
