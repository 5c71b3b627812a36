"""Urging letters (công văn đôn đốc): which units lag on which tasks and when they were reminded.

The reminder dates come from the delivery ledger, which is the proof that the unit was told.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import SlotKind
from bot.services.status import Status
from bot.services.summary import PlanInfo, TaskLine, UnitLine, build_summary
from db.models import Delivery, ReminderSlot


@dataclass(frozen=True, slots=True)
class LaggingTask:
    """One overdue task of the unit, with the unit's own standing and latest report."""

    line: TaskLine
    unit: UnitLine


@dataclass(frozen=True, slots=True)
class Letter:
    """What one letter to one unit says."""

    plan: PlanInfo
    unit_id: int
    unit: str
    tasks: tuple[LaggingTask, ...]
    reminded_on: tuple[date, ...]  # days the unit was reminded of these tasks


async def lagging_letters(
    session: AsyncSession, at: datetime, tz: ZoneInfo, plan_id: int, unit_id: int | None = None
) -> list[Letter]:
    """One letter per unit with overdue tasks in the plan (only `unit_id`'s when given)."""
    summary = await build_summary(session, at, tz, plan_id)
    if not summary.plans:
        return []
    per_unit: dict[int, list[LaggingTask]] = defaultdict(list)
    for line in summary.tasks:
        for unit in line.units:
            if unit.standing.status is Status.OVERDUE and unit_id in (None, unit.unit_id):
                per_unit[unit.unit_id].append(LaggingTask(line, unit))
    reminded = await _reminder_days(session, at, tz, per_unit)
    letters = [
        Letter(summary.plans[0], uid, tasks[0].unit.unit, tuple(tasks), reminded.get(uid, ()))
        for uid, tasks in per_unit.items()
    ]
    return sorted(letters, key=lambda letter: letter.unit)


async def _reminder_days(
    session: AsyncSession, at: datetime, tz: ZoneInfo, per_unit: dict[int, list[LaggingTask]]
) -> dict[int, tuple[date, ...]]:
    """Per unit, the local days a reminder about one of its lagging tasks was delivered — one query."""
    pairs = {(task.line.task.id, uid) for uid, tasks in per_unit.items() for task in tasks}
    if not pairs:
        return {}
    query = (
        select(ReminderSlot.task_id, ReminderSlot.unit_id, Delivery.sent_at)
        .join(Delivery, Delivery.slot_id == ReminderSlot.id)
        .where(ReminderSlot.unit_id.in_({uid for _task, uid in pairs}))
        .where(ReminderSlot.task_id.in_({task for task, _uid in pairs}))
        .where(ReminderSlot.kind != SlotKind.ESCALATION.value, Delivery.sent_at <= at)
    )
    days: dict[int, set[date]] = defaultdict(set)
    for task_id, unit_id, sent_at in await session.execute(query):
        if (task_id, unit_id) in pairs:
            days[unit_id].add(sent_at.astimezone(tz).date())
    return {unit_id: tuple(sorted(found)) for unit_id, found in days.items()}


def file_slug(name: str) -> str:
    """ "Phòng Văn hóa và Thông tin huyện" → "phong-van-hoa-va-thong-tin-huyen"."""
    plain = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60] or "don-vi"
