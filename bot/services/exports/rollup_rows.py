"""The roll-up as rows of a table: one line per child committee, worst first, for the reports."""

from __future__ import annotations

from bot.services.exports.common import vi
from bot.services.rollup import ChildStanding, RollUp
from bot.services.status import DONE, Status

COLUMNS = (
    "number", "committee", "plans", "tasks", "done", "in_progress", "overdue", "obstacles",
    "reporting",
)  # fmt: skip


def rollup_header() -> list[str]:
    """The column titles."""
    return [vi(f"export.rollup.col.{name}") for name in COLUMNS]


def rollup_rows(rollup: RollUp) -> list[list[str | int]]:
    """Each child's line, in the roll-up's order (most overdue first); counts as numbers."""
    return [_row(number, child) for number, child in enumerate(rollup.children, 1)]


def _row(number: int, child: ChildStanding) -> list[str | int]:
    counts = child.counts
    return [
        number,
        child.name,
        _plans(child),
        sum(counts.values()),
        sum(counts[status.value] for status in DONE),
        counts[Status.IN_PROGRESS.value],
        child.overdue,
        child.obstacles,
        _reporting(child),
    ]


def _plans(child: ChildStanding) -> str:
    issued = [item.plan.label for item in child.implementations if item.plan is not None]
    missing = [plan.label for plan in child.missing_plans]
    parts = []
    if issued:
        parts.append(vi("export.rollup.issued", plans="; ".join(issued)))
    if missing:
        parts.append(vi("export.rollup.missing", parents="; ".join(missing)))
    return "; ".join(parts) or vi("export.rollup.none")


def _reporting(child: ChildStanding) -> str:
    rate = child.reporting_rate
    percent = f" ({round(rate * 100)}%)" if rate is not None else ""
    return vi(
        "export.rollup.reporting",
        reported=child.reported_units,
        units=child.units_with_tasks,
        percent=percent,
    )
