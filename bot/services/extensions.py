"""Extension requests: a unit proposes a new deadline; a leader or admin decides once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Row, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.audit import audit
from bot.services.tasks import TaskChanges, edit_task
from bot.texts import t
from db.models import Contact, ExtensionRequest, ProgressReport, Task, Unit
from db.results import rowcount

if TYPE_CHECKING:  # progress imports this module
    from bot.services.progress import TaskRef

PENDING = "pending"
APPROVED = "approved"
DECLINED = "declined"
SUPERSEDED = "superseded"


class ExtensionError(Exception):
    """A request that cannot be made or decided; `key` names the text to show."""

    def __init__(self, key: str, **values: object):
        super().__init__(t(key, "vi", **values))
        self.key = key
        self.values = values


def check_proposed_due(task: Task | TaskRef, proposed: date, today: date) -> None:
    """A new deadline must lie after today and after the current deadline."""
    if proposed <= today:
        raise ExtensionError("extensions.date_past", date=proposed.strftime("%d/%m/%Y"))
    if task.due is not None and proposed <= task.due:
        raise ExtensionError(
            "extensions.date_not_later",
            date=proposed.strftime("%d/%m/%Y"),
            due=task.due.strftime("%d/%m/%Y"),
        )


async def request_extension(
    session: AsyncSession,
    *,
    task: TaskRef,
    unit: Unit,
    contact: Contact | None,
    proposed_due: date,
    reason: str | None,
    report: ProgressReport | Row | None,
    actor: str,
    now: datetime,
    today: date,
) -> ExtensionRequest:
    """Open a request; an earlier pending one from the same unit for the task is superseded."""
    check_proposed_due(task, proposed_due, today)
    await session.execute(
        update(ExtensionRequest)
        .where(
            ExtensionRequest.task_id == task.id,
            ExtensionRequest.unit_id == unit.id,
            ExtensionRequest.state == PENDING,
        )
        .values(state=SUPERSEDED, decided_at=now)
    )
    request = ExtensionRequest(
        task_id=task.id,
        unit_id=unit.id,
        contact_id=contact.id if contact else None,
        report_id=report.id if report else None,
        proposed_due=proposed_due,
        reason=reason,
        state=PENDING,
        created_at=now,
    )
    session.add(request)
    await session.flush()
    await audit(
        session,
        actor,
        "request",
        "extension",
        request.id,
        task=task.code,
        unit=unit.name,
        proposed_due=proposed_due.isoformat(),
    )
    return request


@dataclass(frozen=True)
class Decision:
    """A decided request with its task, as it now stands."""

    request: ExtensionRequest
    task: Task
    unit: Unit
    old_due: date | None


async def decide_extension(
    session: AsyncSession, request_id: int, *, approve: bool, actor: str, now: datetime
) -> Decision:
    """Approve (the task's deadline moves) or decline; a request is decided only once."""
    request = await session.get(ExtensionRequest, request_id)
    if request is None:
        raise ExtensionError("extensions.not_found")
    if request.state != PENDING:
        raise ExtensionError(f"extensions.already_{request.state}")
    claimed = await session.execute(
        update(ExtensionRequest)
        .where(ExtensionRequest.id == request.id, ExtensionRequest.state == PENDING)
        .values(state=APPROVED if approve else DECLINED, decided_by=actor, decided_at=now)
        .execution_options(synchronize_session="fetch")
    )
    await session.refresh(request)
    if rowcount(claimed) != 1:
        raise ExtensionError(f"extensions.already_{request.state}")
    task = await session.get_one(Task, request.task_id)
    unit = await session.get_one(Unit, request.unit_id)
    old_due = task.due
    if approve:
        await edit_task(session, task, TaskChanges(due=request.proposed_due), actor)
        task.updated_at = now
    await audit(
        session,
        actor,
        "approve" if approve else "decline",
        "extension",
        request.id,
        task=task.code,
        unit=unit.name,
        proposed_due=request.proposed_due.isoformat(),
    )
    return Decision(request, task, unit, old_due)


async def pending_request_of(session: AsyncSession, report_id: int) -> ExtensionRequest | None:
    """The pending request a report opened, if any."""
    return await session.scalar(
        select(ExtensionRequest).where(
            ExtensionRequest.report_id == report_id, ExtensionRequest.state == PENDING
        )
    )
