"""The summary's reads: plans, tasks with their lead units, group members, unreachable units.

One query each, so the summary's query count never grows with the number of tasks or units.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, case, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import AssignmentRole, Recurrence
from bot.services.reminders.periods import cadence_months
from bot.services.reminders.policy import DEFAULT_POLICY, policy_for
from bot.services.status import TaskFacts
from db.models import Assignment, Contact, ContactEndpoint, Plan, Task, Unit, UnitMember

# In the order of TaskFacts' fields.
TASK_FACT_COLUMNS = (
    Task.id, Task.plan_id, Task.code, Task.title, Task.due, Task.recurrence, Task.closed_at,
    Task.reopened_at,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class PlanInfo:
    """The plan a summary reports on, as its header names it."""

    id: int
    number: str | None
    title: str
    issuer: str | None
    issued_on: date | None
    report_settings: dict = field(default_factory=dict)


async def load_plans(session: AsyncSession, plan_id: int | None) -> tuple[PlanInfo, ...]:
    query = select(
        Plan.id, Plan.number, Plan.title, Plan.issuer, Plan.issued_on, Plan.report_settings
    ).order_by(Plan.id)
    if plan_id is not None:
        query = query.where(Plan.id == plan_id)
    return tuple(PlanInfo(*row) for row in await session.execute(query))


async def load_tasks(
    session: AsyncSession, plan_id: int | None
) -> tuple[list[TaskFacts], dict[int, list[tuple[int, str, str]]]]:
    lead = and_(Assignment.task_id == Task.id, Assignment.role == AssignmentRole.LEAD.value)
    # Only a continuous task's period reads the policies: the others skip decoding them.
    continuous = Task.recurrence == Recurrence.CONTINUOUS.value
    policies = case((continuous, Plan.policy)), case((continuous, Task.policy))
    query = (
        select(*TASK_FACT_COLUMNS, *policies, Unit.id, Unit.name, Unit.kind)
        .join(Plan, Plan.id == Task.plan_id)
        .outerjoin(Assignment, lead)
        .outerjoin(Unit, Unit.id == Assignment.unit_id)
        .order_by(Task.plan_id, Task.id, Assignment.position)
    )
    if plan_id is not None:
        query = query.where(Task.plan_id == plan_id)
    tasks: dict[int, TaskFacts] = {}
    leads: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    width = len(TASK_FACT_COLUMNS)
    for row in await session.execute(query):
        task_id = row[0]
        if task_id not in tasks:
            plan_policy, task_policy = row[width], row[width + 1]
            months = period_months(row.recurrence, plan_policy, task_policy)
            _, plan, code, title, due, recurrence, closed_at, reopened_at = row[:width]
            tasks[task_id] = TaskFacts(
                task_id, plan, code, title, due, recurrence, closed_at, reopened_at, months
            )
        unit_id, name, kind = row[width + 2 :]
        if unit_id is not None:
            leads[task_id].append((unit_id, name, kind))
    return list(tasks.values()), leads


def period_months(recurrence: str | None, plan_policy, task_policy) -> int | None:
    """Months per reporting period; continuous tasks report at the policy's cadence (quarterly)."""
    if recurrence is None:
        return None
    cadence = DEFAULT_POLICY.continuous_cadence
    if recurrence == Recurrence.CONTINUOUS and (plan_policy or task_policy):
        cadence = policy_for(plan_policy, task_policy).continuous_cadence
    return cadence_months(recurrence, cadence)


async def load_members(session: AsyncSession) -> dict[int, list[tuple[int, str]]]:
    query = (
        select(UnitMember.group_id, Unit.id, Unit.name)
        .join(Unit, Unit.id == UnitMember.member_id)
        .order_by(Unit.name)
    )
    members: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for group_id, unit_id, name in await session.execute(query):
        members[group_id].append((unit_id, name))
    return members


async def load_units_with_contact(session: AsyncSession) -> set[int]:
    """Units with an active contact who has joined (has a chat reachable by the bot)."""
    joined = exists().where(
        ContactEndpoint.contact_id == Contact.id, ContactEndpoint.unreachable.is_(False)
    )
    query = (
        select(Contact.unit_id)
        .distinct()
        .where(Contact.active.is_(True), Contact.unit_id.is_not(None), joined)
    )
    return set(await session.scalars(query))
