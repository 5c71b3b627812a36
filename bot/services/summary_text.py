"""A summary as chat text: headline, overdue first, units not reported, then the rest — in pages.

Every page fits the channel's limit: long fields are clipped so that one task never
outgrows a page, and a section that runs over is continued on the next page.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time
from zoneinfo import ZoneInfo

from bot.services.obstacles import OpenObstacle
from bot.services.status import DONE, Status
from bot.services.summary import Summary, TaskLine
from bot.texts import t

MAX_TITLE = 160
MAX_REPORT = 200
MAX_NAME = 80
MAX_NAMES = 8
FOOTER_ROOM = 40
TASK_SECTIONS = {"summary.section.overdue", "summary.section.in_progress", "summary.section.done"}


@dataclass(frozen=True, slots=True)
class Block:
    """One item of a section; `heading` is repeated when the section goes on to a new page."""

    heading: str
    text: str
    gap: str = "\n"  # what separates it from the item before it


class Renderer:
    """Renders one summary in one language."""

    def __init__(self, summary: Summary, locale: str, tz: ZoneInfo):
        self.summary = summary
        self.locale = locale
        self.tz = tz
        self.plan_numbers = {p.id: p.number or str(p.id) for p in summary.plans}

    def text(self, key: str, **values: object) -> str:
        """A catalogue text with its string values HTML-escaped."""
        safe = {
            k: html.escape(v, quote=False) if isinstance(v, str) else v for k, v in values.items()
        }
        return t(key, self.locale, **safe)

    def date(self, day) -> str:
        return day.strftime("%d/%m/%Y")

    def headline(self, title: str, scope: str | None) -> str:
        """Title, plan, moment, scope, counts per status and the response rate."""
        summary = self.summary
        lines = [title]
        if len(summary.plans) == 1:
            plan = summary.plans[0]
            key = "summary.plan_one" if plan.number else "summary.plan_untitled"
            lines.append(
                self.text(key, number=plan.number or "", title=clip(plan.title, MAX_TITLE))
            )
        elif summary.plans:
            lines.append(self.text("summary.plan_many", count=len(summary.plans)))
        local = summary.at.astimezone(self.tz)
        if local.time() >= time(23, 59, 59):
            lines.append(self.text("summary.as_of_day", date=self.date(local)))
        else:
            lines.append(
                self.text("summary.as_of", time=local.strftime("%H:%M"), date=self.date(local))
            )
        if scope:
            lines.append(scope)
        lines += ["", self.text("summary.total", total=len(summary.tasks))]
        for status, count in summary.counts.items():
            label = self.text(f"summary.status.{status}")
            lines.append(self.text("summary.count", label=label, count=count))
        reported, expected = summary.response
        if expected:
            percent = round(100 * reported / expected)
            lines.append(
                self.text("summary.response", reported=reported, expected=expected, percent=percent)
            )
        else:
            lines.append(self.text("summary.response_none"))
        return "\n".join(lines)

    def blocks(self) -> list[Block]:
        """The sections in the order leaders read them."""
        summary = self.summary
        overdue = sorted(
            (line for line in summary.tasks if line.status is Status.OVERDUE),
            key=lambda line: -line.days_overdue,
        )
        in_progress = [line for line in summary.tasks if line.status is Status.IN_PROGRESS]
        done = [line for line in summary.tasks if line.status in DONE]
        missing = [
            self.text(
                "summary.unit_tasks",
                unit=clip(unit, MAX_NAME),
                codes=", ".join(self.code(line.task) for line in lines),
            )
            for unit, lines in summary.not_reported_lines
        ]
        unreachable = [
            self.text("summary.unit", unit=clip(u, MAX_NAME)) for u in summary.unreachable_units
        ]
        sections = [
            ("summary.section.overdue", [self.task(line) for line in overdue]),
            ("summary.section.obstacles", [self.obstacle(o) for o in summary.obstacles]),
            ("summary.section.not_reported", missing),
            ("summary.section.unreachable", unreachable),
            ("summary.section.in_progress", [self.task(line) for line in in_progress]),
            ("summary.section.done", [self.task(line) for line in done]),
        ]
        blocks = []
        for key, items in sections:
            if not items:
                continue
            # Sections are not numbered: "III." would read like the task codes below it.
            heading = self.text("summary.section.heading", title=self.text(key, count=len(items)))
            gap = "\n\n" if key in TASK_SECTIONS else "\n"
            blocks += [Block(heading, item, gap) for item in items]
        return blocks

    def obstacle(self, obstacle: OpenObstacle) -> str:
        """One open obstacle: task, unit, since when, the unit's words, a leader's direction."""
        since = self.date(obstacle.since.astimezone(self.tz))
        lines = [
            self.text(
                "summary.obstacle",
                code=obstacle.task,
                unit=clip(obstacle.unit, MAX_NAME),
                date=since,
                text=clip(obstacle.text, MAX_REPORT),
            )
        ]
        if obstacle.direction:
            lines.append(
                self.text("summary.obstacle_direction", text=clip(obstacle.direction, MAX_REPORT))
            )
        return "\n".join(lines)

    def task(self, line: TaskLine) -> str:
        """One task: code and title, lead units and deadline, units' reporting, latest report."""
        task = line.task
        lines = [
            self.text("summary.item.head", code=self.code(task), title=clip(task.title, MAX_TITLE))
        ]
        lines.append(" · ".join(self.facts(line)))
        if len(line.units) > 1:
            lines.append(
                self.text(
                    "summary.item.group",
                    reported=line.reported_count,
                    total=len(line.units),
                    done=line.done_count,
                )
            )
            missing = [
                u.unit
                for u in line.units
                if not u.standing.reported and u.standing.status not in DONE
            ]
            if missing and line.status not in DONE:
                lines.append(self.text("summary.item.group_missing", units=self.names(missing)))
        report = line.last_report
        if report is None:
            lines.append(self.text("summary.item.no_report"))
        else:
            when = self.date(report.at.astimezone(self.tz))
            text = self.text("summary.item.report", date=when, text=clip(report.text, MAX_REPORT))
            if report.percent is not None:
                text += self.text("summary.item.percent", percent=report.percent)
            if report.status:
                text += self.text(
                    "summary.item.report_status", status=self.text(f"status.{report.status}")
                )
            lines.append(text)
        return "\n".join(lines)

    def code(self, task) -> str:
        """The task's code, with its plan's number when several plans are shown."""
        if len(self.plan_numbers) > 1:
            return f"{task.code} ({self.plan_numbers[task.plan_id]})"
        return task.code

    def facts(self, line: TaskLine) -> list[str]:
        """Lead units, deadline or cadence, and how late or whether reported this period."""
        task = line.task
        leads = clip("; ".join(line.lead_units), 2 * MAX_NAME)
        facts = [
            self.text("summary.item.leads", units=leads)
            if leads
            else self.text("summary.item.no_leads")
        ]
        if task.due:
            facts.append(self.text("summary.item.due", date=self.date(task.due)))
        if task.recurrence:
            facts.append(self.text(f"summary.recurrence.{task.recurrence}"))
        if line.status is Status.OVERDUE:
            facts.append(self.text("summary.item.overdue", days=line.days_overdue))
        elif line.status in DONE:
            facts.append(self.text(f"summary.item.{line.status.value}"))
        elif task.recurrence and len(line.units) == 1:
            reported = line.units[0].standing.reported
            facts.append(
                self.text(
                    "summary.item.period_reported" if reported else "summary.item.period_missing"
                )
            )
        return facts

    def names(self, names: list[str]) -> str:
        """Some unit names and how many more (already escaped)."""
        shown = "; ".join(  # unit names may hold commas ("UBND các xã, thị trấn")
            html.escape(clip(name, MAX_NAME), quote=False) for name in names[:MAX_NAMES]
        )
        if len(names) > MAX_NAMES:
            shown += " " + self.text("summary.item.more", count=len(names) - MAX_NAMES)
        return shown


def render_pages(
    summary: Summary,
    *,
    locale: str,
    tz: ZoneInfo,
    limit: int,
    title: str | None = None,
    scope: str | None = None,
    more: Sequence[Block] = (),
) -> list[str]:
    """The summary as chat messages of at most `limit` characters, numbered when more than one;
    `more` sections (the committees under this one) follow its own."""
    renderer = Renderer(summary, locale, tz)
    headline = renderer.headline(title or renderer.text("summary.title"), scope)
    blocks = [*renderer.blocks(), *more]
    if not summary.tasks:
        headline += "\n\n" + renderer.text("summary.empty")
    pages = paginate(headline, blocks, limit - FOOTER_ROOM, renderer.text("summary.continued"))
    if len(pages) == 1:
        return pages
    return [
        page + "\n\n" + renderer.text("summary.page", page=number, pages=len(pages))
        for number, page in enumerate(pages, 1)
    ]


def paginate(headline: str, blocks: list[Block], budget: int, continued: str) -> list[str]:
    """Pack blocks into pages of at most `budget` characters, repeating a split section's heading."""
    pages: list[str] = []
    page, heading = headline, None
    for block in blocks:
        same_section = block.heading == heading
        piece = block.gap + block.text if same_section else f"\n\n{block.heading}\n{block.text}"
        if len(page) + len(piece) > budget:
            pages.append(page)
            lead = f"{block.heading} {continued}" if same_section else block.heading
            page, piece = lead, "\n" + block.text
        page += piece
        heading = block.heading
    pages.append(page)
    return pages


def clip(value: str, limit: int) -> str:
    """`value` on one line, at most `limit` characters, cut at a word with "…"."""
    value = " ".join(value.split())
    if len(value) <= limit:
        return value
    cut = value.rfind(" ", 0, limit)
    return value[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:.-–") + "…"


def plain(page: str) -> str:
    """A page without its HTML markup, for a terminal."""
    for tag in ("<b>", "</b>", "<i>", "</i>", "<code>", "</code>"):
        page = page.replace(tag, "")
    return html.unescape(page)
