"""Obstacles units report ("khó khăn, vướng mắc"), the leaders' directions, and the notice ledger."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import CHANNEL_LENGTH, Base, utcnow


class Obstacle(Base):
    """What holds a unit's work on a task up, open until progress passes it or a leader closes it."""

    __tablename__ = "obstacles"
    __table_args__ = (Index("ix_obstacles_task_unit_closed", "task_id", "unit_id", "closed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    report_id: Mapped[int | None] = mapped_column(
        ForeignKey("progress_reports.id", ondelete="SET NULL"), unique=True
    )
    text: Mapped[str] = mapped_column(Text)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    announced_at: Mapped[datetime | None] = mapped_column(index=True)
    direction: Mapped[str | None] = mapped_column(Text)
    directed_by: Mapped[str | None] = mapped_column(String(200))
    directed_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[str | None] = mapped_column(String(200))


class ObstacleSend(Base):
    """One obstacle notice owed to one chat; the unique key keeps it to one send."""

    __tablename__ = "obstacle_sends"
    __table_args__ = (UniqueConstraint("obstacle_id", "channel", "chat_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    obstacle_id: Mapped[int] = mapped_column(ForeignKey("obstacles.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(CHANNEL_LENGTH))
    chat_id: Mapped[str] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(20), default="claimed")
    message_id: Mapped[str | None] = mapped_column(String(100))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
