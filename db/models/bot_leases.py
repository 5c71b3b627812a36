"""Which process polls which bot: a lease each process renews while it runs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, true
from sqlalchemy.orm import Mapped, mapped_column

from db.base import CHANNEL_LENGTH, Base


class BotLease(Base):
    """One bot's lease: `owner` (host:pid:random) polls it until `expires_at` unless it renews, and
    sends its committees' reminders unless it runs without the scheduler (`sends_reminders`)."""

    __tablename__ = "bot_leases"

    channel: Mapped[str] = mapped_column(String(CHANNEL_LENGTH), primary_key=True)
    owner: Mapped[str] = mapped_column(String(100))
    expires_at: Mapped[datetime]
    sends_reminders: Mapped[bool] = mapped_column(default=True, server_default=true())
