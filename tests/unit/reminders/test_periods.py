"""Reporting periods: keys, report dates, succession."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain import Recurrence
from bot.services.reminders.periods import (
    Period,
    cadence_months,
    parse_period_key,
    period_containing,
)


@pytest.mark.parametrize(
    ("months", "day", "key", "start", "end"),
    [
        (1, date(2025, 6, 14), "2025-06", date(2025, 6, 1), date(2025, 6, 30)),
        (3, date(2025, 5, 2), "2025Q2", date(2025, 4, 1), date(2025, 6, 30)),
        (6, date(2025, 11, 30), "2025H2", date(2025, 7, 1), date(2025, 12, 31)),
        (12, date(2024, 2, 29), "2024", date(2024, 1, 1), date(2024, 12, 31)),
    ],
)
def test_period_containing_a_day(months, day, key, start, end):
    period = period_containing(day, months)
    assert (period.key, period.start, period.end) == (key, start, end)
    assert parse_period_key(key) == period


def test_report_date_falls_in_the_last_month_and_is_clamped():
    assert Period(2025, 4, 3).report_date(20) == date(2025, 6, 20)
    assert Period(2025, 6, 1).report_date(31) == date(2025, 6, 30)
    assert Period(2024, 2, 1).report_date(30) == date(2024, 2, 29)


def test_following_crosses_the_year():
    assert Period(2025, 12, 1).following() == Period(2026, 1, 1)
    assert Period(2025, 10, 3).following() == Period(2026, 1, 3)
    assert Period(2025, 7, 6).following().key == "2026H1"


def test_cadence_of_each_recurrence():
    quarterly = Recurrence.QUARTERLY
    assert cadence_months("monthly", quarterly) == 1
    assert cadence_months("continuous", quarterly) == 3
    assert cadence_months("continuous", Recurrence.SEMIANNUAL) == 6
    assert cadence_months("yearly", quarterly) == 12
    assert cadence_months(None, quarterly) is None


def test_bad_key_is_refused():
    with pytest.raises(ValueError):
        parse_period_key("2025-Q2")
