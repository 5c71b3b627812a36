"""A PNG chart of statuses per lead unit: stacked horizontal bars with Vietnamese labels."""

from __future__ import annotations

import io
from collections import Counter
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.services.exports.common import as_of, status_label, vi
from bot.services.status import Status
from bot.services.summary import Summary

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

# DejaVu Sans ships with matplotlib and has every Vietnamese letter.
FONT: dict[RcKeyType, Any] = {"font.family": "DejaVu Sans", "font.size": 10}
COLORS = {
    Status.DONE_ON_TIME: "#2e7d32",
    Status.DONE_LATE: "#9ccc65",
    Status.IN_PROGRESS: "#1e88e5",
    Status.OVERDUE: "#e53935",
}
MAX_LABEL = 45
BAR_HEIGHT_INCHES = 0.32


def unit_counts(summary: Summary) -> list[tuple[str, Counter]]:
    """Each lead unit's number of tasks per status, most overdue first."""
    per_unit: dict[str, Counter] = {}
    for line in summary.tasks:
        for unit in line.units:
            per_unit.setdefault(unit.unit, Counter())[unit.standing.status] += 1
    return sorted(
        per_unit.items(),
        key=lambda item: (-item[1][Status.OVERDUE], -sum(item[1].values()), item[0]),
    )


def chart_figure(summary: Summary, tz: ZoneInfo) -> Figure:
    """The chart as a matplotlib figure (no pyplot: safe outside the main thread; drawn by Agg).

    User text (plan and unit names) is drawn with `parse_math=False`: a "$" is a dollar sign,
    never the start of mathtext.
    """
    rows = unit_counts(summary)
    height = max(3.0, 1.8 + BAR_HEIGHT_INCHES * len(rows))
    with rc_context(FONT):
        figure = Figure(figsize=(10, height), dpi=110, layout="constrained")
        axes = figure.add_subplot()
        figure.suptitle(_heading(summary), fontweight="bold", parse_math=False)
        axes.set_title(_subtitle(summary, tz), fontsize=9, parse_math=False)
        if not rows:
            axes.text(0.5, 0.5, vi("export.chart.empty"), ha="center", va="center")
            axes.set_axis_off()
            return figure
        labels = [_clip(name) for name, _counts in rows]
        positions = range(len(rows))
        left = [0] * len(rows)
        for status in (Status.OVERDUE, Status.IN_PROGRESS, Status.DONE_LATE, Status.DONE_ON_TIME):
            values = [counts[status] for _name, counts in rows]
            if not any(values):
                continue  # no empty legend entry
            axes.barh(
                positions, values, left=left, color=COLORS[status], label=status_label(status)
            )
            left = [a + b for a, b in zip(left, values, strict=True)]
        for position, total in zip(positions, left, strict=True):
            axes.annotate(str(total), (total, position), xytext=(3, 0),
                          textcoords="offset points", va="center", fontsize=9)  # fmt: skip
        axes.set_yticks(list(positions), labels, parse_math=False)
        axes.invert_yaxis()
        axes.set_xlabel(vi("export.chart.axis"))
        axes.set_xlim(0, max(left) * 1.08 + 0.5)
        locator = axes.xaxis.get_major_locator()
        if isinstance(locator, MaxNLocator):  # the default AutoLocator is one
            locator.set_params(integer=True)
        figure.legend(loc="outside lower center", ncols=4, fontsize=9, frameon=False)
        axes.grid(axis="x", alpha=0.3)
        return figure


def _heading(summary: Summary) -> str:
    """The title, naming the plan when the chart shows one."""
    if len(summary.plans) != 1:
        return vi("export.chart.title")
    plan = summary.plans[0]
    named = vi("export.xlsx.plan_number", number=plan.number) if plan.number else plan.title
    return vi("export.chart.title_plan", plan=named)


def _subtitle(summary: Summary, tz: ZoneInfo) -> str:
    """As of when, and the totals per status."""
    counts = summary.counts
    totals = vi("export.chart.totals", total=len(summary.tasks), **counts)
    return f"{vi('export.chart.subtitle', **as_of(summary.at, tz))} — {totals}"


def build_chart(summary: Summary, tz: ZoneInfo) -> bytes:
    """The chart as PNG bytes."""
    figure = chart_figure(summary, tz)
    buffer = io.BytesIO()
    with rc_context(FONT):
        FigureCanvasAgg(figure).print_png(buffer)
    return buffer.getvalue()


def _clip(name: str) -> str:
    return name if len(name) <= MAX_LABEL else name[: MAX_LABEL - 1].rstrip() + "…"
