"""Support units' ("phối hợp") reports: their contribution, shown under the task, never the lead's completion."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import AssignmentRole
from db.models import Assignment, Contact, ProgressReport, Unit, UnitMember


@dataclass(frozen=True, slots=True)
class Contribution:
    """A support unit's latest report on a task."""

    task_id: int
    unit: str
    at: datetime
    status: str | None
    percent: int | None


def _assigned(role: AssignmentRole, task_id, unit_id):
    """SQL: the unit (or a group it belongs to) has `role` on the task."""
    groups = select(UnitMember.group_id).where(UnitMember.member_id == unit_id)
    return exists().where(
        Assignment.task_id == task_id,
        Assignment.role == role.value,
        or_(Assignment.unit_id == unit_id, Assignment.unit_id.in_(groups)),
    )


def supports_only(task_id, unit_id):
    """SQL: the unit supports the task and does not lead it."""
    return and_(
        _assigned(AssignmentRole.SUPPORT, task_id, unit_id),
        ~_assigned(AssignmentRole.LEAD, task_id, unit_id),
    )


async def is_support(session: AsyncSession, task_id: int, unit_id: int) -> bool:
    """Whether the unit supports the task (itself or through a group) and does not lead it."""
    return bool(await session.scalar(select(supports_only(task_id, unit_id))))


async def contributions(
    session: AsyncSession, task_ids: Iterable[int] | None = None, at: datetime | None = None
) -> dict[int, list[Contribution]]:
    """Per task, each support unit's latest report (up to `at`), by unit name."""
    query = (
        select(ProgressReport, Unit.name)
        .join(Unit, Unit.id == ProgressReport.unit_id)
        .where(supports_only(ProgressReport.task_id, ProgressReport.unit_id))
        .order_by(ProgressReport.reported_at, ProgressReport.id)
    )
    if task_ids is not None:
        query = query.where(ProgressReport.task_id.in_(list(task_ids)))
    if at is not None:
        query = query.where(ProgressReport.reported_at <= at)
    latest: dict[tuple[int, int], Contribution] = {}
    for report, unit in await session.execute(query):
        latest[(report.task_id, report.unit_id)] = Contribution(
            report.task_id, unit, report.reported_at, report.status, report.percent
        )
    found: dict[int, list[Contribution]] = defaultdict(list)
    for item in sorted(latest.values(), key=lambda c: c.unit):
        found[item.task_id].append(item)
    return dict(found)


async def lead_contact_ids(session: AsyncSession, task_id: int) -> list[int]:
    """Active contacts of the task's lead units (members of a lead group included)."""
    leads = select(Assignment.unit_id).where(
        Assignment.task_id == task_id, Assignment.role == AssignmentRole.LEAD.value
    )
    members = select(UnitMember.member_id).where(UnitMember.group_id.in_(leads))
    found = await session.scalars(
        select(Contact.id).where(
            Contact.active.is_(True), or_(Contact.unit_id.in_(leads), Contact.unit_id.in_(members))
        )
    )
    return list(found)
