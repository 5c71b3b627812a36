"""Which digests are due on a day: the week's and the month's first working day."""

from __future__ import annotations

from datetime import date

from bot.services.calendar import WorkCalendar
from bot.services.digests import due_digests


def due(day: date, calendar: WorkCalendar | None = None) -> list[tuple[str, str]]:
    return [(d.kind, d.period) for d in due_digests(day, calendar or WorkCalendar())]


def test_weekly_on_monday_and_monthly_on_the_first_working_day():
    assert due(date(2025, 6, 30)) == [("weekly", "2025-W27")]
    assert due(date(2025, 7, 1)) == [("monthly", "2025-06")]
    assert due(date(2025, 7, 2)) == []


def test_a_day_off_moves_the_digest_to_the_next_working_day():
    assert due(date(2025, 4, 7)) == []  # Giỗ Tổ Hùng Vương, a Monday
    assert due(date(2025, 4, 8)) == [("weekly", "2025-W15")]
    assert due(date(2025, 1, 1)) == []
    assert due(date(2025, 1, 2)) == [("monthly", "2024-12")]
    assert due(date(2025, 9, 3)) == [("weekly", "2025-W36"), ("monthly", "2025-08")]  # after 1–2/9


def test_the_office_calendar_overrides_the_public_one():
    office = WorkCalendar({date(2025, 7, 1): False})
    assert due(date(2025, 7, 1), office) == []
    assert due(date(2025, 7, 2), office) == [("monthly", "2025-06")]


def test_monthly_title_names_the_month_just_ended():
    (monthly,) = due_digests(date(2025, 1, 2), WorkCalendar())
    assert monthly.title("vi") == "<b>BÁO CÁO THÁNG 12/2024: TÌNH HÌNH THỰC HIỆN KẾ HOẠCH</b>"
