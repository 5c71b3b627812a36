"""Progress reports: who may report on what, and recording, editing and completing reports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    Row,
    SQLColumnExpression,
    bindparam,
    exists,
    or_,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import ReportStatus
from bot.messages import Attachment
from bot.reading import normalize_code, read_date, read_progress
from bot.services.audit import acting_committee, audit
from bot.services.contributions import Contribution, supports_only
from bot.services.exports.history import HistoryRow
from bot.services.extensions import ExtensionError, pending_request_of, request_extension
from bot.services.obstacles import open_obstacle_of, retrack_obstacle
from bot.services.queries import list_tasks
from bot.services.report_store import (
    DEFAULT_TZ,
    NewReport,
    attachment_records,
    new_report,
    store_report,
)
from bot.services.status import ReportView
from bot.texts import t
from db.models import Assignment, Contact, ExtensionRequest, ProgressReport, Task, Unit, UnitMember


class ReportRefused(Exception):
    """This unit (or contact) may not report on this task."""


@dataclass(frozen=True, slots=True)
class UnitRef:
    """A unit as recording needs it, when it is known without loading the `Unit`."""

    id: int
    name: str


@dataclass(frozen=True, slots=True)
class ContactRef:
    """A contact as recording needs it, when it is known without loading the `Contact`."""

    id: int
    unit_id: int | None


@dataclass(frozen=True, slots=True)
class TaskRef:
    """What recording and asking about a report need of a task."""

    id: int
    code: str
    title: str
    due: date | None
    closed_at: datetime | None
    support: bool = False  # the reporting unit supports it and leads none of it
    obstructed: bool = True  # the unit may have an open obstacle on it (False: known to have none)

    @classmethod
    def of(cls, task: Task | Row) -> TaskRef:
        """The reference of an ORM task or a `TASK_REF` row."""
        support = bool(getattr(task, "support", False))
        obstructed = bool(getattr(task, "obstructed", True))
        return cls(task.id, task.code, task.title, task.due, task.closed_at, support, obstructed)


@dataclass(frozen=True)
class Recorded:
    """A stored report and what it led to."""

    report: ProgressReport | Row  # the row just inserted (read-only), or the report found
    task: TaskRef
    created: bool  # False when this chat message had been recorded before
    extension: ExtensionRequest | None = None
    extension_error: ExtensionError | None = None
    unsure: bool = False  # the reader was not sure of it: the sender is asked to confirm
    support: bool = False  # a support unit's contribution, never the lead's completion


def status_and_percent(
    report: ProgressReport | Row | ReportView | Contribution | HistoryRow, locale: str
) -> str:
    """ "Đang thực hiện, 70%" — what a report stored, as acknowledgements and lists say it."""
    status = t(f"status.{report.status}" if report.status else "report.no_status", locale)
    if report.percent is None:
        return t("report.status_no_percent", locale, status=status)
    return t("report.status_percent", locale, status=status, percent=report.percent)


async def reporting_units(session: AsyncSession, unit_id: int) -> list[int]:
    """The unit and every group it is a member of: tasks of any of them are the unit's."""
    groups = await session.scalars(
        select(UnitMember.group_id).where(UnitMember.member_id == unit_id)
    )
    return [unit_id, *groups]


async def tasks_of_unit(session: AsyncSession, unit_id: int) -> list[Task]:
    """Tasks the unit leads or supports, itself or through a group it belongs to."""
    return await list_tasks(session, unit_ids=await reporting_units(session, unit_id))


def of_unit(
    column: SQLColumnExpression[int], unit_id: ColumnElement[int] | int
) -> ColumnElement[bool]:
    """SQL: `column` is the unit or a group it is a member of (`reporting_units` in one query)."""
    groups = select(UnitMember.group_id).where(UnitMember.member_id == unit_id)
    return or_(column == unit_id, column.in_(groups))


def reportable_by(unit_id: ColumnElement[int] | int) -> ColumnElement[bool]:
    """SQL condition on `Task`: the unit (or a group it belongs to) leads or supports it."""
    return exists().where(Assignment.task_id == Task.id, of_unit(Assignment.unit_id, unit_id))


# Statements of the reporting path, built once (SQLAlchemy then reuses their compiled SQL).
UNIT_ID: BindParameter[int] = bindparam(
    "unit_id"
)  # the reporting unit, in this module's and its callers' queries
_ASSIGNED = (
    select(Assignment.id)
    .where(Assignment.task_id == bindparam("task_id"), of_unit(Assignment.unit_id, UNIT_ID))
    .limit(1)
)
# What recording and asking about a report need of a task, read as a row (no ORM object).
TASK_REF = (
    Task.id,
    Task.code,
    Task.title,
    Task.due,
    Task.closed_at,
    supports_only(Task.id, UNIT_ID).label("support"),
    open_obstacle_of(Task.id, UNIT_ID).label("obstructed"),
)
_TASKS_OF_UNIT = select(*TASK_REF).where(reportable_by(UNIT_ID)).order_by(Task.plan_id, Task.id)


async def may_report(session: AsyncSession, task_id: int, unit_id: int) -> bool:
    """Whether the unit (or a group it belongs to) is a lead or support unit of the task."""
    found = await session.scalar(_ASSIGNED, {"task_id": task_id, "unit_id": unit_id})
    return found is not None


def tasks_named(connection: Connection, unit_id: int, code: str) -> list[TaskRef]:
    """The unit's tasks (see `tasks_of_unit`) whose normalized code is `code`, in plan order."""
    rows = connection.execute(_TASKS_OF_UNIT, {"unit_id": unit_id})
    return [TaskRef.of(row) for row in rows if normalize_code(row.code) == code]


async def find_reports(
    session: AsyncSession, channel: str | None, chat_id: str | None, message_id: str | None
) -> list[ProgressReport]:
    """The reports a chat message recorded (one per task it named)."""
    if channel is None or chat_id is None or message_id is None:
        return []
    found = await session.scalars(
        select(ProgressReport)
        .where(
            ProgressReport.channel == channel,
            ProgressReport.chat_id == chat_id,
            ProgressReport.message_id == message_id,
        )
        .order_by(ProgressReport.id)
    )
    return list(found)


async def record_report(
    session: AsyncSession,
    *,
    task: TaskRef,
    unit: Unit | UnitRef,
    contact: Contact | ContactRef | None = None,
    authorized: bool = False,
    tz: tzinfo = DEFAULT_TZ,
    **report: Any,
) -> Recorded:
    """Store a report (`new_report`'s arguments) once per chat message and task; an extension
    with a date opens a request.

    `authorized`: the caller has checked, in this transaction, that the unit may report on the task.
    """
    if contact is not None and contact.unit_id != unit.id:
        raise ReportRefused(f"contact {contact.id} does not belong to unit {unit.id}")
    if not authorized and not await may_report(session, task.id, unit.id):
        raise ReportRefused(f"unit {unit.id} is not assigned to task {task.id}")
    built = new_report(task=task, unit=unit, contact=contact, tz=tz, **report)
    return await store_new_report(session, built, task, unit.name, tz=tz)


async def store_new_report(
    session: AsyncSession, report: NewReport, task: TaskRef, unit_name: str, *, tz: tzinfo
) -> Recorded:
    """Store a report built by `new_report` (the caller checked the unit may report on the
    task); an extension with a date opens a request."""
    connection = await session.connection()
    row, created = await connection.run_sync(
        store_report, report, task.code, unit_name, committee_id=acting_committee(session)
    )
    if not created:
        return Recorded(row, task, created=False)
    today = report.reported_at.astimezone(tz).date()
    extension, problem = await open_extension(
        session, row, task, report.entered_by, report.created_at, today
    )
    return Recorded(row, task, True, extension, problem, report.unsure)


async def open_extension(
    session: AsyncSession,
    report: ProgressReport | Row,
    task: TaskRef,
    actor: str,
    now: datetime,
    today,
) -> tuple[ExtensionRequest | None, ExtensionError | None]:
    """An extension report that names a date becomes a request (unless one is already open)."""
    if report.status != ReportStatus.EXTENSION or report.proposed_due is None:
        return None, None
    if await pending_request_of(session, report.id) is not None:
        return None, None
    contact_id = report.contact_id
    try:
        request = await request_extension(
            session,
            task=task,
            unit=await session.get_one(Unit, report.unit_id),
            contact=await session.get(Contact, contact_id) if contact_id else None,
            proposed_due=report.proposed_due,
            reason=report.text,
            report=report,
            actor=actor,
            now=now,
            today=today,
        )
    except ExtensionError as error:
        return None, error
    return request, None


async def edit_report(
    session: AsyncSession,
    report: ProgressReport,
    *,
    text: str,
    actor: str,
    now: datetime,
    tz: tzinfo = DEFAULT_TZ,
) -> Recorded:
    """Re-read an edited message; what it no longer says keeps its earlier value."""
    task = await session.get_one(Task, report.task_id)
    today = report.reported_at.astimezone(tz).date()
    reading = read_progress(text, today).about(normalize_code(task.code))
    before = {"text": report.text, "percent": report.percent, "status": report.status}
    report.text = text
    if reading.percent is not None:
        report.percent = reading.percent
    if reading.status is not None:
        report.status = reading.status.value
    if report.status == ReportStatus.DONE and reading.percent is None and report.percent is None:
        report.percent = 100
    proposed = reading.proposed_due or read_date(text, today)
    if report.status == ReportStatus.EXTENSION and proposed is not None:
        report.proposed_due = proposed
    report.edited_at = now
    task.updated_at = now
    await session.flush()
    connection = await session.connection()
    await connection.run_sync(retrack_obstacle, report, reading.obstacle, actor)
    await audit(
        session,
        actor,
        "edit",
        "progress_report",
        report.id,
        task=task.code,
        before=before,
        after={"text": text, "percent": report.percent, "status": report.status},
    )
    ref = TaskRef.of(task)
    extension, problem = await open_extension(session, report, ref, actor, now, today)
    return Recorded(report, ref, True, extension, problem)


async def attach_files(
    session: AsyncSession,
    report: ProgressReport,
    attachments: Iterable[Attachment],
    *,
    actor: str,
    now: datetime,
) -> ProgressReport:
    """Keep more evidence on a report (file ids already there are not added twice)."""
    known = {item.get("file_id") for item in report.attachments}
    added = [item for item in attachment_records(attachments) if item["file_id"] not in known]
    report.attachments = [*report.attachments, *added]
    report.edited_at = now
    await audit(session, actor, "attach", "progress_report", report.id, files=len(added))
    return report


async def latest_report(
    session: AsyncSession,
    *,
    unit_id: int,
    since: datetime,
    contact_id: int | None = None,
    task_id: int | None = None,
) -> ProgressReport | None:
    """The unit's (or one contact's) most recent report since a moment, optionally on one task."""
    query = (
        select(ProgressReport)
        .where(ProgressReport.unit_id == unit_id, ProgressReport.reported_at >= since)
        .order_by(ProgressReport.reported_at.desc(), ProgressReport.id.desc())
        .limit(1)
    )
    if contact_id is not None:
        query = query.where(ProgressReport.contact_id == contact_id)
    if task_id is not None:
        query = query.where(ProgressReport.task_id == task_id)
    return await session.scalar(query)


async def propose_due(
    session: AsyncSession,
    report: ProgressReport,
    proposed_due,
    *,
    actor: str,
    now: datetime,
    tz: tzinfo = DEFAULT_TZ,
) -> Recorded:
    """Give an extension report the date it lacked, opening the request."""
    task = await session.get_one(Task, report.task_id)
    report.status = ReportStatus.EXTENSION.value
    report.proposed_due = proposed_due
    task.updated_at = now
    today = now.astimezone(tz).date()
    ref = TaskRef.of(task)
    extension, problem = await open_extension(session, report, ref, actor, now, today)
    return Recorded(report, ref, True, extension, problem)
