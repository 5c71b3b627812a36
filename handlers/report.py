"""/report: choose a task, choose a status, type a short text — and the reminder's "Báo cáo" button."""

from __future__ import annotations

from bot.callbacks import ReportPage, ReportTask, StatusChosen
from bot.domain import ReportStatus
from bot.messages import Button
from bot.services.chatstate import clear_state
from bot.services.progress import TaskRef, tasks_of_unit
from handlers.context import Context
from handlers.conversation import (
    CONTACTS,
    Step,
    begin_step,
    page_buttons,
    page_of,
    shorten,
    state_key,
)
from handlers.extensions import ask_for_date
from handlers.reporting import acknowledge, authorized_task, record_for_actor
from handlers.router import Router

PAGE_SIZE = 8
STATUS_CODES = {
    "d": ReportStatus.DONE,
    "p": ReportStatus.IN_PROGRESS,
    "b": ReportStatus.BLOCKED,
    "e": ReportStatus.EXTENSION,
}

router = Router(__name__)


def task_label(task: TaskRef) -> str:
    """A button label: code and the start of the title."""
    return shorten(f"{task.code} · {task.title}")


@router.command("report", CONTACTS)
async def report_command(ctx: Context) -> None:
    """Offer the unit's open tasks as buttons."""
    await offer_tasks(ctx, page=0)


@router.callback(ReportPage, CONTACTS)
async def report_page(ctx: Context, pressed: ReportPage) -> None:
    """Show another page of the unit's tasks."""
    await offer_tasks(ctx, page=pressed.page, edit=True)


async def offer_tasks(ctx: Context, page: int, edit: bool = False) -> None:
    """The task buttons; each starts the report flow for that task."""
    unit_id = ctx.member.unit_id
    async with ctx.deps.db.reading() as session:
        tasks = (
            [t for t in await tasks_of_unit(session, unit_id) if t.closed_at is None]
            if unit_id
            else []
        )
    if unit_id is None or not tasks:
        ctx.reply(ctx.text("report.no_tasks"), edit=edit)
        return
    shown, page, pages = page_of(tasks, page, PAGE_SIZE)
    rows = [[Button(task_label(t), ReportTask(t.id, unit_id).pack())] for t in shown]
    rows += page_buttons(ctx, page, pages, ReportPage)
    ctx.reply(ctx.text("report.choose_task"), rows, edit=edit)


@router.callback(ReportTask, CONTACTS, expired_key="report.not_yours")
async def report_task(ctx: Context, pressed: ReportTask) -> None:
    """A task was chosen (from /report or a reminder): ask for the status."""
    async with ctx.deps.db.transaction() as session:
        task = await authorized_task(session, ctx, pressed.task_id, pressed.unit_id)
        if task is not None:
            await begin_step(ctx, session, "report_status", {"task_id": task.id})
    if task is None:
        ctx.reply(ctx.text("report.not_yours"))
        return
    rows = [
        [Button(ctx.text(f"status.{status.value}"), StatusChosen(task.id, code).pack())]
        for code, status in STATUS_CODES.items()
    ]
    ctx.reply(
        ctx.text("report.choose_status", code=task.code, title=shorten(task.title, 200)), rows
    )


@router.callback(StatusChosen, CONTACTS)
async def report_status(ctx: Context, pressed: StatusChosen) -> None:
    """A status was chosen: ask for the short text (or, for an extension, the date)."""
    status = STATUS_CODES.get(pressed.code)
    task_id = pressed.task_id
    if status is None:
        ctx.reply(ctx.text("common.expired_button"))
        return
    if status is ReportStatus.EXTENSION:
        await ask_for_date(ctx, task_id)
        return
    async with ctx.deps.db.transaction() as session:
        task = await authorized_task(session, ctx, task_id)
        if task is not None:
            await begin_step(
                ctx, session, "report_text", {"task_id": task.id, "status": status.value}
            )
    if task is None:
        ctx.reply(ctx.text("report.not_yours"))
        return
    ctx.reply(
        ctx.text("report.ask_text", code=task.code, status=ctx.text(f"status.{status.value}"))
    )


@router.step("report_status", CONTACTS)
async def typed_without_status(ctx: Context, current: Step) -> None:
    """The contact typed the report instead of pressing a status: read the status from it."""
    await record_typed(ctx, current.data["task_id"], None)


@router.step("report_text", CONTACTS)
async def typed_report(ctx: Context, current: Step) -> None:
    """The short text after a status button."""
    await record_typed(ctx, current.data["task_id"], ReportStatus(current.data["status"]))


async def record_typed(ctx: Context, task_id: int, status: ReportStatus | None) -> None:
    """Store the typed report for the chosen task and acknowledge it."""
    async with ctx.deps.db.transaction() as session:
        await clear_state(session, state_key(ctx))
        task = await authorized_task(session, ctx, task_id)
        recorded = None
        if task is not None:
            recorded = await record_for_actor(
                ctx, session, task=task, text=ctx.incoming.text, status=status
            )
    if recorded is None:
        ctx.reply(ctx.text("report.not_yours"))
        return
    await acknowledge(ctx, recorded)
