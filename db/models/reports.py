"""Progress reports from units and their extension requests."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import CHANNEL_LENGTH, Base, utcnow
from db.models.committees import CommitteeOwned


class ProgressReport(CommitteeOwned, Base):
    """What a unit said about a task, from chat or entered by the office."""

    __tablename__ = "progress_reports"
    __table_args__ = (
        # one report per task named in a chat message ("II.1 xong; II.3 đạt 70%")
        UniqueConstraint("channel", "chat_id", "message_id", "task_id"),
        Index("ix_progress_reports_task_unit_at", "task_id", "unit_id", "reported_at"),
        # Every read in a committee's scope filters on its committee: with it first, the (task,
        # unit) pairs a summary starts from are one covering range (no row read to check its
        # committee), and a pair's latest report is the last entry of its own range.
        Index(
            "ix_progress_reports_committee_pair",
            "committee_id",
            "task_id",
            "unit_id",
            "reported_at",
            "id",
        ),
    )
    committee_indexed = False  # found by task and unit (see CommitteeOwned)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    source: Mapped[str] = mapped_column(String(20), default="chat")
    entered_by: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    percent: Mapped[int | None]
    status: Mapped[str | None] = mapped_column(String(20))
    proposed_due: Mapped[date | None]
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    channel: Mapped[str | None] = mapped_column(String(CHANNEL_LENGTH))
    chat_id: Mapped[str | None] = mapped_column(String(100))
    message_id: Mapped[str | None] = mapped_column(String(100))
    reported_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[datetime | None]


class ExtensionRequest(Base):
    """A unit's request to move a task's deadline, approved or declined by a leader."""

    __tablename__ = "extension_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    report_id: Mapped[int | None] = mapped_column(ForeignKey("progress_reports.id"))
    proposed_due: Mapped[date]
    reason: Mapped[str | None] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20), default="pending")
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
