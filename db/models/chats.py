"""Group chats bound to the committee or to a unit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import CHANNEL_LENGTH, Base, utcnow
from db.models.committees import CommitteeOwned


class BoundChat(CommitteeOwned, Base):
    """A group chat that receives summaries (committee) or a unit's reminders."""

    __tablename__ = "bound_chats"
    __table_args__ = (UniqueConstraint("channel", "chat_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(CHANNEL_LENGTH))
    chat_id: Mapped[str] = mapped_column(String(100))
    purpose: Mapped[str] = mapped_column(String(20), default="committee")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    title: Mapped[str | None] = mapped_column(String(300))
    bound_by: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ChatState(Base):
    """Where a multi-step conversation stands for one user in one chat (survives restarts)."""

    __tablename__ = "chat_states"
    __table_args__ = (UniqueConstraint("channel", "chat_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(CHANNEL_LENGTH))
    chat_id: Mapped[str] = mapped_column(String(100))
    user_id: Mapped[str] = mapped_column(String(100))
    step: Mapped[str] = mapped_column(String(50))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    expires_at: Mapped[datetime]


class PendingChoice(Base):
    """Numbered choices offered in a chat of a platform without buttons (Zalo), until answered."""

    __tablename__ = "pending_choices"
    __table_args__ = (UniqueConstraint("channel", "chat_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(CHANNEL_LENGTH))
    chat_id: Mapped[str] = mapped_column(String(100))
    choices: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
