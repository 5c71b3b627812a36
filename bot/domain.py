"""The vocabulary shared by every layer: roles, kinds, statuses."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What a person may do in chat."""

    ADMIN = "admin"
    LEADER = "leader"
    CONTACT = "contact"
    OBSERVER = "observer"


class UnitKind(StrEnum):
    """A named body, or a group of bodies an admin can expand."""

    BODY = "body"
    GROUP = "group"


class AssignmentRole(StrEnum):
    """Chủ trì (lead) or phối hợp (support)."""

    LEAD = "lead"
    SUPPORT = "support"


class Recurrence(StrEnum):
    """How often a task must report."""

    CONTINUOUS = "continuous"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMIANNUAL = "semiannual"
    YEARLY = "yearly"


class ReportStatus(StrEnum):
    """What a unit says about its task in a progress report."""

    DONE = "done"
    IN_PROGRESS = "in_progress"
    BLOCKED = "blocked"
    EXTENSION = "extension"


class SlotKind(StrEnum):
    """Why a reminder goes out."""

    BEFORE_DUE = "before_due"
    DUE = "due"
    OVERDUE = "overdue"
    ESCALATION = "escalation"
    REPORT_REQUEST = "report_request"
    REPORT_OVERDUE = "report_overdue"
    SNOOZE = "snooze"


class SlotState(StrEnum):
    """Where a reminder slot is in its life."""

    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"
    UNDELIVERABLE = "undeliverable"


class Channel(StrEnum):
    """Chat platforms dondoc speaks on."""

    TELEGRAM = "telegram"
    ZALO = "zalo"
