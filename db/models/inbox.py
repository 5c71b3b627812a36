"""Updates from the chat platforms, stored before they are confirmed, until handled and answered."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import CHANNEL_LENGTH, Base, utcnow


class InboxUpdate(Base):
    """One update (a message, an edit, a button press) and where its handling stands.

    state: "pending" (to handle), "sending" (handled; `replies` still to deliver), "done",
    "failed" (given up after too many attempts). A live claim is `claimed_by` until `claimed_until`.
    """

    __tablename__ = "inbox_updates"
    __table_args__ = (
        UniqueConstraint("channel", "update_key"),
        Index("ix_inbox_updates_state_next_attempt_at", "state", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(CHANNEL_LENGTH))
    update_key: Mapped[str] = mapped_column(String(100))
    chat_id: Mapped[str] = mapped_column(String(100))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    state: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_until: Mapped[datetime | None]
    told_delayed: Mapped[bool] = mapped_column(default=False)
    replies: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    last_error: Mapped[str | None] = mapped_column(Text)
    handled_at: Mapped[datetime | None]
