"""Read models for listings: plans, tasks with their units, units with counts."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.domain import AssignmentRole
from db.models import Assignment, Plan, Task, Unit, UnitMember


async def list_plans(session: AsyncSession) -> list[tuple[Plan, int]]:
    """Each plan with its number of tasks."""
    rows = await session.execute(
        select(Plan, func.count(Task.id)).outerjoin(Task).group_by(Plan.id).order_by(Plan.id)
    )
    return [(plan, count) for plan, count in rows]


async def list_tasks(
    session: AsyncSession, plan_id: int | None = None, unit_ids: list[int] | None = None
) -> list[Task]:
    """Tasks with assignments loaded, optionally of one plan or assigned to some units."""
    query = (
        select(Task)
        .options(selectinload(Task.assignments).selectinload(Assignment.unit))
        .order_by(Task.plan_id, Task.id)
    )
    if plan_id is not None:
        query = query.where(Task.plan_id == plan_id)
    if unit_ids is not None:
        query = query.where(
            Task.id.in_(select(Assignment.task_id).where(Assignment.unit_id.in_(unit_ids)))
        )
    return list(await session.scalars(query))


def unit_names(task: Task, role: AssignmentRole) -> list[str]:
    """Names of the task's units in one role, in plan order."""
    return [a.unit.name for a in task.assignments if a.role == role]


async def list_units(session: AsyncSession) -> list[tuple[Unit, int, int]]:
    """Each unit with its task count and member count."""
    tasks = (
        select(Assignment.unit_id, func.count(func.distinct(Assignment.task_id)).label("n"))
        .group_by(Assignment.unit_id)
        .subquery()
    )
    members = (
        select(UnitMember.group_id, func.count().label("n"))
        .group_by(UnitMember.group_id)
        .subquery()
    )
    rows = await session.execute(
        select(Unit, func.coalesce(tasks.c.n, 0), func.coalesce(members.c.n, 0))
        .outerjoin(tasks, tasks.c.unit_id == Unit.id)
        .outerjoin(members, members.c.group_id == Unit.id)
        .order_by(Unit.name)
    )
    return [(unit, task_count, member_count) for unit, task_count, member_count in rows]
