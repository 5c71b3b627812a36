"""*Thay đổi từ kỳ trước*: what changed since the last digest — completed, newly overdue, new obstacles."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import ReportStatus
from bot.services.status import DONE, Status
from bot.services.summary import Summary, TaskLine, build_summary
from bot.services.summary_text import clip
from bot.texts import t
from db.models import DigestSend, ProgressReport, Task, Unit

SENT = "sent"


@dataclass(frozen=True, slots=True)
class Changes:
    """Tasks completed and newly overdue since `since`, and obstacles reported since."""

    since: datetime
    completed: tuple[TaskLine, ...]
    newly_overdue: tuple[TaskLine, ...]
    obstacles: tuple[tuple[str, str, str], ...]  # (task code, unit, text)

    @property
    def empty(self) -> bool:
        """Nothing changed."""
        return not (self.completed or self.newly_overdue or self.obstacles)


async def last_digest_at(session: AsyncSession, kind: str, before: datetime) -> datetime | None:
    """When the last digest of this kind ("weekly", "monthly") went out before `before`."""
    query = select(func.max(DigestSend.sent_at)).where(
        DigestSend.kind == kind, DigestSend.state == SENT, DigestSend.sent_at < before
    )
    return await session.scalar(query)


async def changes_since(
    session: AsyncSession, since: datetime, current: Summary, tz: ZoneInfo, plan_id: int | None
) -> Changes:
    """Compare the plan at `since` with `current` (six queries)."""
    previous = await build_summary(session, since, tz, plan_id)
    before = {line.task.id: line.status for line in previous.tasks}
    completed = tuple(
        line
        for line in current.tasks
        if line.status in DONE and before.get(line.task.id) not in DONE
    )
    newly_overdue = tuple(
        line
        for line in current.tasks
        if line.status is Status.OVERDUE and before.get(line.task.id) is not Status.OVERDUE
    )
    query = (
        select(Task.code, Unit.name, ProgressReport.text)
        .join(Task, Task.id == ProgressReport.task_id)
        .join(Unit, Unit.id == ProgressReport.unit_id)
        .where(ProgressReport.status == ReportStatus.BLOCKED.value)
        .where(ProgressReport.reported_at > since, ProgressReport.reported_at <= current.at)
        .order_by(ProgressReport.reported_at)
    )
    if plan_id is not None:
        query = query.where(Task.plan_id == plan_id)
    obstacles = tuple((code, unit, text) for code, unit, text in await session.execute(query))
    return Changes(since, completed, newly_overdue, obstacles)


def changes_text(changes: Changes, locale: str, tz: ZoneInfo) -> str:
    """The digest's *Thay đổi từ kỳ trước* block (HTML, user text escaped)."""

    def codes(lines: tuple[TaskLine, ...]) -> str:
        return html.escape(", ".join(line.task.code for line in lines), quote=False)

    since = changes.since.astimezone(tz).strftime("%d/%m/%Y")
    lines = [t("summary.changes.title", locale, date=since)]
    if changes.empty:
        return "\n".join([*lines, t("summary.changes.none", locale)])
    if changes.completed:
        lines.append(t("summary.changes.completed", locale, count=len(changes.completed),
                       codes=codes(changes.completed)))  # fmt: skip
    if changes.newly_overdue:
        lines.append(t("summary.changes.overdue", locale, count=len(changes.newly_overdue),
                       codes=codes(changes.newly_overdue)))  # fmt: skip
    for code, unit, text in changes.obstacles:
        escaped = {k: html.escape(v, quote=False) for k, v in
                   {"code": code, "unit": unit, "text": clip(text, 160)}.items()}  # fmt: skip
        lines.append(t("summary.changes.obstacle", locale, **escaped))
    return "\n".join(lines)
