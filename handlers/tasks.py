"""/tasks: a contact's unit's tasks, or every task for leaders, admins and observers."""

from __future__ import annotations

from bot.callbacks import TasksPage
from bot.services.progress import status_and_percent, tasks_of_unit
from bot.services.status import Status
from bot.services.summary import TaskLine, build_summary
from handlers.context import Context
from handlers.conversation import day_text, now, page_buttons, page_of, shorten
from handlers.router import BOUND, MEMBERS, Router

PAGE_SIZE = 10
TITLE_LENGTH = 160

router = Router(__name__)


@router.command("tasks", MEMBERS, chats=BOUND)
async def tasks_command(ctx: Context) -> None:
    """List the tasks the sender may see, first page."""
    await show_tasks(ctx, page=0)


@router.callback(TasksPage, MEMBERS, chats=BOUND)
async def tasks_page(ctx: Context, pressed: TasksPage) -> None:
    """Another page of the list."""
    await show_tasks(ctx, page=pressed.page, edit=True)


async def visible_lines(ctx: Context) -> tuple[list[TaskLine], dict[int, str], dict[int, str]]:
    """Task lines this chat may see (a contact's or a unit group's: the unit's part), plan names,
    and for a unit's view the unit's part in each task ("lead" or "support")."""
    view = ctx.unit_view
    async with ctx.deps.db.reading() as session:
        summary = await build_summary(session, now(ctx), ctx.deps.settings.tz)
        mine = None
        if view is not None:
            mine = {t.id for t in await tasks_of_unit(session, view.unit_id)}
    plans = {
        p.id: ctx.text("tasks.plan_number", number=p.number)
        if p.number
        else ctx.text("tasks.plan", title=shorten(p.title, 80))
        for p in summary.plans
    }
    if view is None or mine is None:
        return list(summary.tasks), plans, {}
    lines, parts = [], {}
    for line in summary.tasks:
        if line.task.id not in mine:
            continue
        own = [u for u in line.units if u.unit_id == view.unit_id]
        parts[line.task.id] = "lead" if own else "support"
        if own:
            unit = own[0]
            line = TaskLine(
                line.task,
                line.lead_units,
                (unit,),
                unit.standing.status,
                unit.standing.days_overdue,
                unit.last_report,
            )
        lines.append(line)
    return lines, plans, parts


async def show_tasks(ctx: Context, page: int, edit: bool = False) -> None:
    """One page of tasks with deadline and short status."""
    lines, plans, parts = await visible_lines(ctx)
    view = ctx.unit_view
    if not lines:
        ctx.reply(ctx.text("tasks.none_unit" if view else "tasks.none"), edit=edit)
        return
    shown, page, pages = page_of(lines, page, PAGE_SIZE)
    header_key = "tasks.header_unit" if view else "tasks.header"
    blocks = [ctx.text(header_key, unit=view.unit_name if view else "", count=len(lines))]
    last_plan = None
    for line in shown:
        if line.task.plan_id != last_plan and len(plans) > 1:
            blocks.append(plans.get(line.task.plan_id, ""))
        last_plan = line.task.plan_id
        blocks.append(render_line(ctx, line, parts.get(line.task.id)))
    if pages > 1:
        blocks.append(ctx.text("tasks.page", page=page + 1, pages=pages))
    ctx.reply("\n\n".join(blocks), page_buttons(ctx, page, pages, TasksPage), edit=edit)


def render_line(ctx: Context, line: TaskLine, part: str | None = None) -> str:
    """ "<b>II.3</b> Title — Hạn: 31/12/2025 · Quá hạn 3 ngày · Chủ trì · Báo cáo 20/03: 70%";
    `part`: the contact's unit "lead"s or "support"s the task."""
    task = line.task
    if task.due is not None:
        when = ctx.text("tasks.due", date=day_text(task.due))
    elif task.recurrence:
        when = ctx.text("tasks.recurring", every=ctx.text(f"tasks.every.{task.recurrence}"))
    else:
        when = ctx.text("tasks.no_due")
    status = ctx.text(f"tasks.status.{line.status.value}", days=line.days_overdue)
    if line.status is not Status.OVERDUE and task.closed_at is not None:
        status = ctx.text("tasks.closed")
    if part is not None:
        status += " · " + ctx.text(f"tasks.part.{part}")
    text = ctx.text(
        "tasks.line",
        code=task.code,
        title=shorten(task.title, TITLE_LENGTH),
        when=when,
        status=status,
    )
    report = line.last_report
    if report is not None:
        local_day = report.at.astimezone(ctx.deps.settings.tz).strftime("%d/%m")
        what = status_and_percent(report, ctx.locale)
        text += "\n" + ctx.text("tasks.last_report", date=local_day, what=what)
    return text
