"""Which reminder a reply answers: by the message it quotes, or the latest one sent to the chat."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Delivery, ProgressReport, ReminderSlot

ANSWER_WINDOW = timedelta(days=3)


@dataclass(frozen=True, slots=True)
class ReminderRef:
    """The task and unit a reminder message was about."""

    task_id: int
    unit_id: int
    sent_at: datetime


async def reminder_quoted(
    session: AsyncSession, channel: str, chat_id: str, message_id: str
) -> ReminderRef | None:
    """The reminder whose message this reply quotes."""
    row = await session.execute(
        select(ReminderSlot.task_id, ReminderSlot.unit_id, Delivery.sent_at)
        .join(ReminderSlot, ReminderSlot.id == Delivery.slot_id)
        .where(
            Delivery.channel == channel,
            Delivery.chat_id == chat_id,
            Delivery.message_id == message_id,
        )
        .limit(1)
    )
    found = row.first()
    return ReminderRef(*found) if found else None


async def reminder_unanswered(
    session: AsyncSession, channel: str, chat_id: str, now: datetime, unit_ids: list[int]
) -> ReminderRef | None:
    """The latest reminder to this chat within a few days that no report has answered yet.

    For platforms without quoted replies (Zalo) a message right after a reminder answers it.
    """
    answered = exists().where(
        ProgressReport.task_id == ReminderSlot.task_id,
        ProgressReport.unit_id.in_(unit_ids),
        ProgressReport.reported_at >= Delivery.sent_at,
    )
    row = await session.execute(
        select(ReminderSlot.task_id, ReminderSlot.unit_id, Delivery.sent_at)
        .join(ReminderSlot, ReminderSlot.id == Delivery.slot_id)
        .where(
            Delivery.channel == channel,
            Delivery.chat_id == chat_id,
            Delivery.message_id.is_not(None),
            Delivery.sent_at >= now - ANSWER_WINDOW,
            Delivery.sent_at <= now,
            ReminderSlot.unit_id.in_(unit_ids),
            ~answered,
        )
        .order_by(Delivery.sent_at.desc(), Delivery.id.desc())
        .limit(1)
    )
    found = row.first()
    return ReminderRef(*found) if found else None
