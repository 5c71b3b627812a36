"""The reminder ledger: slots due, deliveries made, calendar overrides."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import CHANNEL_LENGTH, Base, utcnow


class ReminderSlot(Base):
    """One reminder owed to one unit for one task at one moment."""

    __tablename__ = "reminder_slots"
    __table_args__ = (
        UniqueConstraint("task_id", "unit_id", "kind", "occurrence"),
        Index("ix_reminder_slots_state_fire_at", "state", "fire_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    occurrence: Mapped[str] = mapped_column(String(40))
    fire_at: Mapped[datetime]
    expires_at: Mapped[datetime | None]  # not sent by then (catch-up window): skipped, never late
    state: Mapped[str] = mapped_column(String(20), default="pending")
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Delivery(Base):
    """A message sent for a slot to one chat; its message id maps replies back."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("slot_id", "channel", "chat_id"),
        Index("ix_deliveries_channel_chat_message", "channel", "chat_id", "message_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("reminder_slots.id", ondelete="CASCADE"))
    endpoint_id: Mapped[int | None] = mapped_column(ForeignKey("contact_endpoints.id"))
    channel: Mapped[str] = mapped_column(String(CHANNEL_LENGTH))
    chat_id: Mapped[str] = mapped_column(String(100))
    message_id: Mapped[str | None] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(20), default="sent")
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)


class CalendarDay(Base):
    """An admin's override of the working-day calendar: an extra day off or a make-up day."""

    __tablename__ = "calendar_days"

    day: Mapped[date] = mapped_column(primary_key=True)
    working: Mapped[bool]
    note: Mapped[str | None] = mapped_column(String(200))
