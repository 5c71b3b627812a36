"""Which process polls which bot: a lease each process renews while it runs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import CHANNEL_LENGTH, Base


class BotLease(Base):
    """One bot's lease: `owner` (host:pid:random) polls it until `expires_at` unless it renews."""

    __tablename__ = "bot_leases"

    channel: Mapped[str] = mapped_column(String(CHANNEL_LENGTH), primary_key=True)
    owner: Mapped[str] = mapped_column(String(100))
    expires_at: Mapped[datetime]
