"""Planner invariants over random deadlines, recurrences, policies and calendars."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain import Recurrence, SlotKind
from bot.services.calendar import WorkCalendar
from bot.services.reminders.planner import TaskTerms, UnitProgress, plan_slots
from bot.services.reminders.policy import ReminderPolicy

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST, LAST = date(2024, 1, 1), date(2026, 12, 31)

days = st.dates(min_value=FIRST, max_value=LAST)
calendars = st.dictionaries(days, st.booleans(), max_size=40).map(WorkCalendar)
policies = st.builds(
    ReminderPolicy,
    before_due_days=st.lists(st.integers(1, 30), max_size=4).map(tuple),
    remind_on_due=st.booleans(),
    overdue=st.booleans(),
    overdue_every_days=st.integers(0, 14),
    escalate_after_days=st.none() | st.integers(1, 20),
    send_time=st.times(min_value=time(6), max_value=time(18)),
    report_day=st.integers(1, 31),
    report_request_working_days_before=st.integers(0, 5),
    report_request_on_day=st.booleans(),
    report_overdue=st.booleans(),
)
terms = st.builds(
    TaskTerms,
    due=st.none() | days,
    recurrence=st.none() | st.sampled_from([r.value for r in Recurrence]),
    report_day=st.none() | st.integers(1, 31),
)
completion = st.none() | st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2026, 12, 31), timezones=st.just(UTC)
)
reports = st.frozensets(days, max_size=5)


@settings(max_examples=150, deadline=None)
@given(terms, policies, calendars, days, st.integers(0, 120), completion, reports)
def test_slots_respect_calendar_completion_and_identity(
    terms, policy, calendar, start, length, done_at, reported
):
    end = start + timedelta(days=length)
    units = [UnitProgress(1, done_at, reported), UnitProgress(2)]
    slots = plan_slots(terms, units, policy, calendar, TZ, start, end)
    for slot in slots:
        assert calendar.is_working(slot.day), slot
        assert start <= slot.day <= end
        assert slot.at == datetime.combine(slot.day, policy.send_time, tzinfo=TZ)
        if slot.unit_id == 1 and done_at is not None:
            assert slot.at < done_at
    keys = Counter((slot.unit_id, slot.kind, slot.occurrence) for slot in slots)
    assert max(keys.values(), default=1) == 1
    per_day = Counter((s.unit_id, s.day) for s in slots if s.kind is not SlotKind.ESCALATION)
    assert max(per_day.values(), default=1) == 1
    escalations = Counter(s.unit_id for s in slots if s.kind is SlotKind.ESCALATION)
    assert max(escalations.values(), default=1) == 1


@settings(max_examples=100, deadline=None)
@given(terms, policies, calendars, days, st.integers(1, 60), st.integers(1, 60))
def test_splitting_the_window_plans_the_same_slots(terms, policy, calendar, start, first, second):
    """Planning two adjoining windows equals planning their union: occurrence keys are stable."""
    middle, end = start + timedelta(days=first), start + timedelta(days=first + second)
    unit = [UnitProgress(1)]
    whole = plan_slots(terms, unit, policy, calendar, TZ, start, end)
    parts = plan_slots(terms, unit, policy, calendar, TZ, start, middle) + plan_slots(
        terms, unit, policy, calendar, TZ, middle + timedelta(days=1), end
    )
    assert sorted(s.key for s in whole) == sorted(s.key for s in parts)
