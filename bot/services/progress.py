"""Progress reports: who may report on what, and recording, editing and completing reports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

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
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot import metrics
from bot.domain import ReportStatus
from bot.messages import Attachment
from bot.reading import normalize_code, read_date, read_progress
from bot.services.audit import audit, write_audit
from bot.services.extensions import ExtensionError, pending_request_of, request_extension
from bot.services.queries import list_tasks
from bot.services.status import ReportView
from bot.texts import t
from db.models import Assignment, Contact, ExtensionRequest, ProgressReport, Task, Unit, UnitMember

DEFAULT_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


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


@dataclass(frozen=True)
class Recorded:
    """A stored report and what it led to."""

    report: ProgressReport | Row  # the row just inserted (read-only), or the report found
    task: TaskRef
    created: bool  # False when this chat message had been recorded before
    extension: ExtensionRequest | None = None
    extension_error: ExtensionError | None = None


def status_and_percent(report: ProgressReport | Row | ReportView, locale: str) -> str:
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
TASK_REF = (Task.id, Task.code, Task.title, Task.due, Task.closed_at)
TaskRef = Task | Row  # a task, or a `TASK_REF` row of it
_TASKS_OF_UNIT = select(*TASK_REF).where(reportable_by(UNIT_ID)).order_by(Task.plan_id, Task.id)
_INSERT_ONCE = {
    name: insert(ProgressReport)
    .on_conflict_do_nothing(index_elements=["channel", "chat_id", "message_id"])
    .returning(*ProgressReport.__table__.c)
    for name, insert in (("sqlite", sqlite.insert), ("postgresql", postgresql.insert))
}
_RECORDED_BEFORE = select(*ProgressReport.__table__.c).where(
    ProgressReport.channel == bindparam("channel"),
    ProgressReport.chat_id == bindparam("chat_id"),
    ProgressReport.message_id == bindparam("message_id"),
)
_TOUCH = update(Task).where(Task.id == bindparam("task_id")).values(updated_at=bindparam("at"))


async def may_report(session: AsyncSession, task_id: int, unit_id: int) -> bool:
    """Whether the unit (or a group it belongs to) is a lead or support unit of the task."""
    found = await session.scalar(_ASSIGNED, {"task_id": task_id, "unit_id": unit_id})
    return found is not None


def tasks_named(connection: Connection, unit_id: int, code: str) -> list[Row]:
    """The unit's tasks (see `tasks_of_unit`) whose normalized code is `code`, in plan order
    (rows of `TASK_REF`)."""
    rows = connection.execute(_TASKS_OF_UNIT, {"unit_id": unit_id})
    return [row for row in rows if normalize_code(row.code) == code]


async def find_report(
    session: AsyncSession, channel: str | None, chat_id: str | None, message_id: str | None
) -> ProgressReport | None:
    """The report a chat message recorded."""
    if channel is None or chat_id is None or message_id is None:
        return None
    return await session.scalar(
        select(ProgressReport).where(
            ProgressReport.channel == channel,
            ProgressReport.chat_id == chat_id,
            ProgressReport.message_id == message_id,
        )
    )


def attachment_records(attachments: Iterable[Attachment]) -> list[dict[str, Any]]:
    """Attachments as stored on a report: kind, file id, name, type, size."""
    return [
        {
            "kind": a.kind,
            "file_id": a.file_id,
            "file_name": a.file_name,
            "mime_type": a.mime_type,
            "size": a.size,
        }
        for a in attachments
    ]


def report_values(
    *,
    task: TaskRef,
    unit: Unit | UnitRef,
    text: str,
    contact: Contact | ContactRef | None = None,
    source: str = "chat",
    entered_by: str,
    channel: str | None = None,
    chat_id: str | None = None,
    message_id: str | None = None,
    attachments: Iterable[Attachment] = (),
    reported_at: datetime,
    status_override: ReportStatus | None = None,
    now: datetime | None = None,
    tz: tzinfo = DEFAULT_TZ,
) -> dict[str, Any]:
    """A new report's columns, with what its text says: percent, status, a proposed date.

    A text that says no status is kept unclassified (status None: "Chưa rõ tình trạng"); the
    reader never says "done" when it is unsure, so a guess never records a task as done.
    """
    day = reported_at.astimezone(tz).date()
    reading = read_progress(text, day).about(normalize_code(task.code))
    status = status_override or reading.status
    percent = 100 if status is ReportStatus.DONE and reading.percent is None else reading.percent
    return dict(
        task_id=task.id,
        unit_id=unit.id,
        contact_id=contact.id if contact else None,
        source=source,
        entered_by=entered_by,
        text=text,
        percent=percent,
        status=status.value if status else None,
        # an extension chosen with the button: the date its text gives is the proposal
        proposed_due=(reading.proposed_due or read_date(text, day))
        if status is ReportStatus.EXTENSION
        else None,
        attachments=attachment_records(attachments),
        channel=channel,
        chat_id=chat_id,
        message_id=message_id,
        reported_at=reported_at,
        created_at=now or reported_at,
    )


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
    """Store a report (`report_values`' arguments) once per chat message; an extension with a
    date opens a request.

    `authorized`: the caller has checked, in this transaction, that the unit may report on the task.
    """
    if contact is not None and contact.unit_id != unit.id:
        raise ReportRefused(f"contact {contact.id} does not belong to unit {unit.id}")
    if not authorized and not await may_report(session, task.id, unit.id):
        raise ReportRefused(f"unit {unit.id} is not assigned to task {task.id}")
    values = report_values(task=task, unit=unit, contact=contact, tz=tz, **report)
    connection = await session.connection()
    report_row, created = await connection.run_sync(store_report, values, task.code, unit.name)
    if not created:
        return Recorded(report_row, task, created=False)
    today = values["reported_at"].astimezone(tz).date()
    extension, problem = await _open_extension(
        session, report_row, task, values["entered_by"], values["created_at"], today
    )
    return Recorded(report_row, task, True, extension, problem)


def store_report(
    connection: Connection, values: dict[str, Any], code: str, unit: str
) -> tuple[Row, bool]:
    """Store a report once per chat message: (the row, True), or (the row its message stored
    before, False)."""
    report = _store(connection, values, code, unit)
    if report is not None:
        return report, True
    keys = {key: values[key] for key in ("channel", "chat_id", "message_id")}
    return connection.execute(_RECORDED_BEFORE, keys).one(), False


def _store(connection: Connection, values: dict[str, Any], code: str, unit: str) -> Row | None:
    """Insert a report once, mark its task changed (its reminders are replanned) and audit it;
    the stored row, or None when its chat message already has one. Plain statements in one
    `run_sync`: the ORM's unit of work costs more than the writes themselves.

    ON CONFLICT DO NOTHING also covers two workers storing the same message at once: the
    second waits for the first's commit (or takes the write lock after it) and inserts nothing.
    """
    report = connection.execute(_INSERT_ONCE[connection.dialect.name], values).first()
    if report is None:
        return None
    metrics.REPLIES.labels(report.status or "none").inc()
    connection.execute(_TOUCH, {"task_id": report.task_id, "at": report.created_at})
    write_audit(
        connection,
        report.entered_by,
        "report",
        "progress_report",
        report.id,
        task=code,
        unit=unit,
        percent=report.percent,
        status=report.status,
        source=report.source,
    )
    return report


async def _open_extension(
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
    extension, problem = await _open_extension(session, report, task, actor, now, today)
    return Recorded(report, task, True, extension, problem)


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
    extension, problem = await _open_extension(session, report, task, actor, now, today)
    return Recorded(report, task, True, extension, problem)
