"""/audit CODE: an admin reads who changed what on a task."""

from __future__ import annotations

import html

from bot.callbacks import AuditTask
from bot.services.audit_log import audit_text, read_audit
from db.models import Plan, Task
from handlers.context import Context
from handlers.conversation import ADMINS, open_task_by_code, shorten
from handlers.router import PRIVATE, Router

CHAT_ROWS = 50  # the latest changes; the CLI prints them all

router = Router(__name__)


@router.command("audit", ADMINS, chats=PRIVATE)
async def audit(ctx: Context) -> None:
    """Show the change log of the task with this code (or let the admin pick the plan)."""
    keys = ("audit.chat.usage", "audit.chat.which_plan")
    await open_task_by_code(ctx, keys, lambda task: AuditTask(task.id), show_audit)


@router.callback(AuditTask, ADMINS, chats=PRIVATE)
async def audit_button(ctx: Context, pressed: AuditTask) -> None:
    """The change log of the task chosen."""
    await show_audit(ctx, pressed.task_id)


async def show_audit(ctx: Context, task_id: int) -> None:
    """The task's latest changes, oldest first, as plain lines (escaped: they quote user text)."""
    async with ctx.deps.db.reading() as session:
        task = await session.get(Task, task_id)
        plan = await session.get(Plan, task.plan_id) if task else None
        rows = await read_audit(session, task, limit=CHAT_ROWS) if task else []
    if task is None or plan is None:
        ctx.reply(ctx.text("admin.task_gone"))
        return
    parts = [
        ctx.text("audit.chat.title", code=task.code, plan=plan.number or shorten(plan.title, 80)),
        html.escape(audit_text(rows, ctx.locale, ctx.deps.settings.tz), quote=False),
    ]
    if len(rows) == CHAT_ROWS:
        parts.append(ctx.text("audit.chat.latest", count=CHAT_ROWS, code=task.code))
    ctx.reply("\n\n".join(parts))
