"""Correct the registry: add, edit, close and reopen tasks (each change audit-logged)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.domain import AssignmentRole, Recurrence
from bot.services.audit import audit
from bot.services.period_words import number_key
from bot.services.registry import set_assignments
from bot.services.units import ensure_unit, get_unit
from db.base import utcnow
from db.models import Assignment, Plan, Task, Unit


class TaskNotFound(LookupError):
    """No task has that code."""


@dataclass(frozen=True)
class TaskChanges:
    """Fields an admin may change; None leaves a field as it is."""

    title: str | None = None
    due: date | None = None
    clear_due: bool = False
    recurrence: Recurrence | None = None
    clear_recurrence: bool = False
    report_day: int | None = None
    lead_units: list[str] | None = None
    support_units: list[str] | None = None
    # Unknown unit names create units only on purpose: `--new-unit` in the CLI, a confirmation in chat.
    new_units: bool = False


async def find_tasks(session: AsyncSession, code: str, plan_id: int | None = None) -> list[Task]:
    """Tasks with this code (one per plan), newest plan first."""
    query = (
        select(Task)
        .where(Task.code == code.strip())
        .options(
            selectinload(Task.assignments).selectinload(Assignment.unit), selectinload(Task.plan)
        )
        .order_by(Task.plan_id.desc())
    )
    if plan_id is not None:
        query = query.where(Task.plan_id == plan_id)
    return list(await session.scalars(query))


async def get_task(session: AsyncSession, code: str, plan_id: int | None = None) -> Task:
    """The one task with this code; ambiguous or missing codes are errors for the user."""
    tasks = await find_tasks(session, code, plan_id)
    if not tasks:
        raise TaskNotFound(f"Không có nhiệm vụ mã “{code}”.")
    if len(tasks) > 1:
        plans = ", ".join(str(t.plan_id) for t in tasks)
        raise TaskNotFound(f"Mã “{code}” có trong nhiều kế hoạch ({plans}); hãy chỉ rõ --plan.")
    return tasks[0]


async def latest_plan(session: AsyncSession) -> Plan | None:
    """The most recently imported plan."""
    return await session.scalar(select(Plan).order_by(Plan.id.desc()).limit(1))


async def plan_with_number(session: AsyncSession, number: str) -> Plan | None:
    """The plan numbered `number` ("15-KH/HU"), read as written: case and spaces do not matter."""
    wanted = number_key(number)
    plans = await session.scalars(select(Plan).where(Plan.number.is_not(None)))
    return next((plan for plan in plans if number_key(plan.number or "") == wanted), None)


async def add_task(
    session: AsyncSession, plan_id: int, code: str, changes: TaskChanges, actor: str
) -> Task:
    """Add a task to a plan."""
    if await session.scalar(select(Task.id).where(Task.plan_id == plan_id, Task.code == code)):
        raise ValueError(f"Kế hoạch đã có nhiệm vụ mã “{code}”.")
    if not changes.title:
        raise ValueError("Nhiệm vụ mới cần có tên (--title).")
    task = Task(plan_id=plan_id, code=code, title=changes.title, extra={}, policy={})
    session.add(task)
    await session.flush()
    await _apply(session, task, changes, actor)
    await audit(session, actor, "create", "task", task.id, code=code, title=task.title)
    return task


async def edit_task(session: AsyncSession, task: Task, changes: TaskChanges, actor: str) -> dict:
    """Apply the changes; returns {field: [old, new]} of what actually changed."""
    diff = await _apply(session, task, changes, actor)
    if diff:
        await audit(session, actor, "edit", "task", task.id, code=task.code, changes=diff)
    return diff


async def _apply(session: AsyncSession, task: Task, changes: TaskChanges, actor: str) -> dict:
    diff: dict[str, list] = {}

    def change(field: str, value) -> None:
        old = getattr(task, field)
        if old != value:
            diff[field] = [_plain(old), _plain(value)]
            setattr(task, field, value)

    if changes.title:
        change("title", changes.title)
    if changes.due is not None or changes.clear_due:
        change("due", changes.due)
    if changes.recurrence is not None or changes.clear_recurrence:
        change("recurrence", changes.recurrence.value if changes.recurrence else None)
    if changes.report_day is not None:
        change("report_day", changes.report_day)
    if changes.lead_units is not None or changes.support_units is not None:
        diff |= await _reassign(session, task, changes, actor)
    if diff:
        task.updated_at = utcnow()
    return diff


async def _reassign(session: AsyncSession, task: Task, changes: TaskChanges, actor: str) -> dict:
    current = list(
        await session.scalars(
            select(Assignment)
            .where(Assignment.task_id == task.id)
            .options(selectinload(Assignment.unit))
        )
    )
    units = {
        role: [a.unit for a in current if a.role == role]
        for role in (AssignmentRole.LEAD, AssignmentRole.SUPPORT)
    }
    before = {role: [unit.name for unit in listed] for role, listed in units.items()}
    typed = {AssignmentRole.LEAD: changes.lead_units, AssignmentRole.SUPPORT: changes.support_units}
    for role, unit_names in typed.items():
        if unit_names is not None:
            find = ensure_unit if changes.new_units else _existing_unit
            units[role] = [await find(session, name, actor) for name in unit_names]
    names = {
        role: list(dict.fromkeys(unit.name for unit in listed)) for role, listed in units.items()
    }
    wanted: list[tuple[int, str]] = []
    for role, listed in units.items():
        for unit in listed:
            if (unit.id, role) not in wanted:
                wanted.append((unit.id, role))
    await set_assignments(session, task, wanted)
    return {
        f"{role}_units": [before[role], names[role]]
        for role in names
        if before[role] != names[role]
    }


async def _existing_unit(session: AsyncSession, name: str, _actor: str) -> Unit:
    """A unit that must already exist: a typo is an error, not a new unit."""
    return await get_unit(session, name)


async def close_task(session: AsyncSession, task: Task, actor: str, at: datetime) -> bool:
    """Mark a task completed by the office; False if it already was."""
    if task.closed_at is not None:
        return False
    task.closed_at = at
    task.updated_at = at
    await audit(session, actor, "close", "task", task.id, code=task.code)
    return True


async def reopen_task(session: AsyncSession, task: Task, actor: str, at: datetime) -> None:
    """Reopen a task: earlier completion reports no longer count."""
    task.closed_at = None
    task.reopened_at = at
    task.updated_at = at
    await audit(session, actor, "reopen", "task", task.id, code=task.code)


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value
