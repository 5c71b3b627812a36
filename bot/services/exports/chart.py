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
    """The chart as a matplotlib figure (no pyplot: safe outside the main thread; drawn by Agg)."""
    rows = unit_counts(summary)
    height = max(3.0, 1.8 + BAR_HEIGHT_INCHES * len(rows))
    with rc_context(FONT):
        figure = Figure(figsize=(10, height), dpi=110, layout="constrained")
        axes = figure.add_subplot()
        figure.suptitle(vi("export.chart.title"), fontweight="bold")
        axes.set_title(vi("export.chart.subtitle", **as_of(summary.at, tz)), fontsize=9)
        if not rows:
            axes.text(0.5, 0.5, vi("export.chart.empty"), ha="center", va="center")
            axes.set_axis_off()
            return figure
        labels = [_clip(name) for name, _counts in rows]
        positions = range(len(rows))
        left = [0] * len(rows)
        for status in (Status.OVERDUE, Status.IN_PROGRESS, Status.DONE_LATE, Status.DONE_ON_TIME):
            values = [counts[status] for _name, counts in rows]
            axes.barh(
                positions, values, left=left, color=COLORS[status], label=status_label(status)
            )
            left = [a + b for a, b in zip(left, values, strict=True)]
        axes.set_yticks(list(positions), labels)
        axes.invert_yaxis()
        axes.set_xlabel(vi("export.chart.axis"))
        locator = axes.xaxis.get_major_locator()
        if isinstance(locator, MaxNLocator):  # the default AutoLocator is one
            locator.set_params(integer=True)
        figure.legend(loc="outside lower center", ncols=4, fontsize=9, frameon=False)
        axes.grid(axis="x", alpha=0.3)
        return figure


def build_chart(summary: Summary, tz: ZoneInfo) -> bytes:
    """The chart as PNG bytes."""
    figure = chart_figure(summary, tz)
    buffer = io.BytesIO()
    with rc_context(FONT):
        FigureCanvasAgg(figure).print_png(buffer)
    return buffer.getvalue()


def _clip(name: str) -> str:
    return name if len(name) <= MAX_LABEL else name[: MAX_LABEL - 1].rstrip() + "…"
