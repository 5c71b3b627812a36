"""Who a task's reminders go to (lead and support units, groups expanded) and what each has reported."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import AssignmentRole, ReportStatus, UnitKind
from bot.services.reminders.planner import UnitProgress
from bot.services.status import is_recurring_only
from db.models import Assignment, ProgressReport, Task, Unit, UnitMember


@dataclass(frozen=True, slots=True)
class Target:
    """A unit to remind, and the unit it stands for (a group, when it is one of its members)."""

    unit_id: int
    lead_id: int
    support: bool = False  # it supports the task ("phối hợp"), leading none of it


async def reminder_targets(
    session: AsyncSession, task_ids: Iterable[int]
) -> dict[int, list[Target]]:
    """Per task, its lead units in plan order, then its support units that lead nothing of it; a
    group with members is replaced by its members."""
    rows = (
        await session.execute(
            select(Assignment.task_id, Assignment.unit_id, Unit.kind, Assignment.role)
            .join(Unit, Unit.id == Assignment.unit_id)
            .where(Assignment.task_id.in_(list(task_ids)))
            .order_by(
                Assignment.task_id, Assignment.role, Assignment.position
            )  # "lead" < "support"
        )
    ).all()
    groups = {row.unit_id for row in rows if row.kind == UnitKind.GROUP.value}
    members: dict[int, list[int]] = defaultdict(list)
    if groups:
        for group_id, member_id in await session.execute(
            select(UnitMember.group_id, UnitMember.member_id)
            .where(UnitMember.group_id.in_(groups))
            .order_by(UnitMember.member_id)
        ):
            members[group_id].append(member_id)
    targets: dict[int, list[Target]] = defaultdict(list)
    for task_id, unit_id, _kind, role in rows:
        support = role == AssignmentRole.SUPPORT.value
        for member_id in members.get(unit_id) or [unit_id]:
            if all(t.unit_id != member_id for t in targets[task_id]):
                targets[task_id].append(Target(member_id, unit_id, support))
    return targets


async def unit_progress(
    session: AsyncSession, tasks: list[Task], targets: dict[int, list[Target]], tz: ZoneInfo
) -> dict[tuple[int, int], UnitProgress]:
    """Per (task, unit): completion (closed, or its latest report since reopening is "done") and report days."""
    reports: dict[int, list[tuple[int, str | None, datetime]]] = defaultdict(list)
    if tasks:
        for task_id, unit_id, status, at in await session.execute(
            select(
                ProgressReport.task_id,
                ProgressReport.unit_id,
                ProgressReport.status,
                ProgressReport.reported_at,
            )
            .where(ProgressReport.task_id.in_([task.id for task in tasks]))
            .order_by(ProgressReport.reported_at, ProgressReport.id)
        ):
            reports[task_id].append((unit_id, status, at))
    progress: dict[tuple[int, int], UnitProgress] = {}
    for task in tasks:
        counted = [
            r for r in reports[task.id] if task.reopened_at is None or r[2] >= task.reopened_at
        ]
        units = [_progress(task, target, counted, tz) for target in targets.get(task.id, [])]
        leads = [u.completed_at for u in units if not u.support]
        leads_done = [at for at in leads if at is not None]
        for unit in units:
            if unit.support and leads_done and len(leads_done) == len(leads):
                # the lead units have completed the task: nothing left to support
                done = min(filter(None, (unit.completed_at, max(leads_done))))
                unit = replace(unit, completed_at=done)
            progress[(task.id, unit.unit_id)] = unit
    return progress


def _progress(task: Task, target: Target, counted: list, tz: ZoneInfo) -> UnitProgress:
    """One unit's completion (closed, or its latest report is "done") and report days."""
    own = [r for r in counted if r[0] in (target.unit_id, target.lead_id)]
    completed_at = task.closed_at
    if (
        completed_at is None
        and own
        and not is_recurring_only(task)
        and own[-1][1] == ReportStatus.DONE.value
    ):
        completed_at = own[-1][2]
    reported_on = frozenset(at.astimezone(tz).date() for _u, _s, at in own)
    return UnitProgress(target.unit_id, completed_at, reported_on, target.support)
