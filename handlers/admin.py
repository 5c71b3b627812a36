"""/task CODE: an admin views a task and corrects its deadline, units or state, confirming each change."""

from __future__ import annotations

import secrets
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from bot.callback_data import as_id
from bot.callbacks import AdminAction, TaskHistory, TaskUnitPick
from bot.domain import AssignmentRole
from bot.messages import Button
from bot.reading import read_date
from bot.services.chatstate import clear_state
from bot.services.progress import status_and_percent
from bot.services.queries import unit_names
from bot.services.tasks import TaskChanges, close_task, edit_task, reopen_task
from bot.services.units import find_unit
from bot.texts import t
from bot.unitnames import clean_name
from db.models import Assignment, ProgressReport, Task, Unit
from handlers.context import Context
from handlers.conversation import (
    ADMINS,
    Step,
    actor_label,
    begin_step,
    current_step,
    day_text,
    now,
    open_task_by_code,
    shorten,
    state_key,
    today,
)
from handlers.evidence import task_extras
from handlers.router import PRIVATE, Router
from handlers.unitchoice import choices, question, settle_names, unit_buttons

CLEAR_WORDS = {"-", "xóa", "xoá", "không", "none"}
UNIT_FIELDS = {"lead": AssignmentRole.LEAD, "sup": AssignmentRole.SUPPORT}
LATEST_REPORTS = 3

router = Router(__name__)


@router.command("task", ADMINS, chats=PRIVATE)
async def task_command(ctx: Context) -> None:
    """Show the task with this code (or let the admin pick the plan when several have it)."""
    keys = ("admin.task_usage", "admin.task_which_plan")
    await open_task_by_code(ctx, keys, lambda task: AdminAction("show", str(task.id)), show_task)


async def load_task(session, task_id: int) -> Task | None:
    """A task with its plan and units."""
    return await session.scalar(
        select(Task)
        .where(Task.id == task_id)
        .options(
            selectinload(Task.assignments).selectinload(Assignment.unit), selectinload(Task.plan)
        )
    )


async def show_task(ctx: Context, task_id: int, edit: bool = False) -> None:
    """The task card with its correction buttons."""
    async with ctx.deps.db.reading() as session:
        task = await load_task(session, task_id)
        reports = list(
            await session.execute(
                select(ProgressReport, Unit.name)
                .join(Unit, Unit.id == ProgressReport.unit_id)
                .where(ProgressReport.task_id == task_id)
                .order_by(ProgressReport.reported_at.desc(), ProgressReport.id.desc())
                .limit(LATEST_REPORTS)
            )
        )
        extra_lines, file_rows = await task_extras(ctx, session, task_id) if task else ([], [])
    if task is None:
        ctx.reply(ctx.text("admin.task_gone"), edit=edit)
        return
    lines = [
        ctx.text(
            "admin.card",
            code=task.code,
            title=task.title,
            plan=task.plan.number or shorten(task.plan.title, 80),
            lead="; ".join(unit_names(task, AssignmentRole.LEAD)) or "—",
            support="; ".join(unit_names(task, AssignmentRole.SUPPORT)) or "—",
            due=day_text(task.due),
            recurrence=ctx.text(f"tasks.every.{task.recurrence}") if task.recurrence else "—",
        ),
    ]
    if task.closed_at is not None:
        lines.append(
            ctx.text(
                "admin.card_closed",
                date=day_text(task.closed_at.astimezone(ctx.deps.settings.tz).date()),
            )
        )
    for report, unit_name in reports:
        lines.append(
            ctx.text(
                "admin.card_report",
                unit=unit_name,
                text=shorten(report.text, 200),
                date=report.reported_at.astimezone(ctx.deps.settings.tz).strftime("%d/%m/%Y"),
                what=status_and_percent(report, ctx.locale),
            )
        )
    if not reports:
        lines.append(ctx.text("admin.card_no_reports"))
    lines += extra_lines
    toggle = ("admin.reopen", "open") if task.closed_at else ("admin.close", "close")
    rows = [
        [Button(ctx.text("admin.change_due"), AdminAction("due", str(task.id)).pack())],
        [
            Button(ctx.text("admin.change_lead"), AdminAction("lead", str(task.id)).pack()),
            Button(ctx.text("admin.change_support"), AdminAction("sup", str(task.id)).pack()),
        ],
        [Button(ctx.text(toggle[0]), AdminAction(toggle[1], str(task.id)).pack())],
        *file_rows,
        [Button(ctx.text("history.button"), TaskHistory(task.id, 0).pack())],
    ]
    ctx.reply("\n".join(lines), rows, edit=edit)


@router.callback(AdminAction, ADMINS, chats=PRIVATE)
async def admin_button(ctx: Context, pressed: AdminAction) -> None:
    """The task card's buttons and the confirmation buttons."""
    action, argument = pressed.action, pressed.argument
    task_id = as_id(argument)
    if action == "show" and task_id:
        await show_task(ctx, task_id)
    elif action in ("due", "lead", "sup") and task_id:
        async with ctx.deps.db.transaction() as session:
            await begin_step(ctx, session, "adm_input", {"task_id": task_id, "field": action})
        ctx.reply(ctx.text(f"admin.ask_{action}"))
    elif action in ("close", "open") and task_id:
        await propose(ctx, task_id, action, None)
    elif action in ("ok", "no"):
        await finish(ctx, argument, confirmed=action == "ok")
    else:
        ctx.reply(ctx.text("common.expired_button"))


@router.step("adm_input", ADMINS)
async def typed_value(ctx: Context, current: Step) -> None:
    """The new deadline or unit names the admin typed: show the change for confirmation."""
    field, typed = current.data["field"], ctx.incoming.text.strip()
    if field == "due":
        if typed.lower() in CLEAR_WORDS:
            value: str | list[str] | None = None
        else:
            found = read_date(typed, today(ctx))
            if found is None:
                ctx.reply(ctx.text("admin.bad_date"))
                return
            value = found.isoformat()
    else:
        names = (
            []
            if typed.lower() in CLEAR_WORDS
            else [n.strip() for n in typed.split(";") if n.strip()]
        )
        if field == "lead" and not names:
            ctx.reply(ctx.text("admin.lead_required"))
            return
        await settle(ctx, current.data["task_id"], field, names, new=[])
        return
    await propose(ctx, current.data["task_id"], field, value)


async def settle(ctx: Context, task_id: int, field: str, names: list[str], new: list[str]) -> None:
    """Ask which unit each typed name means where several fit or look alike, then propose."""
    async with ctx.deps.db.transaction() as session:
        names, ask = await settle_names(session, names, new)
        if ask is not None:
            index, answer = ask
            token = secrets.token_hex(4)
            units = choices(answer)
            data = {"task_id": task_id, "field": field, "names": names, "new": new}
            data |= {"index": index, "options": [unit.id for unit in units], "token": token}
            await begin_step(ctx, session, "adm_unit", data)
    if ask is None:
        await propose(ctx, task_id, field, names)
        return
    rows = unit_buttons(units, lambda unit: TaskUnitPick(token, str(unit.id)))
    label = ctx.text("unitchoice.new", name=shorten(clean_name(answer.name)))
    rows.append([Button(label, TaskUnitPick(token, "new").pack())])
    ctx.reply(question(ctx, answer), rows)


@router.callback(TaskUnitPick, ADMINS, chats=PRIVATE)
async def unit_picked(ctx: Context, pressed: TaskUnitPick) -> None:
    """The unit a typed name meant (or a new one): settle the other names, then propose."""
    async with ctx.deps.db.reading() as session:
        current = await current_step(ctx, session)
    data = current.data if current is not None and current.name == "adm_unit" else {}
    chosen = as_id(pressed.choice)
    if data.get("token") != pressed.token or (
        chosen not in data["options"] and pressed.choice != "new"
    ):
        ctx.reply(ctx.text("common.expired_button"), edit=True)
        return
    names, new = list(data["names"]), list(data["new"])
    if chosen is None:
        new.append(names[data["index"]])
    else:
        async with ctx.deps.db.reading() as session:
            unit = await session.get(Unit, chosen)
        if unit is None:
            ctx.reply(ctx.text("common.expired_button"), edit=True)
            return
        names[data["index"]] = unit.name
    await settle(ctx, data["task_id"], data["field"], names, new)


async def propose(ctx: Context, task_id: int, field: str, value) -> None:
    """Show old → new and wait for Xác nhận / Hủy (nothing is written yet)."""
    token = secrets.token_hex(4)
    async with ctx.deps.db.transaction() as session:
        task = await load_task(session, task_id)
        if task is not None:
            change, creates = await describe_change(ctx, session, task, field, value)
            data = {"task_id": task_id, "field": field, "value": value, "token": token}
            await begin_step(ctx, session, "adm_confirm", data | {"new_units": creates})
    if task is None:
        ctx.reply(ctx.text("admin.task_gone"))
        return
    confirm = "admin.confirm_new_units" if creates else "admin.confirm"
    rows = [
        [
            Button(ctx.text(confirm), AdminAction("ok", token).pack()),
            Button(ctx.text("admin.cancel"), AdminAction("no", token).pack()),
        ]
    ]
    ctx.reply(ctx.text("admin.preview", code=task.code) + "\n" + change, rows)


async def describe_change(ctx: Context, session, task: Task, field: str, value) -> tuple[str, bool]:
    """ "Thời hạn: 31/03/2025 → 30/04/2025" for the preview, and whether confirming creates
    units (their names are flagged)."""
    if field == "due":
        new = day_text(date.fromisoformat(value)) if value else "—"
        line = ctx.text(
            "admin.change_line", field=ctx.text("admin.field.due"), old=day_text(task.due), new=new
        )
        return line, False
    if field in UNIT_FIELDS:
        old = "; ".join(unit_names(task, UNIT_FIELDS[field])) or "—"
        shown, creates = [], False
        for name in value:
            unit = await find_unit(session, name)
            creates = creates or unit is None
            # raw here: change_line escapes the joined names once
            shown.append(
                unit.name if unit else t("admin.new_unit", ctx.locale, name=clean_name(name))
            )
        field_name = ctx.text(f"admin.field.{field}")
        new = "; ".join(shown) or "—"
        return ctx.text("admin.change_line", field=field_name, old=old, new=new), creates
    return ctx.text(f"admin.will_{field}"), False


async def finish(ctx: Context, token: str, *, confirmed: bool) -> None:
    """Write the confirmed change (audit-logged with the admin as actor), or drop it."""
    saved = None
    async with ctx.deps.db.transaction() as session:
        current = await current_step(ctx, session)
        if current is None or current.name != "adm_confirm" or current.data.get("token") != token:
            ctx.reply(ctx.text("common.expired_button"), edit=True)
            return
        await clear_state(session, state_key(ctx))
        if confirmed:
            task = await load_task(session, current.data["task_id"])
            if task is not None:
                saved = await apply(ctx, session, task, current.data)
    if not confirmed:
        ctx.reply(ctx.text("common.cancelled"), edit=True)
    elif saved is None:
        ctx.reply(ctx.text("admin.task_gone"), edit=True)
    else:
        ctx.reply(saved, edit=True)


async def apply(ctx: Context, session, task: Task, confirmed: dict) -> str:
    """Make the confirmed change through the task services; returns what to tell the admin.
    Units are created only when the preview the admin confirmed said so."""
    field, value = confirmed["field"], confirmed["value"]
    actor, moment = actor_label(ctx), now(ctx)
    if field == "close":
        changed = await close_task(session, task, actor, moment)
        return ctx.text("admin.closed" if changed else "admin.already_closed", code=task.code)
    if field == "open":
        await reopen_task(session, task, actor, moment)
        return ctx.text("admin.reopened", code=task.code)
    if field == "due":
        changes = (
            TaskChanges(due=date.fromisoformat(value)) if value else TaskChanges(clear_due=True)
        )
    elif field == "lead":
        changes = TaskChanges(lead_units=value, new_units=confirmed.get("new_units", False))
    else:
        changes = TaskChanges(support_units=value, new_units=confirmed.get("new_units", False))
    diff = await edit_task(session, task, changes, actor)
    if not diff:
        return ctx.text("admin.nothing_changed", code=task.code)
    task.updated_at = moment
    return ctx.text("admin.saved", code=task.code)
