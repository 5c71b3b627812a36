"""Working days: Monday–Friday and make-up days, minus Vietnamese public holidays and office overrides."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

import holidays
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import CalendarDay, Committee
from db.scope import session_scope

COUNTRY, LANGUAGE = "VN", "vi"
# Even Tết with its bridges stays under 15 days off; a longer run means a broken calendar.
MAX_DAYS_OFF_IN_A_ROW = 60
ONE_DAY = timedelta(days=1)


class CalendarError(ValueError):
    """The overrides leave no working day within reach."""


class WorkCalendar:
    """Answers "is this a working day?" for the committee's office."""

    def __init__(self, overrides: Mapping[date, bool] | None = None):
        self.overrides = dict(overrides or {})
        # The `holidays` package knows Tết, Giỗ Tổ, substituted days off and make-up Saturdays.
        self._holidays = holidays.country_holidays(COUNTRY, language=LANGUAGE)
        self._cache: dict[date, bool] = {}

    def is_working(self, day: date) -> bool:
        """Whether the office works on `day` (an override wins over the public calendar)."""
        known = self._cache.get(day)
        if known is None:
            known = self.overrides.get(day)
            if known is None:
                known = bool(self._holidays.is_working_day(day))
            self._cache[day] = known
        return known

    def holiday_name(self, day: date) -> str | None:
        """The public holiday on `day`, if any (its Vietnamese name)."""
        return self._holidays.get(day)

    @staticmethod
    def public_days(year: int) -> list[tuple[date, bool, str]]:
        """A year's public holidays and make-up working Saturdays, before office overrides."""
        public = holidays.country_holidays(COUNTRY, years=year, language=LANGUAGE)
        days = [(day, False, name) for day, name in public.items()]
        days += [(day, True, "Ngày làm bù") for day in public.weekend_workdays if day.year == year]
        return sorted(days)

    def previous_working(self, day: date, *, strictly: bool = False) -> date:
        """The working day on or before `day` (strictly before when asked)."""
        return self._walk(day - ONE_DAY if strictly else day, -ONE_DAY)

    def next_working(self, day: date, *, strictly: bool = False) -> date:
        """The working day on or after `day` (strictly after when asked)."""
        return self._walk(day + ONE_DAY if strictly else day, ONE_DAY)

    def working_days_before(self, day: date, count: int) -> date:
        """The working day `count` working days before `day` (`day` itself need not be one)."""
        for _ in range(count):
            day = self.previous_working(day, strictly=True)
        return day

    def _walk(self, day: date, step: timedelta) -> date:
        for _ in range(MAX_DAYS_OFF_IN_A_ROW):
            if self.is_working(day):
                return day
            day += step
        raise CalendarError(
            f"Không có ngày làm việc nào trong {MAX_DAYS_OFF_IN_A_ROW} ngày quanh {day:%d/%m/%Y}."
        )


async def load_calendar(session: AsyncSession, committee_id: int | None = None) -> WorkCalendar:
    """The calendar with the deployment's overrides from `calendar_days`, then the committee's
    own days (of `committee_id`, else of the committee the session acts for)."""
    rows = await session.execute(select(CalendarDay.day, CalendarDay.working))
    overrides = {day: working for day, working in rows}
    scope = session_scope(session)
    committee_id = committee_id or (scope.own if scope else None)
    if committee_id is not None:
        own = await session.scalar(select(Committee.calendar).where(Committee.id == committee_id))
        overrides |= {date.fromisoformat(day): kind == "work" for day, kind in (own or {}).items()}
    return WorkCalendar(overrides)
