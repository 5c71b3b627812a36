"""Recording a contact's report from chat and telling them (and the leaders) what was stored."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, bindparam, select

from bot.callbacks import ApproveExtension, CorrectReport, DeclineExtension
from bot.domain import ReportStatus, Role
from bot.messages import Attachment, Button
from bot.services.contributions import is_support, lead_contact_ids
from bot.services.notify import messages_to, recipients
from bot.services.progress import (
    UNIT_ID,
    ContactRef,
    Recorded,
    TaskRef,
    of_unit,
    reportable_by,
    status_and_percent,
    store_new_report,
)
from bot.services.report_store import NewReport, new_report
from bot.texts import t
from db.models import ExtensionRequest, Task, Unit
from handlers.context import Context
from handlers.conversation import actor_label, begin_step, day_text, now, shorten

# The task if the sender's unit may report on it (…and if `for_unit` is that unit or its group).
_TASK_OF_UNIT = select(Task).where(Task.id == bindparam("task_id"), reportable_by(UNIT_ID))
_TASK_OF_UNIT_FOR = _TASK_OF_UNIT.where(of_unit(bindparam("for_unit", type_=Integer), UNIT_ID))


async def authorized_task(
    session, ctx: Context, task_id: int, unit_id: int | None = None
) -> Task | None:
    """The task, if the sender's unit may report on it (and `unit_id` is theirs or their group's)."""
    own = ctx.member_unit.id if ctx.actor else None
    if own is None:
        return None
    if unit_id is None:
        return await session.scalar(_TASK_OF_UNIT, {"task_id": task_id, "unit_id": own})
    keys = {"task_id": task_id, "unit_id": own, "for_unit": unit_id}
    return await session.scalar(_TASK_OF_UNIT_FOR, keys)


def as_attachments(records: Iterable[dict]) -> list[Attachment]:
    """Attachments kept in a chat state, back as values."""
    return [Attachment(**record) for record in records]


def actor_report(
    ctx: Context,
    *,
    task: TaskRef,
    text: str,
    status: ReportStatus | None = None,
    message_id: str | None = None,
    attachments: Iterable[Attachment] | None = None,
    reported_at: datetime | None = None,
    unclassified_when_unsure: bool = False,
) -> NewReport:
    """The sender's report on `task`, read from its text."""
    incoming, unit = ctx.incoming, ctx.member_unit
    return new_report(
        task=task,
        unit=unit,
        contact=ContactRef(ctx.member.contact_id, unit.id),
        text=text,
        source="chat",
        entered_by=actor_label(ctx),
        channel=incoming.channel,
        chat_id=incoming.chat_id,
        message_id=message_id if message_id is not None else incoming.message_id,
        attachments=incoming.attachments if attachments is None else attachments,
        reported_at=reported_at or now(ctx),
        status_override=status,
        unclassified_when_unsure=unclassified_when_unsure,
        now=now(ctx),
        tz=ctx.deps.settings.tz,
    )


async def record_for_actor(ctx: Context, session, task: TaskRef | Task, **report: Any) -> Recorded:
    """Store the sender's report (`actor_report`'s arguments) on a task found by
    `authorized_task` or an equivalent check; an extension without a date waits for one."""
    if isinstance(task, Task):  # an ORM task: ask the database whether the unit only supports it
        support = await is_support(session, task.id, ctx.member_unit.id)
        task = replace(TaskRef.of(task), support=support)
    built = actor_report(ctx, task=task, **report)
    tz = ctx.deps.settings.tz
    recorded = await store_new_report(session, built, task, ctx.member_unit.name, tz=tz)
    if recorded.created and waits_for_date(recorded):
        await begin_step(ctx, session, "ext_date", {"report_id": recorded.report.id})
    if recorded.created and task.support:
        recorded = replace(recorded, support=True)
        await tell_lead_units(ctx, session, recorded)
    return recorded


async def tell_lead_units(ctx: Context, session, recorded: Recorded) -> None:
    """A support unit's report, shown to the lead units' contacts (queued: sent after the commit)."""
    people = await recipients(
        session, contact_ids=await lead_contact_ids(session, recorded.task.id)
    )
    report = recorded.report
    values = {
        "unit": html.escape(ctx.member_unit.name or "", quote=False),
        "code": html.escape(recorded.task.code, quote=False),
        "text": html.escape(shorten(report.text, 300), quote=False),
    }
    for message in messages_to(
        people,
        lambda locale: t(
            "replies.support_report", locale, what=status_and_percent(report, locale), **values
        ),
    ):
        ctx.send(message)


def waits_for_date(recorded: Recorded) -> bool:
    """An extension report that named no date (the bot asks for one)."""
    report = recorded.report
    return report.status == ReportStatus.EXTENSION and report.proposed_due is None


async def acknowledge(
    ctx: Context,
    recorded: Recorded,
    *,
    edited: bool = False,
    edit: bool = False,
    corrected: bool = False,
) -> None:
    """Say what was stored (after the commit), and send an extension request to the leaders."""
    if corrected:
        key = "replies.corrected"
    elif recorded.support and recorded.created:
        key = "replies.ack_support"
    elif edited:
        key = "report.ack_edited"
    else:
        key = "report.ack" if recorded.created else "report.ack_again"
    lines = [
        ctx.text(key, code=recorded.task.code, what=status_and_percent(recorded.report, ctx.locale))
    ]
    if recorded.extension is not None:
        lines.append(ctx.text("extensions.sent", date=day_text(recorded.extension.proposed_due)))
    elif recorded.extension_error is not None:
        error = recorded.extension_error
        lines.append(ctx.text(error.key, **error.values))
    elif recorded.created and waits_for_date(recorded):
        lines.append(ctx.text("extensions.ask_date_after_report"))
    ctx.reply("\n".join(lines), [[fix_button(ctx, recorded.report.id)]], edit=edit)
    if recorded.extension is not None:
        await notify_staff(ctx, recorded.extension)


def fix_button(ctx: Context, report_id: int) -> Button:
    """The "Sửa" button every acknowledgement carries (correct status, percent or date)."""
    return Button(ctx.text("replies.fix"), CorrectReport(report_id).pack())


async def notify_staff(ctx: Context, request: ExtensionRequest) -> None:
    """Ask every leader and admin, on all their chat accounts, to decide the request."""
    async with ctx.deps.db.reading() as session:
        task = await session.get_one(Task, request.task_id)
        unit = await session.get_one(Unit, request.unit_id)
        people = await recipients(session, roles=[Role.LEADER.value, Role.ADMIN.value])
    values = {
        "code": task.code,
        "title": shorten(task.title, 200),
        "unit": unit.name,
        "due": day_text(task.due),
        "proposed": day_text(request.proposed_due),
        "reason": shorten(request.reason or "", 500),
    }
    escaped = {k: html.escape(v, quote=False) for k, v in values.items()}
    for message in messages_to(
        people,
        lambda locale: t("extensions.request", locale, **escaped),
        lambda locale: [
            [
                Button(t("extensions.approve", locale), ApproveExtension(request.id).pack()),
                Button(t("extensions.decline", locale), DeclineExtension(request.id).pack()),
            ]
        ],
    ):
        ctx.send(message)
