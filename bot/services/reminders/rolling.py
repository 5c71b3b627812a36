"""The rolling pass: every open task replanned once every `full_replan_minutes` (the horizon moves
on, calendars and group memberships change), a share at a time.

A district's few hundred tasks are replanned all at once, hourly. A province's 120,000 took two
minutes in one go, with every process's claims held back meanwhile; in shares, each sweep
replans what has come due of the pass (about 2,000 tasks a minute), and an idle sweep between
shares stays one query.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Plan, Task

SHARE_TASKS = 1_000  # the least a share holds: fewer open tasks than this are replanned at once

TaskRef = tuple[int, int]  # (task, its plan's committee)


class RollingPass:
    """Where the pass is: the last task replanned, when, and how many tasks were open then."""

    def __init__(self, every_minutes: int, least: int = SHARE_TASKS):
        self.period = timedelta(minutes=every_minutes)
        self.least = least
        self.cursor = 0
        self.last: datetime | None = None
        self.open_tasks = 0

    def due(self, now: datetime) -> bool:
        """Whether enough of the pass has come due for a share (or the pass has not begun)."""
        if self.last is None:
            return True
        elapsed = now - self.last
        least = min(self.open_tasks, self.least)
        return elapsed >= self.period or (
            least > 0 and elapsed * self.open_tasks >= self.period * least
        )

    def note(self, at: datetime, open_tasks: int = 0) -> None:
        """Count the pass as up to date at `at` (a benchmark planned everything itself)."""
        self.last, self.open_tasks = at, open_tasks

    async def next_share(self, session: AsyncSession, now: datetime) -> list[TaskRef]:
        """The open tasks due for replanning now, in id order from where the pass stopped."""
        open_tasks = await session.scalar(select(func.count()).where(Task.closed_at.is_(None))) or 0
        size = self._size(open_tasks, now)
        share = await self._tasks(session, Task.id > self.cursor, size)
        if len(share) < size:  # round again from the first task
            share += await self._tasks(session, Task.id <= self.cursor, size - len(share))
        if share:
            self.cursor = share[-1][0]
        self.note(now, open_tasks)
        return share

    def _size(self, open_tasks: int, now: datetime) -> int:
        if self.last is None:
            return min(open_tasks, self.least)
        part = min(1.0, (now - self.last) / self.period)
        return max(min(open_tasks, self.least), math.ceil(open_tasks * part))

    @staticmethod
    async def _tasks(session: AsyncSession, where, limit: int) -> list[TaskRef]:
        if limit <= 0:
            return []
        query = (
            select(Task.id, Plan.committee_id)
            .join(Plan, Plan.id == Task.plan_id)
            .where(Task.closed_at.is_(None), where)
            .order_by(Task.id)
            .limit(limit)
        )
        return [(task_id, committee_id) for task_id, committee_id in await session.execute(query)]
