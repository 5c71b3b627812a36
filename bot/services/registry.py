"""Plans into the registry: import (idempotent by plan identity) and listing."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.domain import AssignmentRole
from bot.plandoc import PlanDocument, TaskDraft
from bot.services.audit import audit
from bot.services.period_words import implemented_number
from bot.services.units import ensure_unit
from bot.unitnames import fold_spelling
from db.models import Assignment, Plan, Task


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    plan: Plan
    created: bool
    tasks_created: int
    tasks_updated: int


def plan_key(document: PlanDocument) -> str:
    """A plan is identified by its number, else by its title."""
    header = document.plan
    basis = header.number or header.title
    return fold_spelling(basis).lower()[:300]


async def import_plan(
    session: AsyncSession,
    document: PlanDocument,
    actor: str,
    source_name: str | None = None,
    implements: str | None = None,
) -> ImportResult:
    """Create or update the plan, its units and tasks; re-importing never duplicates.

    `implements` names the parent document it carries out; without it, the title's
    "thực hiện Thông báo số 730-TB/TU" (kept from an earlier import when the title names none).
    """
    key = plan_key(document)
    plan = await session.scalar(select(Plan).where(Plan.key == key))
    created = plan is None
    header = document.plan
    if plan is None:
        plan = Plan(key=key, title=header.title, policy={})
        session.add(plan)
    for field in ("number", "title", "issuer", "issued_on", "signed_by"):
        setattr(plan, field, getattr(header, field))
    plan.source_name = source_name or plan.source_name
    plan.implements = (
        ("".join(implements.split()) if implements else None)
        or implemented_number(header.title)
        or plan.implements
    )
    await session.flush()

    existing = {
        task.code: task
        for task in await session.scalars(
            select(Task).where(Task.plan_id == plan.id).options(selectinload(Task.assignments))
        )
    }
    created_count = updated_count = 0
    for draft in document.tasks:
        task = existing.get(draft.code)
        if task is None:
            task = Task(plan_id=plan.id, code=draft.code, title=draft.title, extra={}, policy={})
            session.add(task)
            created_count += 1
        else:
            updated_count += 1
        await _apply_draft(session, task, draft, actor)
    await audit(
        session,
        actor,
        "import",
        "plan",
        plan.id,
        source=source_name,
        created=created,
        tasks_created=created_count,
        tasks_updated=updated_count,
    )
    return ImportResult(plan, created, created_count, updated_count)


async def _apply_draft(session: AsyncSession, task: Task, draft: TaskDraft, actor: str) -> None:
    task.title = draft.title
    task.full_text = draft.full_text
    task.due = draft.due
    task.recurrence = draft.recurrence.value if draft.recurrence else None
    task.report_day = draft.report_day
    task.extra = dict(draft.extra)
    task.source = draft.source
    task.confidence = draft.confidence
    wanted: list[tuple[int, str]] = []
    for role, names in (
        (AssignmentRole.LEAD, draft.lead_units),
        (AssignmentRole.SUPPORT, draft.support_units),
    ):
        for name in names:
            unit = await ensure_unit(session, name, actor)
            if (unit.id, role) not in wanted:
                wanted.append((unit.id, role))
    await set_assignments(session, task, wanted)


async def set_assignments(session: AsyncSession, task: Task, wanted: list[tuple[int, str]]) -> None:
    """Make the task's assignments exactly `wanted` (unit id, role), in that order."""
    if task.id is None:
        await session.flush()
    current = {(a.unit_id, a.role): a for a in await _assignments(session, task)}
    for pair, assignment in current.items():
        if pair not in wanted:
            await session.delete(assignment)
    for position, (unit_id, role) in enumerate(wanted):
        existing = current.get((unit_id, role))
        if existing is None:
            session.add(Assignment(task_id=task.id, unit_id=unit_id, role=role, position=position))
        else:
            existing.position = position
    await session.flush()
    session.expire(task, ["assignments"])


async def _assignments(session: AsyncSession, task: Task) -> list[Assignment]:
    rows = await session.scalars(select(Assignment).where(Assignment.task_id == task.id))
    return list(rows)
