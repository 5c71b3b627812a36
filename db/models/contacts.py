"""People who use the bot, their chat endpoints, and the invites that bind them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import CHANNEL_LENGTH, Base, utcnow
from db.models.committees import CommitteeOwned
from db.models.plans import Unit


class Contact(CommitteeOwned, Base):
    """A person with a role (and, for unit contacts, a unit)."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    deliver_to: Mapped[str] = mapped_column(String(20), default="all")
    locale: Mapped[str | None] = mapped_column(String(5))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    unit: Mapped[Unit | None] = relationship()
    endpoints: Mapped[list[ContactEndpoint]] = relationship(back_populates="contact")


class ContactEndpoint(Base):
    """One chat account of a contact on one platform."""

    __tablename__ = "contact_endpoints"
    __table_args__ = (UniqueConstraint("channel", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(CHANNEL_LENGTH))
    user_id: Mapped[str] = mapped_column(String(100))
    chat_id: Mapped[str] = mapped_column(String(100))
    display_name: Mapped[str | None] = mapped_column(String(200))
    unreachable: Mapped[bool] = mapped_column(default=False)
    last_seen_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    contact: Mapped[Contact] = relationship(back_populates="endpoints")


class Invite(CommitteeOwned, Base):
    """A one-time code that binds a chat account to a role and unit; only its hash is stored."""

    __tablename__ = "invites"
    __allow_unmapped__ = True  # for `code`, which is never stored

    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by_contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    # Set on a /link code: redeeming it adds an endpoint to this contact instead of a new one.
    link_contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    # Whom a code from a contact list is for, and when an expired code was re-issued.
    invitee_name: Mapped[str | None] = mapped_column(String(200))
    invitee_title: Mapped[str | None] = mapped_column(String(200))
    invitee_phone: Mapped[str | None] = mapped_column(String(40))
    replaced_at: Mapped[datetime | None]

    unit: Mapped[Unit | None] = relationship()

    # The plain code, on the object that issued it only: whoever reads the table cannot redeem it.
    code: str | None = None

    @property
    def issued_code(self) -> str:
        """The plain code of an invite issued just now (never read back from the table)."""
        if self.code is None:
            raise LookupError("an invite's plain code exists only where it was issued")
        return self.code


class LinkRequest(Base):
    """A chat account that redeemed a /link code, waiting for the code's owner to confirm it."""

    __tablename__ = "link_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    invite_id: Mapped[int] = mapped_column(ForeignKey("invites.id", ondelete="CASCADE"))
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(CHANNEL_LENGTH))
    user_id: Mapped[str] = mapped_column(String(100))
    chat_id: Mapped[str] = mapped_column(String(100))
    display_name: Mapped[str] = mapped_column(String(200))
    requested_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
    approved: Mapped[bool | None]


class CodeAttempt(Base):
    """A refused invite or link code, counted per chat account to limit guessing."""

    __tablename__ = "code_attempts"
    __table_args__ = (Index("ix_code_attempts_account", "channel", "user_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(CHANNEL_LENGTH))
    user_id: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime]
