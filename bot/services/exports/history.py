"""Every progress report up to a moment, for the spreadsheet's "Lịch sử báo cáo" sheet.

The reports are read by a Core statement on the session's connection, or for the .xlsx on one
of its own while the summary is built: plain rows of ids, no ORM objects, so that 100,000 of them
stay cheap. The committee scope does not reach a bare connection, so the statement applies the
session's scope itself; the names of plans, tasks and units come from small lookups through the
session, which the scope filters as every ORM query.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Connection, Select, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from bot.services.exports.common import as_utc
from db.engine import shared_by_connections
from db.models import Plan, ProgressReport, Task, Unit
from db.scope import session_scope

T = TypeVar("T")
# In the order of `History.reports`' fields: ids, then the report itself.
REPORT_COLUMNS = (
    ProgressReport.task_id, ProgressReport.unit_id, ProgressReport.reported_at,
    ProgressReport.text, ProgressReport.percent, ProgressReport.status, ProgressReport.source,
)  # fmt: skip


class HistoryRow(NamedTuple):
    """One report with the names it belongs to (a tuple: built ~5× faster than a dataclass)."""

    plan: str
    code: str
    title: str
    unit: str
    at: datetime
    text: str
    percent: int | None
    status: str | None
    source: str


@dataclass(frozen=True, slots=True)
class History:
    """Reports by task then time, as fetched, and the names their ids stand for."""

    # (task id, unit id, moment in UTC — naive or aware, text, percent, status, source)
    reports: Sequence[Sequence[Any]]
    tasks: dict[int, tuple[str, str, str]]  # task id → plan (number, else title), code, title
    units: dict[int, str]  # unit id → name

    def __len__(self) -> int:
        return len(self.reports)

    def __iter__(self) -> Iterator[HistoryRow]:
        """Each report with its names, its moment aware in UTC."""
        tasks, units = self.tasks, self.units
        for task_id, unit_id, at, text, percent, status, source in self.reports:
            yield HistoryRow(*tasks[task_id], units[unit_id], as_utc(at), text, percent, status,
                             source)  # fmt: skip


async def load_reports(
    session: AsyncSession,
    at: datetime,
    plan_id: int | None = None,
    since: datetime | None = None,
    *,
    unit_id: int | None = None,
    task_id: int | None = None,
) -> History:
    """Reports made up to `at` (from `since`; of one unit or task) in the session's scope."""
    query = _reports_query(session, at, plan_id, since, unit_id, task_id)
    reports = await (await session.connection()).run_sync(_plain_rows, query)
    return await _with_names(session, reports, plan_id, unit_id=unit_id, task_id=task_id)


async def load_reports_beside(
    session: AsyncSession, at: datetime, plan_id: int | None, work: Awaitable[T]
) -> tuple[T, History]:
    """`work` (on the session) and `load_reports(session, at, plan_id)`: the reports are read
    meanwhile on a connection of their own, so that the database works on them beside `work`
    (they see what is committed, as the session's reads do); one after the other on the session
    when it has no engine to open another connection from, or its database lives in its one
    connection (SQLite in memory)."""
    engine = session.bind
    if not isinstance(engine, AsyncEngine) or not shared_by_connections(engine.url):
        done = await work
        return done, await load_reports(session, at, plan_id)
    query = _reports_query(session, at, plan_id, None, None, None)

    async def fetch() -> Sequence[Sequence[Any]]:
        async with engine.connect() as connection:
            return await connection.run_sync(_plain_rows, query)

    async with asyncio.TaskGroup() as group:
        reports = group.create_task(fetch())
        done = await work
    return done, await _with_names(session, reports.result(), plan_id)


async def _with_names(
    session: AsyncSession,
    reports: Sequence[Sequence[Any]],
    plan_id: int | None = None,
    *,
    unit_id: int | None = None,
    task_id: int | None = None,
) -> History:
    """The reports with the names of their plans, tasks and units, looked up in the session's
    scope (the same limits as the reports' query)."""
    tasks = select(Task.id, func.coalesce(Plan.number, Plan.title), Task.code, Task.title).join(
        Plan, Plan.id == Task.plan_id
    )
    units = select(Unit.id, Unit.name)
    if plan_id is not None:
        tasks = tasks.where(Task.plan_id == plan_id)
    if task_id is not None:
        tasks = tasks.where(Task.id == task_id)
    if unit_id is not None:
        units = units.where(Unit.id == unit_id)
    return History(
        reports,
        {row[0]: row[1:] for row in await session.execute(tasks)},
        {unit: name for unit, name in await session.execute(units)},
    )


async def load_history(
    session: AsyncSession,
    at: datetime,
    plan_id: int | None = None,
    since: datetime | None = None,
    *,
    unit_id: int | None = None,
    task_id: int | None = None,
) -> list[HistoryRow]:
    """Reports made up to `at` (from `since`; of one unit or task) with their names."""
    return list(await load_reports(session, at, plan_id, since, unit_id=unit_id, task_id=task_id))


def _plain_rows(connection: Connection, query: Select) -> Sequence[Sequence[Any]]:
    """The reports' rows as the driver's own tuples: no SQLAlchemy row objects (≈ 0.1 s for
    100,000), so the moment's type does not parse SQLite's text either; it is parsed here."""
    # Inline values: the statement holds a moment and ids only, never user text.
    sql = str(query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        rows = cursor.fetchall()
    finally:
        cursor.close()
    if not rows or not isinstance(rows[0][2], str):
        return rows
    parse = datetime.fromisoformat  # naive UTC, as stored
    return [
        (task, unit, parse(at), text, percent, status, source)
        for task, unit, at, text, percent, status, source in rows
    ]


def _reports_query(
    session: AsyncSession,
    at: datetime,
    plan_id: int | None,
    since: datetime | None,
    unit_id: int | None,
    task_id: int | None,
) -> Select:
    """The reports' rows by plan, task and time; limited to the scope explicitly (Core)."""
    query = (
        select(*REPORT_COLUMNS)
        .join(Task, Task.id == ProgressReport.task_id)
        .where(ProgressReport.reported_at <= at)
        .order_by(Task.plan_id, Task.id, ProgressReport.reported_at, ProgressReport.id)
    )
    scope = session_scope(session)
    if scope is not None:
        query = (
            query.join(Plan, Plan.id == Task.plan_id)
            .join(Unit, Unit.id == ProgressReport.unit_id)
            .where(
                ProgressReport.committee_id.in_(scope.readable),
                Plan.committee_id.in_(scope.readable),
                Unit.committee_id.in_(scope.readable),
            )
        )
    if plan_id is not None:
        query = query.where(Task.plan_id == plan_id)
    if since is not None:
        query = query.where(ProgressReport.reported_at >= since)
    if unit_id is not None:
        query = query.where(ProgressReport.unit_id == unit_id)
    if task_id is not None:
        query = query.where(ProgressReport.task_id == task_id)
    return query
