"""Plans, their tasks, and the units that carry them out."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, utcnow
from db.models.committees import CommitteeOwned


class Plan(CommitteeOwned, Base):
    """A Kế hoạch issued by a committee."""

    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("committee_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300))
    number: Mapped[str | None] = mapped_column(String(100))
    # The parent document this plan carries out ("730-TB/TU"), matched by the level above's roll-up.
    implements: Mapped[str | None] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(Text)
    issuer: Mapped[str | None] = mapped_column(String(300))
    issued_on: Mapped[date | None]
    signed_by: Mapped[str | None] = mapped_column(String(200))
    source_name: Mapped[str | None] = mapped_column(String(300))
    policy: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # How its reports and letters are headed and signed (see bot/services/report_settings.py).
    report_settings: Mapped[dict[str, Any]] = mapped_column(
        JSON, default=dict, server_default=text("'{}'")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    tasks: Mapped[list[Task]] = relationship(back_populates="plan", order_by="Task.id")


class Unit(CommitteeOwned, Base):
    """A responsible body (or a group of bodies) named in plans."""

    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("committee_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300))
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(10), default="body")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    aliases: Mapped[list[UnitAlias]] = relationship(back_populates="unit")


class UnitAlias(CommitteeOwned, Base):
    """Another spelling of a unit's name, so later imports find the same unit."""

    __tablename__ = "unit_aliases"
    __table_args__ = (UniqueConstraint("committee_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(300))
    alias: Mapped[str] = mapped_column(String(300))

    unit: Mapped[Unit] = relationship(back_populates="aliases")


class UnitMember(Base):
    """A member unit of a group unit ("UBND các xã, thị trấn" → "UBND xã A")."""

    __tablename__ = "unit_members"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("units.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("units.id", ondelete="CASCADE"), primary_key=True
    )


class Task(Base):
    """One numbered task of a plan."""

    __tablename__ = "tasks"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(Text)
    full_text: Mapped[str | None] = mapped_column(Text)
    due: Mapped[date | None] = mapped_column(index=True)
    recurrence: Mapped[str | None] = mapped_column(String(20))
    report_day: Mapped[int | None]
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    source: Mapped[str | None] = mapped_column(String(200))
    confidence: Mapped[float | None]
    policy: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    closed_at: Mapped[datetime | None]
    reopened_at: Mapped[datetime | None]
    slots_planned_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    plan: Mapped[Plan] = relationship(back_populates="tasks")
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="Assignment.position"
    )


class Assignment(Base):
    """A unit's part in a task: lead (chủ trì) or support (phối hợp)."""

    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("task_id", "unit_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    role: Mapped[str] = mapped_column(String(10))
    position: Mapped[int] = mapped_column(default=0)

    task: Mapped[Task] = relationship(back_populates="assignments")
    unit: Mapped[Unit] = relationship()
