"""Obstacles ("khó khăn, vướng mắc"): opened by reports, passed by progress, answered or closed by leaders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Row, and_, bindparam, exists, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import ReportStatus
from bot.services.audit import audit
from db.models import Contact, Obstacle, Plan, ProgressReport, Task, Unit

PROGRESS = (ReportStatus.DONE.value, ReportStatus.IN_PROGRESS.value)
_OPEN = insert(Obstacle)
_PASSED = (
    update(Obstacle)
    .where(
        Obstacle.task_id == bindparam("b_task"),
        Obstacle.unit_id == bindparam("b_unit"),
        Obstacle.closed_at.is_(None),
    )
    .values(closed_at=bindparam("b_at"), closed_by=bindparam("b_by"))
)


@dataclass(frozen=True, slots=True)
class OpenObstacle:
    """An obstacle as summaries and exports list it."""

    id: int
    task_id: int
    unit_id: int
    task: str  # the task's code
    title: str
    unit: str
    text: str
    since: datetime
    direction: str | None


def open_obstacle_of(task_id, unit_id):
    """SQL: the unit has an open obstacle on the task."""
    return exists().where(
        Obstacle.task_id == task_id, Obstacle.unit_id == unit_id, Obstacle.closed_at.is_(None)
    )


def track_obstacle(
    connection: Connection,
    report: Row | ProgressReport,
    words: str | None,
    *,
    by: str | None = None,
    obstructed: bool = True,
) -> None:
    """A blocked report (or one naming an obstacle) opens an obstacle in the unit's words;
    progress reported without one passes the unit's open obstacles on the task (`obstructed`
    False: the caller knows there are none)."""
    if words or report.status == ReportStatus.BLOCKED:
        connection.execute(
            _OPEN,
            {
                "task_id": report.task_id,
                "unit_id": report.unit_id,
                "report_id": report.id,
                "text": words or report.text,
                "opened_at": report.reported_at,
            },
        )
    elif report.status in PROGRESS and obstructed:
        at = report.edited_at or report.created_at
        keys = {"b_task": report.task_id, "b_unit": report.unit_id}
        connection.execute(_PASSED, {**keys, "b_at": at, "b_by": by or report.entered_by})


def retrack_obstacle(
    connection: Connection, report: ProgressReport, words: str | None, by: str
) -> None:
    """After a report was edited or corrected (`edited_at` set): what it opened is reopened as
    it now reads, or closed when it no longer says so."""
    connection.execute(
        update(Obstacle)
        .where(Obstacle.report_id == report.id)
        .values(report_id=None, closed_at=report.edited_at, closed_by=by)
        .where(Obstacle.closed_at.is_(None))
    )
    connection.execute(
        update(Obstacle).where(Obstacle.report_id == report.id).values(report_id=None)
    )
    track_obstacle(connection, report, words, by=by)


async def open_obstacles(
    session: AsyncSession,
    *,
    at: datetime | None = None,
    plan_id: int | None = None,
    task_id: int | None = None,
) -> list[OpenObstacle]:
    """Obstacles open at `at` (now when None), oldest first."""
    query = (
        select(Obstacle, Task.code, Task.title, Unit.name)
        .join(Task, Task.id == Obstacle.task_id)
        .join(Unit, Unit.id == Obstacle.unit_id)
        .order_by(Obstacle.opened_at, Obstacle.id)
    )
    if at is None:
        query = query.where(Obstacle.closed_at.is_(None))
    else:
        query = query.where(
            Obstacle.opened_at <= at, or_(Obstacle.closed_at.is_(None), Obstacle.closed_at > at)
        )
    if plan_id is not None:
        query = query.join(Plan, and_(Plan.id == Task.plan_id, Plan.id == plan_id))
    if task_id is not None:
        query = query.where(Obstacle.task_id == task_id)
    return [
        OpenObstacle(
            o.id, o.task_id, o.unit_id, code, title, unit, o.text, o.opened_at, o.direction
        )
        for o, code, title, unit in await session.execute(query)
    ]


async def give_direction(
    session: AsyncSession, obstacle: Obstacle, text: str, *, actor: str, now: datetime
) -> None:
    """A leader's direction on an obstacle, recorded on it and in the task's audit trail."""
    obstacle.direction, obstacle.directed_by, obstacle.directed_at = text, actor, now
    await audit(session, actor, "direction", "task", obstacle.task_id, obstacle=obstacle.id,
                text=text)  # fmt: skip


async def close_obstacle(
    session: AsyncSession, obstacle: Obstacle, *, actor: str, now: datetime
) -> bool:
    """A leader closes an obstacle; False when it was closed already."""
    if obstacle.closed_at is not None:
        return False
    obstacle.closed_at, obstacle.closed_by = now, actor
    await audit(session, actor, "close", "obstacle", obstacle.id, task=obstacle.task_id)
    return True


async def unit_contact_ids(session: AsyncSession, unit_id: int) -> list[int]:
    """The active contacts of a unit (where a leader's direction goes)."""
    found = await session.scalars(
        select(Contact.id).where(Contact.unit_id == unit_id, Contact.active.is_(True))
    )
    return list(found)
