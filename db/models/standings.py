"""Each child committee's standing as its parent's roll-up shows it, kept between reads."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class CommitteeStanding(Base):
    """A committee's task counts, obstacles, reporting and plans as of one moment.

    Not committee-owned: the parent reads its children's rows, by their committee ids. Valid
    while `as_of_day` is the day asked about and `fingerprint` still matches what its inputs
    add up to (see bot/services/standings.py).
    """

    __tablename__ = "committee_standings"

    committee_id: Mapped[int] = mapped_column(
        ForeignKey("committees.id", ondelete="CASCADE"), primary_key=True
    )
    computed_at: Mapped[datetime]  # the moment the statuses are for
    as_of_day: Mapped[date]  # its local date: statuses change at midnight
    fingerprint: Mapped[str] = mapped_column(Text)
    counts: Mapped[dict[str, int]] = mapped_column(JSON)  # status → tasks
    overdue: Mapped[int]
    obstacles: Mapped[int]
    reported_units: Mapped[int]
    units_with_tasks: Mapped[int]
    plans: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # PlanRef fields, by plan id
