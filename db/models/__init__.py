"""All tables, imported so that `Base.metadata` knows them."""

from db.models.audit import AuditEntry
from db.models.bot_leases import BotLease
from db.models.chats import BoundChat, ChatState, PendingChoice
from db.models.committees import Committee
from db.models.contacts import CodeAttempt, Contact, ContactEndpoint, Invite, LinkRequest
from db.models.digests import DigestSend
from db.models.inbox import InboxUpdate
from db.models.meta import DondocMeta
from db.models.obstacles import Obstacle, ObstacleSend
from db.models.plans import Assignment, Plan, Task, Unit, UnitAlias, UnitMember
from db.models.reminders import CalendarDay, Delivery, ReminderSlot
from db.models.reports import ExtensionRequest, ProgressReport
from db.models.standings import CommitteeStanding

__all__ = [
    "Assignment",
    "AuditEntry",
    "BotLease",
    "BoundChat",
    "CalendarDay",
    "ChatState",
    "CodeAttempt",
    "Committee",
    "CommitteeStanding",
    "Contact",
    "ContactEndpoint",
    "Delivery",
    "DigestSend",
    "DondocMeta",
    "ExtensionRequest",
    "InboxUpdate",
    "Invite",
    "LinkRequest",
    "Obstacle",
    "ObstacleSend",
    "PendingChoice",
    "Plan",
    "ProgressReport",
    "ReminderSlot",
    "Task",
    "Unit",
    "UnitAlias",
    "UnitMember",
]
