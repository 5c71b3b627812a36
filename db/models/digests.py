"""The ledger of scheduled digests: one row per digest, period and chat, claimed before sending."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import CHANNEL_LENGTH, Base, utcnow
from db.models.committees import CommitteeOwned


class DigestSend(CommitteeOwned, Base):
    """A weekly or monthly digest owed to one chat; the unique key keeps it to one send."""

    __tablename__ = "digest_sends"
    __table_args__ = (UniqueConstraint("kind", "period", "channel", "chat_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    period: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(CHANNEL_LENGTH))
    chat_id: Mapped[str] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(20), default="claimed")
    message_id: Mapped[str | None] = mapped_column(String(100))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
