"""Slot planning rules, one by one, on real 2025 dates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain import SlotKind
from bot.services.calendar import WorkCalendar
from bot.services.reminders.planner import PlannedSlot, TaskTerms, UnitProgress, plan_slots
from bot.services.reminders.policy import DEFAULT_POLICY, merge_policy

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CALENDAR = WorkCalendar()
UNIT = UnitProgress(1)


def plan(
    terms,
    units=(UNIT,),
    policy=DEFAULT_POLICY,
    start=date(2025, 1, 1),
    end=date(2025, 12, 31),
    calendar=CALENDAR,
):
    return plan_slots(terms, list(units), policy, calendar, TZ, start, end)


def days(slots: list[PlannedSlot], kind: SlotKind) -> list[date]:
    return [slot.day for slot in slots if slot.kind is kind]


def test_deadline_on_a_monday():
    slots = plan(TaskTerms(date(2025, 3, 31)), end=date(2025, 4, 30))
    assert days(slots, SlotKind.BEFORE_DUE) == [date(2025, 3, 24), date(2025, 3, 28)]
    assert days(slots, SlotKind.DUE) == [date(2025, 3, 31)]
    # First working day after D, then every 7 days; 29/4 stays, the 7/4 holiday is not involved.
    assert days(slots, SlotKind.OVERDUE) == [date(2025, 4, d) for d in (1, 8, 15, 22, 29)]
    assert days(slots, SlotKind.ESCALATION) == [
        date(2025, 4, 8)
    ]  # D+7 is Giỗ Tổ → next working day
    assert all(slot.at == datetime(2025, 3, 24, 1, tzinfo=UTC) for slot in slots[:1])


def test_two_before_due_days_on_one_day_are_sent_once_as_the_nearer():
    slots = plan(TaskTerms(date(2025, 3, 31)), end=date(2025, 3, 31))
    friday = [slot for slot in slots if slot.day == date(2025, 3, 28)]
    assert len(friday) == 1 and friday[0].kind is SlotKind.BEFORE_DUE
    assert friday[0].occurrence == "2025-03-28"


def test_deadline_on_a_sunday_is_reminded_on_friday_as_due():
    slots = plan(TaskTerms(date(2025, 6, 15)), end=date(2025, 6, 15))
    assert days(slots, SlotKind.DUE) == [date(2025, 6, 13)]
    assert days(slots, SlotKind.BEFORE_DUE) == [
        date(2025, 6, 6),
        date(2025, 6, 12),
    ]  # D-1 merged into due


def test_overdue_slot_on_a_day_off_moves_to_the_next_working_day():
    # D = Fri 21/3: first overdue Mon 24/3; +7 = 31/3, 7/4 (Giỗ Tổ → 8/4), 14/4 …
    slots = plan(TaskTerms(date(2025, 3, 21)), end=date(2025, 4, 20))
    assert days(slots, SlotKind.OVERDUE) == [
        date(2025, 3, 24),
        date(2025, 3, 31),
        date(2025, 4, 8),
        date(2025, 4, 14),
    ]


def test_overdue_reminders_across_tet_collapse_to_one_day():
    # D = Thu 16/1/2025: nominal 24/1 … 31/1 (Tết) → 3/2, and 7/2 follows on its own.
    slots = plan(TaskTerms(date(2025, 1, 16)), end=date(2025, 2, 10))
    overdue = days(slots, SlotKind.OVERDUE)
    assert overdue == [date(2025, 1, 17), date(2025, 1, 24), date(2025, 2, 3), date(2025, 2, 7)]
    assert len({slot.day for slot in slots if slot.kind is not SlotKind.ESCALATION}) == len(
        [slot for slot in slots if slot.kind is not SlotKind.ESCALATION]
    )


def test_monthly_report_requests():
    slots = plan(TaskTerms(None, "monthly", 25), start=date(2025, 6, 1), end=date(2025, 6, 30))
    assert [(s.kind, s.occurrence, s.day) for s in slots] == [
        (SlotKind.REPORT_REQUEST, "2025-06-request-3", date(2025, 6, 20)),
        (SlotKind.REPORT_REQUEST, "2025-06-request-0", date(2025, 6, 25)),
        (SlotKind.REPORT_OVERDUE, "2025-06-overdue", date(2025, 6, 26)),
    ]


def test_continuous_tasks_report_quarterly_on_the_20th_by_default():
    slots = plan(TaskTerms(None, "continuous"), start=date(2025, 6, 1), end=date(2025, 7, 31))
    assert [(s.occurrence, s.day) for s in slots] == [
        ("2025Q2-request-3", date(2025, 6, 17)),
        ("2025Q2-request-0", date(2025, 6, 20)),
        ("2025Q2-overdue", date(2025, 6, 23)),
    ]


def test_a_unit_that_reported_this_period_is_not_asked_again():
    reported = UnitProgress(2, reported_on=frozenset({date(2025, 6, 18)}))
    slots = plan(
        TaskTerms(None, "monthly", 25),
        units=(UNIT, reported),
        start=date(2025, 6, 1),
        end=date(2025, 7, 31),
    )
    assert {s.occurrence for s in slots if s.unit_id == 2} == {
        "2025-07-request-3",
        "2025-07-request-0",
        "2025-07-overdue",
    }
    assert len([s for s in slots if s.unit_id == 1]) == 6


def test_nothing_at_or_after_completion():
    done = UnitProgress(1, completed_at=datetime(2025, 3, 28, 1, tzinfo=UTC))  # 08:00 local on 28/3
    slots = plan(TaskTerms(date(2025, 3, 31)), units=(done,), end=date(2025, 5, 31))
    assert [slot.day for slot in slots] == [date(2025, 3, 24)]


def test_policy_numbers_change_the_schedule():
    policy = merge_policy(
        {
            "before_due_days": [2],
            "overdue_every_days": 0,
            "escalate_after_days": None,
            "send_time": "07:30",
        },
        None,
    )
    slots = plan(TaskTerms(date(2025, 3, 31)), policy=policy, end=date(2025, 5, 31))
    assert [(s.kind, s.day) for s in slots] == [
        (SlotKind.BEFORE_DUE, date(2025, 3, 28)),
        (SlotKind.DUE, date(2025, 3, 31)),
        (SlotKind.OVERDUE, date(2025, 4, 1)),
    ]
    assert slots[0].at.hour == 7 and slots[0].at.minute == 30


def test_window_limits_what_is_planned():
    slots = plan(TaskTerms(date(2025, 3, 31)), start=date(2025, 3, 29), end=date(2025, 4, 1))
    assert [slot.day for slot in slots] == [date(2025, 3, 31), date(2025, 4, 1)]


def test_a_task_with_a_deadline_and_a_recurrence_gets_both():
    slots = plan(
        TaskTerms(date(2025, 4, 15), "quarterly"), start=date(2025, 4, 1), end=date(2025, 6, 30)
    )
    kinds = {slot.kind for slot in slots}
    assert {SlotKind.BEFORE_DUE, SlotKind.DUE, SlotKind.OVERDUE, SlotKind.REPORT_REQUEST} <= kinds


def test_calendar_overrides_move_slots():
    calendar = WorkCalendar({date(2025, 3, 28): False})
    slots = plan(TaskTerms(date(2025, 3, 31)), end=date(2025, 3, 31), calendar=calendar)
    assert [slot.day for slot in slots] == [date(2025, 3, 24), date(2025, 3, 27), date(2025, 3, 31)]


@pytest.mark.parametrize("terms", [TaskTerms(None), TaskTerms(None, None, 25)])
def test_a_task_without_deadline_or_recurrence_has_no_slots(terms):
    assert plan(terms) == []
