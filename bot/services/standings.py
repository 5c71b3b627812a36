"""Each child committee's standing (task counts, obstacles, reporting, plans), kept in
`committee_standings` and recomputed only when its inputs moved or the day turned.

The statuses come from `build_summary` (bot/services/status.py stays their one source of truth),
run under a scope that reads only the committees being recomputed. Whether a kept standing still
holds is one query: a fingerprint per committee of what the statuses are read from as of the
moment asked (reports made by then, tasks and their edits, closings and reopenings by then,
plans and their edits, obstacles opened and closed by then, group members). Counts and largest ids rather than
"changed since" timestamps: they catch deletions too, and do not depend on which clock stamped
a row.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import case, distinct, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.period_words import number_key
from bot.services.status import Status, local_day
from bot.services.summary import Summary, build_summary
from db.engine import Database
from db.models import (
    CommitteeStanding,
    Obstacle,
    Plan,
    ProgressReport,
    Task,
    Unit,
    UnitMember,
)
from db.models.committees import Committee
from db.scope import Scope, acting_for


@dataclass(frozen=True, slots=True)
class PlanRef:
    """A plan as the roll-up names it: its number, else its title."""

    id: int
    number: str | None
    title: str
    implements: str | None

    @property
    def label(self) -> str:
        """Its number, else its title."""
        return self.number or self.title

    @property
    def keys(self) -> set[str]:
        """The document numbers a child's plan may name to implement it: its own, or the one it
        implements itself (a commune follows the province's notice the province's plan carries out)."""
        return {number_key(n) for n in (self.number, self.implements) if n}


@dataclass(frozen=True, slots=True)
class Standing:
    """What one committee's own tasks and plans add up to at a moment."""

    committee_id: int
    counts: dict[str, int]
    obstacles: int
    reported_units: int
    units_with_tasks: int
    plans: tuple[PlanRef, ...]


async def fresh_standings(
    db: Database, committee_ids: tuple[int, ...], now: datetime, tz: ZoneInfo
) -> dict[int, Standing]:
    """The committees' standings as of `now`: kept ones whose inputs have not moved since,
    the others recomputed (in one pass) and stored."""
    if not committee_ids:
        return {}
    with acting_for(_reading(committee_ids)):
        async with db.reading() as session:
            prints = await fingerprints(session, committee_ids, now)
            rows = await session.scalars(
                select(CommitteeStanding).where(CommitteeStanding.committee_id.in_(committee_ids))
            )
            day = local_day(now, tz)
            kept = {
                row.committee_id: _standing(row)
                for row in rows
                if row.as_of_day == day and row.fingerprint == prints[row.committee_id]
            }
    stale = tuple(c for c in committee_ids if c not in kept)
    if stale:
        computed = await compute_standings(db, stale, now, tz)
        await _store(db, computed.values(), now, tz, prints)
        kept |= computed
    return kept


async def compute_standings(
    db: Database, committee_ids: tuple[int, ...], at: datetime, tz: ZoneInfo
) -> dict[int, Standing]:
    """The committees' standings as of `at`, read through their summary in one pass."""
    with acting_for(_reading(committee_ids)):
        async with db.reading() as session:
            summary = await build_summary(session, at, tz)
            plans = await plan_refs(session)
    owners = {plan.id: owner for owner, refs in plans.items() for plan in refs}
    tallies = _tallies(summary, owners)
    return {
        committee_id: Standing(
            committee_id=committee_id,
            counts=tallies[committee_id].counts,
            obstacles=tallies[committee_id].obstacles,
            reported_units=len(tallies[committee_id].reported),
            units_with_tasks=len(tallies[committee_id].units),
            plans=tuple(plans[committee_id]),
        )
        for committee_id in committee_ids
    }


async def plan_refs(session: AsyncSession) -> dict[int, list[PlanRef]]:
    """The readable committees' plans, by committee."""
    query = select(Plan.committee_id, Plan.id, Plan.number, Plan.title, Plan.implements)
    plans: dict[int, list[PlanRef]] = defaultdict(list)
    for committee_id, plan_id, number, title, implements in await session.execute(
        query.order_by(Plan.id)
    ):
        plans[committee_id].append(PlanRef(plan_id, number, title, implements))
    return plans


async def refresh_all_standings(db: Database, now: datetime, tz: ZoneInfo) -> int:
    """Bring every child committee's standing up to `now` (the scheduled refresh); how many
    committees have a parent."""
    async with db.reading() as session:
        children = tuple(
            await session.scalars(select(Committee.id).where(Committee.parent_id.is_not(None)))
        )
    await fresh_standings(db, children, now, tz)
    return len(children)


async def fingerprints(
    session: AsyncSession, committee_ids: tuple[int, ...], at: datetime
) -> dict[int, str]:
    """Per committee, what its statuses as of `at` are read from, summed up — one query.

    Run under a scope reading exactly `committee_ids`.
    """
    reports = (
        select(
            ProgressReport.committee_id.label("committee_id"),
            func.count(ProgressReport.id).label("reports"),
            func.max(ProgressReport.id).label("last_report"),
        )
        .where(ProgressReport.reported_at <= at)
        .group_by(ProgressReport.committee_id)
        .subquery("reports")
    )
    tasks = (
        select(
            Plan.committee_id.label("committee_id"),
            func.count(distinct(Plan.id)).label("plans"),
            func.max(Plan.id).label("last_plan"),
            func.max(Plan.updated_at).label("last_plan_edit"),
            func.count(Task.id).label("tasks"),
            func.max(Task.updated_at).label("last_edit"),
            func.sum(case((Task.closed_at <= at, 1), else_=0)).label("closed"),
            func.sum(case((Task.reopened_at <= at, 1), else_=0)).label("reopened"),
        )
        .outerjoin(Task, Task.plan_id == Plan.id)
        .group_by(Plan.committee_id)
        .subquery("tasks")
    )
    obstacles = (
        select(
            Plan.committee_id.label("committee_id"),
            func.max(Obstacle.id).label("last_obstacle"),
            func.sum(case((Obstacle.opened_at <= at, 1), else_=0)).label("opened"),
            func.sum(case((Obstacle.closed_at <= at, 1), else_=0)).label("closed_obstacles"),
        )
        .join(Task, Task.id == Obstacle.task_id)
        .join(Plan, Plan.id == Task.plan_id)
        .group_by(Plan.committee_id)
        .subquery("obstacles")
    )
    members = (
        select(
            Unit.committee_id.label("committee_id"),
            func.count(UnitMember.member_id).label("members"),
            func.sum(UnitMember.member_id).label("member_ids"),
        )
        .join(Unit, Unit.id == UnitMember.group_id)
        .group_by(Unit.committee_id)
        .subquery("members")
    )
    parts = [reports, tasks, obstacles, members]
    columns = [column for part in parts for column in part.c if column.name != "committee_id"]
    query = select(Committee.id, *columns).where(Committee.id.in_(committee_ids))
    for part in parts:
        query = query.outerjoin(part, part.c.committee_id == Committee.id)
    return {
        committee_id: json.dumps(values, default=str)
        for committee_id, *values in await session.execute(query)
    }


def _reading(committee_ids: tuple[int, ...]) -> Scope:
    """A scope that reads exactly these committees (it adds nothing)."""
    return Scope(own=committee_ids[0], readable=committee_ids)


async def _store(
    db: Database, standings: Iterable[Standing], at: datetime, tz: ZoneInfo, prints: dict[int, str]
) -> None:
    """Upsert the standings, each with the fingerprint its inputs had before it was computed
    (a change made meanwhile leaves it stale, never wrongly fresh); one kept for a later moment
    stays (a period's summary reads an earlier one)."""
    day = local_day(at, tz)
    rows = [
        {
            "committee_id": s.committee_id,
            "computed_at": at,
            "as_of_day": day,
            "fingerprint": prints[s.committee_id],
            "counts": s.counts,
            "overdue": s.counts[Status.OVERDUE.value],
            "obstacles": s.obstacles,
            "reported_units": s.reported_units,
            "units_with_tasks": s.units_with_tasks,
            "plans": [asdict(plan) for plan in s.plans],
        }
        for s in standings
    ]
    async with db.transaction() as session:
        dialect = session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        statement = insert(CommitteeStanding)
        updated = {key: statement.excluded[key] for key in rows[0] if key != "committee_id"}
        later_kept = CommitteeStanding.computed_at > statement.excluded.computed_at
        upsert = statement.on_conflict_do_update(
            index_elements=["committee_id"], set_=updated, where=~later_kept
        )
        await session.execute(upsert, rows)


def _standing(row: CommitteeStanding) -> Standing:
    return Standing(
        committee_id=row.committee_id,
        counts={status.value: row.counts[status.value] for status in Status},
        obstacles=row.obstacles,
        reported_units=row.reported_units,
        units_with_tasks=row.units_with_tasks,
        plans=tuple(PlanRef(**plan) for plan in row.plans),
    )


@dataclass
class _Tally:
    """What one committee's tasks add up to."""

    counts: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in Status})
    obstacles: int = 0
    units: set[int] = field(default_factory=set)
    reported: set[int] = field(default_factory=set)


def _tallies(summary: Summary, owner_of_plan: dict[int, int]) -> dict[int, _Tally]:
    """Statuses, units and obstacles of the summary's tasks, by the committee owning each task."""
    tallies: dict[int, _Tally] = defaultdict(_Tally)
    owner_of_task = {}
    for line in summary.tasks:
        owner = owner_of_plan[line.task.plan_id]
        owner_of_task[line.task.id] = owner
        tally = tallies[owner]
        tally.counts[line.status.value] += 1
        for unit in line.units:
            tally.units.add(unit.unit_id)
            if unit.standing.reported:
                tally.reported.add(unit.unit_id)
    for obstacle in summary.obstacles:
        tallies[owner_of_task[obstacle.task_id]].obstacles += 1
    return tallies
