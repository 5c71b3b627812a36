"""Committees: each owns its plans, units, people, chats and log; a parent reads its children."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, ForeignKey, String, text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from db.base import Base, utcnow

# The committee a deployment had before committees existed; what no `--committee` means.
DEFAULT_COMMITTEE_ID = 1


class Committee(Base):
    """A Party or State body that follows up its own plans (Đảng ủy xã, UBND tỉnh, a Sở…)."""

    __tablename__ = "committees"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), unique=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("committees.id"), index=True)
    place: Mapped[str | None] = mapped_column(String(200))
    form: Mapped[str] = mapped_column(String(10), default="state", server_default="state")
    # Days this committee works or rests unlike the national calendar: {"2026-01-02": "off"}.
    calendar: Mapped[dict[str, Any]] = mapped_column(
        JSON, default=dict, server_default=text("'{}'")
    )
    # Names of environment variables holding its bots' tokens; the tokens are never stored.
    telegram_token_env: Mapped[str | None] = mapped_column(String(100))
    zalo_token_env: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CommitteeOwned:
    """Mixin of the tables whose rows belong to one committee (filled in from the session's scope)."""

    # Reports are found by task and unit; an index of their committee would only tempt the
    # planner away from that one (a committee holds nearly every report of a deployment).
    committee_indexed: ClassVar[bool] = True

    @declared_attr
    def committee_id(cls) -> Mapped[int]:
        return mapped_column(
            ForeignKey("committees.id"),
            index=cls.committee_indexed,
            default=DEFAULT_COMMITTEE_ID,
            server_default=str(DEFAULT_COMMITTEE_ID),
        )
