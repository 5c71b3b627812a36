"""The level above's roll-up: per child committee, its implementing plans, task statuses, overdue
tasks, open obstacles and reporting rate, worst first.

Read in a fixed number of queries however many children there are: each child's standing is kept
in `committee_standings` (bot/services/standings.py) and recomputed only when its inputs moved,
all the stale ones in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.period_words import number_key
from bot.services.standings import PlanRef, Standing, fresh_standings, plan_refs
from bot.services.status import Status
from bot.services.summary import Summary, build_summary
from bot.unitnames import unit_key
from db.engine import Database
from db.models.committees import Committee
from db.scope import Scope, acting_for


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
    db: Database, committee_id: int, at: datetime, tz: ZoneInfo, plan_id: int | None = None
) -> RollUp | None:
    """The roll-up of the committee's children as of `at` (with `plan_id`: whether each has
    issued its plan implementing that one of the committee's plans); None when it has none."""
    with acting_for(Scope.of(committee_id)):
        async with db.reading() as session:
            children = await child_committees(session, committee_id)
            parent_plans = await plan_refs(session)
    if not children:
        return None
    standings = await fresh_standings(db, tuple(child.id for child in children), at, tz)
    own_plans = [p for p in parent_plans[committee_id] if plan_id in (None, p.id)]
    lines = [_child(child, own_plans, standings[child.id]) for child in children]
    lines.sort(key=_worst_first)
    return RollUp(at, tuple(own_plans), tuple(lines))


def _child(child: Committee, parent_plans: list[PlanRef], standing: Standing) -> ChildStanding:
    implementations = tuple(
        Implementation(parent_plan, _implementing(standing.plans, parent_plan))
        for parent_plan in parent_plans
    )
    return ChildStanding(
        committee_id=child.id,
        name=child.name,
        implementations=implementations,
        counts=standing.counts,
        obstacles=standing.obstacles,
        reported_units=standing.reported_units,
        units_with_tasks=standing.units_with_tasks,
    )


def _implementing(plans: tuple[PlanRef, ...], parent_plan: PlanRef) -> PlanRef | None:
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
