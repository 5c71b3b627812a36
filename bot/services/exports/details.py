"""What a committee reads beyond statuses: extension requests, support units, obstacles, evidence.

Four queries whatever the size, each bounded by the moment of the report.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import String, and_, cast, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.domain import AssignmentRole, ReportStatus
from db.models import Assignment, ExtensionRequest, ProgressReport, Task, Unit


@dataclass(frozen=True, slots=True)
class Extension:
    """A unit's request for a later deadline and what became of it."""

    task_id: int
    unit: str
    proposed_due: date
    reason: str | None
    state: str  # pending | approved | declined | superseded, as of the report's moment
    asked_at: datetime


@dataclass(frozen=True, slots=True)
class UnitNote:
    """A unit's latest word on a task (a support unit's contribution, an open obstacle)."""

    task_id: int
    unit: str
    text: str
    percent: int | None
    at: datetime


@dataclass(frozen=True, slots=True)
class Details:
    """Everything of the kind above, as of one moment."""

    extensions: tuple[Extension, ...]
    contributions: tuple[UnitNote, ...]
    obstacles: tuple[UnitNote, ...]
    evidence: dict[int, int]  # task id → files attached to its reports


async def load_details(session: AsyncSession, at: datetime, plan_id: int | None) -> Details:
    """The details of one plan (or every plan) as of `at`."""
    return Details(
        extensions=await _extensions(session, at, plan_id),
        contributions=await _latest_notes(session, at, plan_id, AssignmentRole.SUPPORT, None),
        obstacles=await _latest_notes(session, at, plan_id, None, ReportStatus.BLOCKED),
        evidence=await _evidence(session, at, plan_id),
    )


def _in_plan(query, plan_id: int | None, task_column):
    return query if plan_id is None else query.where(task_column.in_(_plan_tasks(plan_id)))


def _plan_tasks(plan_id: int):
    return select(Task.id).where(Task.plan_id == plan_id)


EXTENSION_COLUMNS = (
    ExtensionRequest.task_id, Unit.name, ExtensionRequest.proposed_due, ExtensionRequest.reason,
    ExtensionRequest.state, ExtensionRequest.decided_at, ExtensionRequest.created_at,
)  # fmt: skip


async def _extensions(session, at: datetime, plan_id: int | None) -> tuple[Extension, ...]:
    request = ExtensionRequest
    query = (
        select(*EXTENSION_COLUMNS)
        .join(Unit, Unit.id == request.unit_id)
        .where(request.created_at <= at)
        .order_by(request.task_id, request.created_at)
    )
    rows = await session.execute(_in_plan(query, plan_id, request.task_id))
    return tuple(
        # A decision taken after the moment of the report was still pending then.
        Extension(
            task_id, unit, due, reason, "pending" if decided and decided > at else state, asked
        )
        for task_id, unit, due, reason, state, decided, asked in rows
    )


async def _latest_notes(
    session, at: datetime, plan_id: int | None, role: AssignmentRole | None, status
) -> tuple[UnitNote, ...]:
    """Each (task, unit)'s latest report (not an extension request), filtered by role or status."""
    report, earlier = ProgressReport, aliased(ProgressReport)
    latest_id = (
        select(earlier.id)
        .where(earlier.task_id == report.task_id, earlier.unit_id == report.unit_id)
        .where(earlier.reported_at <= at, _not_extension(earlier))
        .order_by(earlier.reported_at.desc(), earlier.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    query = (
        select(report.task_id, Unit.name, report.text, report.percent, report.reported_at)
        .join(Unit, Unit.id == report.unit_id)
        .where(report.id == latest_id)
        .order_by(report.task_id, Unit.name)
    )
    if role is not None:
        assigned = and_(
            Assignment.task_id == report.task_id,
            Assignment.unit_id == report.unit_id,
            Assignment.role == role.value,
        )
        query = query.join(Assignment, assigned)
    if status is not None:
        query = query.where(report.status == status.value)
    rows = await session.execute(_in_plan(query, plan_id, report.task_id))
    return tuple(UnitNote(*row) for row in rows)


def _not_extension(report):
    return func.coalesce(report.status, "") != ReportStatus.EXTENSION.value


async def _evidence(session, at: datetime, plan_id: int | None) -> dict[int, int]:
    report = ProgressReport
    query = select(report.task_id, report.attachments).where(
        report.reported_at <= at, cast(report.attachments, String) != "[]"
    )
    counts: Counter[int] = Counter()
    for task_id, attachments in await session.execute(_in_plan(query, plan_id, report.task_id)):
        counts[task_id] += len(attachments or [])
    return dict(counts)
