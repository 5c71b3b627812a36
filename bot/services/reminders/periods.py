"""Reporting periods of recurring tasks: month, quarter, half-year, year."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from bot.domain import Recurrence

PERIOD_MONTHS = {
    Recurrence.MONTHLY: 1,
    Recurrence.QUARTERLY: 3,
    Recurrence.SEMIANNUAL: 6,
    Recurrence.YEARLY: 12,
}
_KEY = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})|Q(?P<quarter>[1-4])|H(?P<half>[12]))?$")


@dataclass(frozen=True, slots=True)
class Period:
    """One reporting period: `months` long, starting on the first of a month."""

    year: int
    first_month: int
    months: int

    @property
    def start(self) -> date:
        """Its first day."""
        return date(self.year, self.first_month, 1)

    @property
    def last_month(self) -> int:
        """The month the period's report is due in."""
        return self.first_month + self.months - 1

    @property
    def end(self) -> date:
        """Its last day."""
        return date(self.year, self.last_month, calendar.monthrange(self.year, self.last_month)[1])

    @property
    def index(self) -> int:
        """Which period of the year it is, from 1."""
        return (self.first_month - 1) // self.months + 1

    @property
    def key(self) -> str:
        """A stable name: "2025-06", "2025Q2", "2025H1" or "2025"."""
        match self.months:
            case 1:
                return f"{self.year}-{self.first_month:02d}"
            case 3:
                return f"{self.year}Q{self.index}"
            case 6:
                return f"{self.year}H{self.index}"
        return str(self.year)

    def report_date(self, report_day: int) -> date:
        """The report day in the period's last month (the 31st becomes the month's last day)."""
        last = calendar.monthrange(self.year, self.last_month)[1]
        return date(self.year, self.last_month, min(report_day, last))

    def following(self) -> Period:
        """The next period."""
        month = self.first_month + self.months
        return Period(self.year + (month > 12), (month - 1) % 12 + 1, self.months)

    def contains(self, day: date) -> bool:
        """Whether `day` falls in the period."""
        return self.start <= day <= self.end


def cadence_months(recurrence: str | None, continuous_cadence: Recurrence) -> int | None:
    """Months per reporting period; `continuous` uses the policy's cadence; None: not recurring."""
    if recurrence is None:
        return None
    kind = Recurrence(recurrence)
    return PERIOD_MONTHS[continuous_cadence if kind is Recurrence.CONTINUOUS else kind]


def period_containing(day: date, months: int) -> Period:
    """The period of this length that `day` falls in."""
    return Period(day.year, (day.month - 1) // months * months + 1, months)


def parse_period_key(key: str) -> Period:
    """The period a `Period.key` names."""
    found = _KEY.match(key)
    if found is None:
        raise ValueError(f"not a period key: {key!r}")
    year = int(found["year"])
    if found["month"]:
        return Period(year, int(found["month"]), 1)
    if found["quarter"]:
        return Period(year, int(found["quarter"]) * 3 - 2, 3)
    if found["half"]:
        return Period(year, int(found["half"]) * 6 - 5, 6)
    return Period(year, 1, 12)
