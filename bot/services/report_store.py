"""A report about to be stored (a frozen value read from its text), and storing it once per message."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Row, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite

from bot import metrics
from bot.domain import ReportStatus
from bot.messages import Attachment
from bot.reading import normalize_code, read_date, read_progress
from bot.services.audit import write_audit
from bot.services.obstacles import track_obstacle
from db.models import ProgressReport, Task, Unit

DEFAULT_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
_COLUMNS = {column.name for column in ProgressReport.__table__.c}


@dataclass(frozen=True, slots=True)
class NewReport:
    """A report's columns as its text reads, plus the unit's words about an obstacle."""

    task_id: int
    unit_id: int
    contact_id: int | None
    source: str
    entered_by: str
    text: str
    percent: int | None
    status: str | None
    proposed_due: date | None
    attachments: tuple[dict[str, Any], ...]
    channel: str | None
    chat_id: str | None
    message_id: str | None
    reported_at: datetime
    created_at: datetime
    obstacle: str | None = None  # what holds the work up, in the unit's words
    unsure: bool = False  # the reader was not sure: the sender is asked before it counts

    def columns(self) -> dict[str, Any]:
        """The values of the `progress_reports` row."""
        values = {f.name: getattr(self, f.name) for f in fields(self) if f.name in _COLUMNS}
        values["attachments"] = list(self.attachments)
        return values


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


def new_report(
    *,
    task,
    unit,
    text: str,
    contact=None,
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
    unclassified_when_unsure: bool = False,
) -> NewReport:
    """What `text` says about `task`: percent, status, a proposed date, an obstacle.

    A text that says no status is kept unclassified (status None: "Chưa rõ tình trạng"); the
    reader never says "done" when it is unsure. `unclassified_when_unsure`: the sender will be
    asked, so an unsure status is not stored meanwhile.
    """
    day = reported_at.astimezone(tz).date()
    reading = read_progress(text, day).about(normalize_code(task.code))
    unsure = status_override is None and not reading.confident
    status = status_override or reading.status
    if unsure and unclassified_when_unsure:
        status = None
    percent = 100 if status is ReportStatus.DONE and reading.percent is None else reading.percent
    return NewReport(
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
        attachments=tuple(attachment_records(attachments)),
        channel=channel,
        chat_id=chat_id,
        message_id=message_id,
        reported_at=reported_at,
        created_at=now or reported_at,
        obstacle=reading.obstacle,
        unsure=unsure,
    )


# Statements of the reporting path, built once (SQLAlchemy then reuses their compiled SQL).
_KEY = ["channel", "chat_id", "message_id", "task_id"]
_OWNING_COMMITTEE = (
    select(Unit.committee_id).where(Unit.id == bindparam("owning_unit")).scalar_subquery()
)
_INSERT_ONCE = {
    name: insert(ProgressReport)
    .values(committee_id=_OWNING_COMMITTEE)  # a report belongs where its unit does
    .on_conflict_do_nothing(index_elements=_KEY)
    .returning(*ProgressReport.__table__.c)
    for name, insert in (("sqlite", sqlite.insert), ("postgresql", postgresql.insert))
}
_RECORDED_BEFORE = ProgressReport.__table__.select().where(
    *(getattr(ProgressReport, key) == bindparam(key) for key in _KEY)
)
_TOUCH = update(Task).where(Task.id == bindparam("task_id")).values(updated_at=bindparam("at"))


def store_report(
    connection: Connection,
    report: NewReport,
    code: str,
    unit: str,
    *,
    committee_id: int | None,
    obstructed: bool = True,
) -> tuple[Row, bool]:
    """Store a report once per chat message and task: (the row, True), or (the row that message
    stored before, False); audited in `committee_id`'s log. `obstructed` False: the unit is
    known to have no open obstacle on it."""
    row = _store(connection, report, code, unit, committee_id, obstructed)
    if row is not None:
        return row, True
    keys = {key: getattr(report, key) for key in _KEY}
    return connection.execute(_RECORDED_BEFORE, keys).one(), False


def _store(
    connection: Connection,
    report: NewReport,
    code: str,
    unit: str,
    committee_id: int | None,
    obstructed: bool,
) -> Row | None:
    """Insert a report once, mark its task changed (its reminders are replanned), keep track of
    its obstacle and audit it; None when its chat message already has one. Plain statements in
    one `run_sync`: the ORM's unit of work costs more than the writes themselves.

    ON CONFLICT DO NOTHING also covers two workers storing the same message at once: the
    second waits for the first's commit (or takes the write lock after it) and inserts nothing.
    """
    values = report.columns() | {"owning_unit": report.unit_id}
    row = connection.execute(_INSERT_ONCE[connection.dialect.name], values).first()
    if row is None:
        return None
    metrics.REPLIES.labels(row.status or "none").inc()
    connection.execute(_TOUCH, {"task_id": row.task_id, "at": row.created_at})
    track_obstacle(connection, row, report.obstacle, obstructed=obstructed)
    write_audit(
        connection,
        row.entered_by,
        "report",
        "progress_report",
        row.id,
        committee_id=committee_id,
        task=code,
        unit=unit,
        percent=row.percent,
        status=row.status,
        source=row.source,
    )
    return row
