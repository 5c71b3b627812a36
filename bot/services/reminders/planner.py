"""Slot planning, pure: a task's terms, its units and the policy → the reminders owed in a window."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain import SlotKind
from bot.services.calendar import WorkCalendar
from bot.services.reminders.periods import Period, cadence_months, period_containing
from bot.services.reminders.policy import ReminderPolicy

# On one day a unit gets one message per task: the most pressing reason wins.
PRIORITY = {
    SlotKind.REPORT_REQUEST: 1,
    SlotKind.REPORT_OVERDUE: 2,
    SlotKind.BEFORE_DUE: 3,
    SlotKind.DUE: 4,
    SlotKind.OVERDUE: 5,
}
# A period's slots sit around its report day: requests up to ~a month before (into the previous
# month when the report day is early), the overdue reminder a few days after (into the next).
PERIOD_MARGIN = timedelta(days=45)
SUPPORT_KINDS = frozenset({SlotKind.BEFORE_DUE, SlotKind.DUE})


@dataclass(frozen=True, slots=True)
class TaskTerms:
    """What a task says about when it is due."""

    due: date | None
    recurrence: str | None = None
    report_day: int | None = None


@dataclass(frozen=True, slots=True)
class UnitProgress:
    """One unit to remind and what it has done so far."""

    unit_id: int
    completed_at: datetime | None = None
    reported_on: frozenset[date] = frozenset()  # local dates of its reports
    support: bool = False  # a support unit: reminded before and on the deadline only

    def reported_in(self, period: Period) -> bool:
        """Whether it reported during the period."""
        return any(period.contains(day) for day in self.reported_on)


@dataclass(frozen=True, slots=True)
class PlannedSlot:
    """A reminder owed: to whom, why, and when (aware local time)."""

    unit_id: int
    kind: SlotKind
    occurrence: str
    day: date
    at: datetime

    @property
    def key(self) -> tuple[int, str, str]:
        """The ledger's identity of the slot (with the task id)."""
        return (self.unit_id, self.kind.value, self.occurrence)


@dataclass(frozen=True, slots=True)
class _Reason:
    kind: SlotKind
    occurrence: str
    day: date
    period: Period | None = None


def plan_slots(
    terms: TaskTerms,
    units: Iterable[UnitProgress],
    policy: ReminderPolicy,
    calendar: WorkCalendar,
    tz: ZoneInfo,
    start: date,
    end: date,
) -> list[PlannedSlot]:
    """Every slot from `start` to `end` (local dates, inclusive), per unit, none after completion."""
    reasons = [
        *_deadline_reasons(terms.due, policy, calendar, end),
        *_period_reasons(terms, policy, calendar, start, end),
    ]
    reasons = [reason for reason in reasons if start <= reason.day <= end]
    escalation = _escalation(terms.due, policy, calendar)
    slots: list[PlannedSlot] = []
    for unit in units:
        if unit.support and not policy.remind_support:
            continue
        owed = [r for r in reasons if r.period is None or not unit.reported_in(r.period)]
        if unit.support:
            owed = [r for r in owed if r.kind in SUPPORT_KINDS]
        chosen = list(_one_per_day(owed))
        if escalation is not None and start <= escalation.day <= end and not unit.support:
            chosen.append(escalation)
        for reason in chosen:
            at = datetime.combine(reason.day, policy.send_time, tzinfo=tz)
            if unit.completed_at is None or at < unit.completed_at:
                slots.append(
                    PlannedSlot(unit.unit_id, reason.kind, reason.occurrence, reason.day, at)
                )
    return sorted(slots, key=lambda slot: (slot.at, slot.unit_id, PRIORITY.get(slot.kind, 0)))


def _one_per_day(reasons: list[_Reason]) -> Iterator[_Reason]:
    """Per day, the most pressing reason; on a tie the later one (nearer the deadline)."""
    best: dict[date, tuple[tuple[int, int], _Reason]] = {}
    for order, reason in enumerate(reasons):
        rank = (PRIORITY[reason.kind], order)
        if reason.day not in best or rank > best[reason.day][0]:
            best[reason.day] = (rank, reason)
    for _rank, reason in best.values():
        yield reason


def _deadline_reasons(
    due: date | None, policy: ReminderPolicy, calendar: WorkCalendar, end: date
) -> Iterator[_Reason]:
    if due is None:
        return
    for days in policy.before_due_days:  # farthest first, so the nearer one wins a shared day
        day = calendar.previous_working(due - timedelta(days=days))
        yield _Reason(SlotKind.BEFORE_DUE, day.isoformat(), day)
    if policy.remind_on_due:
        day = calendar.previous_working(due)
        yield _Reason(SlotKind.DUE, day.isoformat(), day)
    if not policy.overdue:
        return
    first = calendar.next_working(due, strictly=True)
    yield _Reason(SlotKind.OVERDUE, first.isoformat(), first)
    if policy.overdue_every_days == 0:
        return
    step = timedelta(days=policy.overdue_every_days)
    nominal = first + step
    while nominal <= end:
        day = calendar.next_working(nominal)
        yield _Reason(SlotKind.OVERDUE, day.isoformat(), day)
        nominal += step


def _escalation(due: date | None, policy: ReminderPolicy, calendar: WorkCalendar) -> _Reason | None:
    if due is None or policy.escalate_after_days is None:
        return None
    day = calendar.next_working(due + timedelta(days=policy.escalate_after_days))
    return _Reason(SlotKind.ESCALATION, due.isoformat(), day)


def _period_reasons(
    terms: TaskTerms, policy: ReminderPolicy, calendar: WorkCalendar, start: date, end: date
) -> Iterator[_Reason]:
    months = cadence_months(terms.recurrence, policy.continuous_cadence)
    if months is None:
        return
    report_day = terms.report_day or policy.report_day
    period = period_containing(start - PERIOD_MARGIN, months)
    while period.start <= end + PERIOD_MARGIN:
        report_date = period.report_date(report_day)
        before = policy.report_request_working_days_before
        if before:
            day = calendar.working_days_before(report_date, before)
            yield _Reason(SlotKind.REPORT_REQUEST, f"{period.key}-request-{before}", day, period)
        if policy.report_request_on_day:
            day = calendar.previous_working(report_date)
            yield _Reason(SlotKind.REPORT_REQUEST, f"{period.key}-request-0", day, period)
        if policy.report_overdue:
            day = calendar.next_working(report_date, strictly=True)
            yield _Reason(SlotKind.REPORT_OVERDUE, f"{period.key}-overdue", day, period)
        period = period.following()
