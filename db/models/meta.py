"""dondoc's own marker: one row saying this database belongs to dondoc."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, utcnow

APP_NAME = "dondoc"


class DondocMeta(Base):
    """The single row (id 1) that marks a database as dondoc's; migrations refuse others."""

    __tablename__ = "dondoc_meta"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    app: Mapped[str] = mapped_column(String(20), default=APP_NAME)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
