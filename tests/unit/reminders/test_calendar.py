"""The working-day calendar: weekends, Vietnamese public holidays, make-up days and office overrides."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.services.calendar import CalendarError, WorkCalendar


@pytest.fixture(scope="module")
def calendar() -> WorkCalendar:
    return WorkCalendar()


def test_weekdays_work_and_weekends_do_not(calendar):
    assert calendar.is_working(date(2025, 3, 24))  # Monday
    assert calendar.is_working(date(2025, 3, 28))  # Friday
    assert not calendar.is_working(date(2025, 3, 29))  # Saturday
    assert not calendar.is_working(date(2025, 3, 30))  # Sunday


def test_public_holidays_are_days_off(calendar):
    assert not calendar.is_working(date(2025, 4, 7))  # Giỗ Tổ Hùng Vương (a Monday)
    assert calendar.holiday_name(date(2025, 4, 7)) == "Ngày Giỗ Tổ Hùng Vương"
    tet = [date(2025, 1, 27) + timedelta(days=n) for n in range(5)]  # 29 Tết … mùng 3, Mon–Fri
    assert not any(calendar.is_working(day) for day in tet)
    assert not calendar.is_working(date(2025, 9, 2))  # Quốc khánh
    assert not calendar.is_working(date(2025, 5, 2))  # day off substituted for Saturday 26/4


def test_substituted_saturday_is_a_working_day(calendar):
    assert calendar.is_working(date(2025, 4, 26))
    assert not calendar.is_working(date(2025, 4, 19))  # an ordinary Saturday


def test_office_overrides_win_both_ways():
    extra_off, make_up = date(2025, 3, 25), date(2025, 3, 29)
    calendar = WorkCalendar({extra_off: False, make_up: True, date(2025, 4, 7): True})
    assert not calendar.is_working(extra_off)
    assert calendar.is_working(make_up)
    assert calendar.is_working(date(2025, 4, 7))


def test_previous_and_next_working_day(calendar):
    sunday, monday_holiday = date(2025, 3, 30), date(2025, 4, 7)
    assert calendar.previous_working(sunday) == date(2025, 3, 28)
    assert calendar.previous_working(date(2025, 3, 28)) == date(2025, 3, 28)
    assert calendar.previous_working(date(2025, 3, 28), strictly=True) == date(2025, 3, 27)
    assert calendar.next_working(monday_holiday) == date(2025, 4, 8)
    assert calendar.next_working(date(2025, 3, 31), strictly=True) == date(2025, 4, 1)
    assert calendar.next_working(date(2025, 1, 25)) == date(2025, 2, 3)  # across Tết


def test_working_days_before_skips_days_off(calendar):
    assert calendar.working_days_before(date(2025, 6, 25), 3) == date(2025, 6, 20)
    assert calendar.working_days_before(date(2025, 4, 9), 2) == date(2025, 4, 4)  # over Giỗ Tổ


def test_a_calendar_without_working_days_is_refused():
    start = date(2025, 3, 1)
    calendar = WorkCalendar({start + timedelta(days=n): False for n in range(120)})
    with pytest.raises(CalendarError):
        calendar.next_working(start)


def test_public_days_list_holidays_and_make_up_days():
    days = {day: (working, name) for day, working, name in WorkCalendar.public_days(2025)}
    assert days[date(2025, 4, 7)] == (False, "Ngày Giỗ Tổ Hùng Vương")
    assert days[date(2025, 4, 26)][0] is True
    assert all(day.year == 2025 for day in days)
