"""The level above's roll-up: per child committee, its implementing plans, task statuses, overdue
tasks, open obstacles and reporting rate, worst first.

Read in a fixed number of queries however many children there are: the children's summary is
one `build_summary` under a scope that reads every child at once (`Scope(own=parent,
readable=children)`), grouped by committee here. The scope is widened for this read only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.period_words import number_key
from bot.services.status import Status
from bot.services.summary import Summary, build_summary
from bot.unitnames import unit_key
from db.engine import Database
from db.models import Plan
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
class Implementation:
    """Whether a child has issued its plan implementing one of the parent's plans."""

    parent_plan: PlanRef
    plan: PlanRef | None  # the child's implementing plan; None: not issued


@dataclass(frozen=True, slots=True)
class ChildStanding:
    """One child committee as its parent sees it."""

    committee_id: int
    name: str
    implementations: tuple[Implementation, ...]
    counts: dict[str, int]
    obstacles: int
    reported_units: int
    units_with_tasks: int

    @property
    def overdue(self) -> int:
        """Its overdue tasks."""
        return self.counts[Status.OVERDUE.value]

    @property
    def reporting_rate(self) -> float | None:
        """Units that reported (this period, for recurring tasks) over units with tasks."""
        return self.reported_units / self.units_with_tasks if self.units_with_tasks else None

    @property
    def missing_plans(self) -> tuple[PlanRef, ...]:
        """The parent's plans it has not issued a plan for."""
        return tuple(i.parent_plan for i in self.implementations if i.plan is None)


@dataclass(frozen=True, slots=True)
class RollUp:
    """The children of a committee, worst first (most overdue, then lowest reporting rate)."""

    at: datetime
    parent_plans: tuple[PlanRef, ...]
    children: tuple[ChildStanding, ...]


async def child_committees(session: AsyncSession, committee_id: int) -> list[Committee]:
    """The committees directly under `committee_id`, by name."""
    query = select(Committee).where(Committee.parent_id == committee_id).order_by(Committee.name)
    return list(await session.scalars(query))


async def committee_named(session: AsyncSession, name: str) -> Committee | None:
    """The committee whose name is exactly `name` (spelling and case aside)."""
    return await session.scalar(select(Committee).where(Committee.key == unit_key(name)))


async def child_summary(
    db: Database, parent_id: int, child_id: int, at: datetime, tz: ZoneInfo
) -> tuple[str, Summary] | None:
    """A child committee's own summary read by its parent (its name with it); None when
    `child_id` is not a child of `parent_id`."""
    with acting_for(Scope.of(parent_id)):
        async with db.reading() as session:
            child = await session.get(Committee, child_id)
    if child is None or child.parent_id != parent_id:
        return None
    with acting_for(Scope(own=parent_id, readable=(child_id,))):
        async with db.reading() as session:
            return child.name, await build_summary(session, at, tz)


async def build_rollup(
    db: Database, committee_id: int, at: datetime, tz: ZoneInfo
) -> RollUp | None:
    """The roll-up of the committee's children as of `at`; None when it has none."""
    with acting_for(Scope.of(committee_id)):
        async with db.reading() as session:
            children = await child_committees(session, committee_id)
            parent_plans = await _plan_refs(session)
    if not children:
        return None
    readable = tuple(child.id for child in children)
    with acting_for(Scope(own=committee_id, readable=readable)):
        async with db.reading() as session:
            summary = await build_summary(session, at, tz)
            child_plans = await _plan_refs(session)
    owners = {plan.id: owner for owner, plans in child_plans.items() for plan in plans}
    tallies = _tallies(summary, owners)
    own_plans = parent_plans[committee_id]
    lines = [
        _child(child, own_plans, child_plans[child.id], tallies[child.id]) for child in children
    ]
    lines.sort(key=_worst_first)
    return RollUp(at, tuple(own_plans), tuple(lines))


async def _plan_refs(session: AsyncSession) -> dict[int, list[PlanRef]]:
    """The readable committees' plans, by committee."""
    query = select(Plan.committee_id, Plan.id, Plan.number, Plan.title, Plan.implements)
    plans: dict[int, list[PlanRef]] = defaultdict(list)
    for committee_id, plan_id, number, title, implements in await session.execute(
        query.order_by(Plan.id)
    ):
        plans[committee_id].append(PlanRef(plan_id, number, title, implements))
    return plans


@dataclass
class _Tally:
    """What one child's tasks add up to."""

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


def _child(
    child: Committee, parent_plans: list[PlanRef], own_plans: list[PlanRef], tally: _Tally
) -> ChildStanding:
    implementations = tuple(
        Implementation(parent_plan, _implementing(own_plans, parent_plan))
        for parent_plan in parent_plans
    )
    return ChildStanding(
        committee_id=child.id,
        name=child.name,
        implementations=implementations,
        counts=tally.counts,
        obstacles=tally.obstacles,
        reported_units=len(tally.reported),
        units_with_tasks=len(tally.units),
    )


def _implementing(plans: list[PlanRef], parent_plan: PlanRef) -> PlanRef | None:
    """The first of `plans` that implements `parent_plan`."""
    wanted = parent_plan.keys
    return next((p for p in plans if p.implements and number_key(p.implements) in wanted), None)


def _worst_first(child: ChildStanding) -> tuple:
    rate = child.reporting_rate
    return (-child.overdue, 1.0 if rate is None else rate, child.name)


def rollup_json(rollup: RollUp) -> list[dict]:
    """The `committees` part of `dondoc summary --json`, worst first."""
    return [
        {
            "committee": child.name,
            "implementing_plans": [
                {
                    "parent_plan": item.parent_plan.label,
                    "issued": item.plan is not None,
                    "plan": item.plan.label if item.plan else None,
                }
                for item in child.implementations
            ],
            "counts": child.counts,
            "overdue": child.overdue,
            "open_obstacles": child.obstacles,
            "units_reported": child.reported_units,
            "units_with_tasks": child.units_with_tasks,
            "reporting_rate": (
                round(child.reporting_rate, 3) if child.reporting_rate is not None else None
            ),
        }
        for child in rollup.children
    ]
