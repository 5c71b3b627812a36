"""The committee's summary at a moment: statuses per task and lead unit, counts, who has not reported.

Read with five queries whatever the size (see `summary_queries` and `status.load_pair_facts`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import UnitKind
from bot.services.obstacles import OpenObstacle, open_obstacles
from bot.services.status import (
    NO_REPORTS,
    PairStatus,
    ReportView,
    Status,
    TaskFacts,
    combine,
    load_pair_facts,
    pair_status,
)
from bot.services.summary_queries import (
    PlanInfo,
    load_members,
    load_plans,
    load_tasks,
    load_units_with_contact,
)


@dataclass(frozen=True, slots=True)
class UnitLine:
    """One lead unit (or member of a lead group) on one task."""

    unit_id: int
    unit: str
    group_id: int | None
    group: str | None
    standing: PairStatus
    last_report: ReportView | None


@dataclass(frozen=True, slots=True)
class TaskLine:
    """One task in a summary with its lead units' standings."""

    task: TaskFacts
    lead_units: tuple[str, ...]
    units: tuple[UnitLine, ...]
    status: Status
    days_overdue: int
    last_report: ReportView | None

    @property
    def reported_count(self) -> int:
        """How many of its units have reported."""
        return sum(line.standing.reported for line in self.units)

    @property
    def done_count(self) -> int:
        """How many of its units have completed."""
        return sum(
            line.standing.status in (Status.DONE_ON_TIME, Status.DONE_LATE) for line in self.units
        )


@dataclass(frozen=True, slots=True)
class Summary:
    """Everything a summary, digest or export shows."""

    at: datetime
    plans: tuple[PlanInfo, ...]
    tasks: tuple[TaskLine, ...]
    unreachable_units: tuple[str, ...]
    obstacles: tuple[OpenObstacle, ...] = ()  # open at `at`, oldest first

    @property
    def counts(self) -> dict[str, int]:
        """Tasks per status, every status present."""
        counts = {status.value: 0 for status in Status}
        for line in self.tasks:
            counts[line.status.value] += 1
        return counts

    @property
    def response(self) -> tuple[int, int]:
        """(reported, expected) lead-unit reports of the current period."""
        owing = [u for line in self.tasks for u in line.units if u.standing.owes_report]
        return sum(u.standing.reported for u in owing), len(owing)

    @property
    def not_reported(self) -> list[tuple[str, list[str]]]:
        """Units that owe a report, with the codes of their tasks, by unit name."""
        return [
            (unit, [line.task.code for line in lines]) for unit, lines in self.not_reported_lines
        ]

    @property
    def not_reported_lines(self) -> list[tuple[str, list[TaskLine]]]:
        """Units that owe a report, with their tasks, by unit name."""
        owed: dict[str, list[TaskLine]] = defaultdict(list)
        for line in self.tasks:
            for unit in line.units:
                if unit.standing.owes_report and not unit.standing.reported:
                    owed[unit.unit].append(line)
        return sorted(owed.items(), key=lambda item: item[0])


def task_line(
    task: TaskFacts, lead_units: tuple[str, ...], units: tuple[UnitLine, ...], at, tz
) -> TaskLine:
    """A task's line from its units' lines (a task without lead units stands on its own)."""
    standings = [u.standing for u in units] or [pair_status(task, NO_REPORTS, at, tz)]
    status, days = combine(standings)
    reports = [u.last_report for u in units if u.last_report is not None]
    latest = max(reports, key=lambda r: r.at, default=None)
    return TaskLine(task, lead_units, units, status, days, latest)


async def build_summary(
    session: AsyncSession, at: datetime, tz: ZoneInfo, plan_id: int | None = None
) -> Summary:
    """The summary of one plan (or all plans) as of `at`."""
    plans = await load_plans(session, plan_id)
    tasks, leads = await load_tasks(session, plan_id)
    members = await load_members(session)
    facts = await load_pair_facts(session, at, plan_id)
    with_contact = await load_units_with_contact(session)
    lines = []
    for task in tasks:
        names = tuple(name for _id, name, _kind in leads[task.id])
        units = _unit_lines(task, leads[task.id], members, facts, at, tz)
        lines.append(task_line(task, names, units, at, tz))
    # Every unit that leads a task (a group: its members) and has no joined contact.
    unreachable = {u.unit for line in lines for u in line.units if u.unit_id not in with_contact}
    obstacles = await open_obstacles(session, at=at, plan_id=plan_id)
    return Summary(at, plans, tuple(lines), tuple(sorted(unreachable)), tuple(obstacles))


def _unit_lines(
    task: TaskFacts, leads, members, facts, at: datetime, tz: ZoneInfo
) -> tuple[UnitLine, ...]:
    """The task's lead units, a group with members standing for its members."""
    units: dict[int, UnitLine] = {}
    for lead_id, lead_name, kind in leads:
        expanded = members.get(lead_id) if kind == UnitKind.GROUP else None
        group: tuple[int | None, str | None] = (lead_id, lead_name) if expanded else (None, None)
        for unit_id, unit_name in expanded or [(lead_id, lead_name)]:
            if unit_id not in units:
                pair = facts.get((task.id, unit_id), NO_REPORTS)
                standing = pair_status(task, pair, at, tz)
                units[unit_id] = UnitLine(unit_id, unit_name, *group, standing, pair.latest)
    return tuple(units.values())


def only_overdue(summary: Summary) -> Summary:
    """The overdue tasks only."""
    return replace(summary, tasks=tuple(t for t in summary.tasks if t.status is Status.OVERDUE))


def only_task(summary: Summary, task_id: int) -> Summary:
    """One task only."""
    return replace(
        summary,
        tasks=tuple(t for t in summary.tasks if t.task.id == task_id),
        obstacles=tuple(o for o in summary.obstacles if o.task_id == task_id),
    )


def only_unit(summary: Summary, unit_id: int, tz: ZoneInfo) -> Summary:
    """One unit's part only (a group's: all its members'), task statuses counted on it alone."""
    lines = []
    for line in summary.tasks:
        units = tuple(u for u in line.units if unit_id in (u.unit_id, u.group_id))
        if units:
            lines.append(task_line(line.task, line.lead_units, units, summary.at, tz))
    pairs = {(line.task.id, u.unit_id) for line in lines for u in line.units}
    obstacles = tuple(o for o in summary.obstacles if (o.task_id, o.unit_id) in pairs)
    return replace(summary, tasks=tuple(lines), unreachable_units=(), obstacles=obstacles)


def summary_json(summary: Summary, tz: ZoneInfo) -> dict:
    """The `dondoc summary --json` shape."""

    def moment(value: datetime) -> str:
        return value.astimezone(tz).isoformat(timespec="seconds")

    def report(view: ReportView | None) -> dict | None:
        if view is None:
            return None
        return {
            "text": view.text,
            "percent": view.percent,
            "status": view.status,
            "at": moment(view.at),
        }

    return {
        "at": moment(summary.at),
        "counts": summary.counts,
        "tasks": [
            {
                "code": line.task.code,
                "title": line.task.title,
                "lead_units": list(line.lead_units),
                "due": line.task.due.isoformat() if line.task.due else None,
                "status": line.status.value,
                "days_overdue": line.days_overdue,
                "last_report": report(line.last_report),
            }
            for line in summary.tasks
        ],
        "not_reported": [{"unit": unit, "tasks": codes} for unit, codes in summary.not_reported],
        "obstacles": [
            {"task": o.task, "unit": o.unit, "text": o.text, "since": moment(o.since)}
            for o in summary.obstacles
        ],
    }
