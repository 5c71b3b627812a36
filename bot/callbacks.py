"""Every kind of button the bot sends: its prefix and typed payload (see `bot.callback_data`).

Prefixes are the wire format of buttons already sitting in chats: keep them stable.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.callback_data import CallbackData


@dataclass(frozen=True)
class TasksPage(CallbackData, prefix="tpg"):
    """Another page of /tasks."""

    page: int


@dataclass(frozen=True)
class ReportPage(CallbackData, prefix="rpg"):
    """Another page of /report's task list."""

    page: int


@dataclass(frozen=True)
class ReportTask(CallbackData, prefix="rep"):
    """Report on this task for this unit (from /report or a reminder)."""

    task_id: int
    unit_id: int


@dataclass(frozen=True)
class StatusChosen(CallbackData, prefix="rst"):
    """The status chosen for a report (a code of `STATUS_CODES`)."""

    task_id: int
    code: str


@dataclass(frozen=True)
class PickTask(CallbackData, prefix="pick"):
    """The task a message kept aside belongs to."""

    pending: str
    task_id: int


@dataclass(frozen=True)
class Snooze(CallbackData, prefix="snz"):
    """A reminder's "remind again later"."""

    slot_id: int


@dataclass(frozen=True)
class Extend(CallbackData, prefix="ext"):
    """A reminder's "ask for an extension"."""

    task_id: int
    unit_id: int


@dataclass(frozen=True)
class ApproveExtension(CallbackData, prefix="extok"):
    """A leader approves an extension request."""

    request_id: int


@dataclass(frozen=True)
class DeclineExtension(CallbackData, prefix="extno"):
    """A leader declines an extension request."""

    request_id: int


@dataclass(frozen=True)
class Export(CallbackData, prefix="exp"):
    """The export format chosen."""

    format: str


@dataclass(frozen=True)
class SummaryPage(CallbackData, prefix="sum"):
    """Another page of a filtered summary (`token` is a `Filter`'s)."""

    token: str
    page: int


@dataclass(frozen=True)
class InviteChoice(CallbackData, prefix="inv"):
    """An invite step: `r` a role, `p` a page of units, `u` a unit id."""

    kind: str
    value: str


@dataclass(frozen=True)
class AdminAction(CallbackData, prefix="adm"):
    """A task card's action on a task id, or a confirmation (`ok`/`no`) of a pending token."""

    action: str
    argument: str


@dataclass(frozen=True)
class ImportChoice(CallbackData, prefix="imp"):
    """Confirm (`ok`) or cancel (`no`) the plan import shown with `token`."""

    action: str
    token: str


@dataclass(frozen=True)
class Deliver(CallbackData, prefix="deliver"):
    """Where a linked person's reminders go (a channel name or "all")."""

    choice: str


@dataclass(frozen=True)
class ApproveLink(CallbackData, prefix="lnkok"):
    """The owner of a link code confirms the account that redeemed it."""

    request_id: int


@dataclass(frozen=True)
class RefuseLink(CallbackData, prefix="lnkno"):
    """The owner of a link code refuses the account that redeemed it."""

    request_id: int


@dataclass(frozen=True)
class ContactListChoice(CallbackData, prefix="cl"):
    """Issue (`ok`) or drop (`no`) the invites of the contact list shown with `token`."""

    action: str
    token: str


@dataclass(frozen=True)
class OnboardingPage(CallbackData, prefix="onb"):
    """Another page of /onboarding."""

    page: int


@dataclass(frozen=True)
class ReissueExpired(CallbackData, prefix="reiss"):
    """Re-issue every invite code that expired unused (from /onboarding)."""


@dataclass(frozen=True)
class BindUnit(CallbackData, prefix="bdu"):
    """/bind donvi: the unit chosen when the typed name fitted several (or none exactly)."""

    unit_id: int


@dataclass(frozen=True)
class TaskUnitPick(CallbackData, prefix="adu"):
    """/task: the unit meant by a typed name (`choice` a unit id, or `new` for a new unit)."""

    token: str
    choice: str


@dataclass(frozen=True)
class FixReport(CallbackData, prefix="rfix"):
    """The status a sender confirms or corrects their report to (a code of `STATUS_CODES`)."""

    report_id: int
    code: str


@dataclass(frozen=True)
class CorrectReport(CallbackData, prefix="rsua"):
    """An acknowledgement's "Sửa": offer the statuses again."""

    report_id: int


@dataclass(frozen=True)
class AnswerObstacle(CallbackData, prefix="obsans"):
    """A leader answers an obstacle with a direction."""

    obstacle_id: int


@dataclass(frozen=True)
class CloseObstacle(CallbackData, prefix="obscl"):
    """A leader closes an obstacle."""

    obstacle_id: int


@dataclass(frozen=True)
class SendEvidence(CallbackData, prefix="evd"):
    """Send back evidence file `index` of a report."""

    report_id: int
    index: int


@dataclass(frozen=True)
class PeriodSummaryPage(CallbackData, prefix="psum"):
    """A page of a period's or a plan's summary (`period` a `Period.key` or "-"; plan 0: all)."""

    period: str
    plan_id: int
    token: str
    page: int


@dataclass(frozen=True)
class PeriodExport(CallbackData, prefix="pexp"):
    """A period report as a file (`format` docx or xlsx; plan 0: all plans)."""

    format: str
    period: str
    plan_id: int


@dataclass(frozen=True)
class UrgingLetters(CallbackData, prefix="ltr"):
    """The urging letters of a plan's lagging units (plan 0: ask which plan)."""

    plan_id: int


@dataclass(frozen=True)
class UnitHistory(CallbackData, prefix="hist"):
    """A page of what a unit reported (`period` a `Period.key` or "-" for all time)."""

    unit_id: int
    period: str
    page: int


@dataclass(frozen=True)
class TaskHistory(CallbackData, prefix="thist"):
    """A page of a task's whole report history."""

    task_id: int
    page: int


@dataclass(frozen=True)
class PlanSetting(CallbackData, prefix="pset"):
    """Confirm (`ok`) or cancel (`no`) the report setting change shown with `token`."""

    action: str
    token: str


@dataclass(frozen=True)
class AuditTask(CallbackData, prefix="aud"):
    """The change log of this task (chosen when several plans have the code)."""

    task_id: int
