"""The roll-up as a section of the summary's chat text: one block per child committee."""

from __future__ import annotations

import html

from bot.services.rollup import ChildStanding, RollUp
from bot.services.summary_text import MAX_NAME, Block, clip
from bot.texts import t


def rollup_blocks(rollup: RollUp, locale: str) -> list[Block]:
    """One block per child, worst first, under one heading."""
    title = t("rollup.section", locale, count=len(rollup.children))
    heading = t("summary.section.heading", locale, title=title)
    blocks = [Block(heading, child_text(child, locale), "\n\n") for child in rollup.children]
    if blocks:
        blocks.append(Block(heading, f"<i>{t('rollup.drill', locale)}</i>", "\n\n"))
    return blocks


def child_text(child: ChildStanding, locale: str) -> str:
    """A child's standing: overdue, reporting, obstacles; its counts; its implementing plans."""
    rate = child.reporting_rate
    percent = t("rollup.percent", locale, percent=round(rate * 100)) if rate is not None else ""
    lines = [
        t(
            "rollup.child",
            locale,
            name=_escaped(clip(child.name, MAX_NAME)),
            overdue=child.overdue,
            reported=child.reported_units,
            units=child.units_with_tasks,
            percent=percent,
            obstacles=child.obstacles,
        ),
        " · ".join(
            t("rollup.count", locale, label=t(f"summary.status.{status}", locale), count=count)
            for status, count in child.counts.items()
        ),
    ]
    for item in child.implementations:
        parent = _escaped(clip(item.parent_plan.label, MAX_NAME))
        if item.plan is None:
            lines.append(t("rollup.missing", locale, parent=parent))
        else:
            plan = _escaped(clip(item.plan.label, MAX_NAME))
            lines.append(t("rollup.issued", locale, parent=parent, plan=plan))
    return "\n".join(lines)


def _escaped(value: str) -> str:
    return html.escape(value, quote=False)
