"""The new deadline a reply proposes: written dates, months, quarters, and spans from its day."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from bot.reading.amounts import fraction_spans
from bot.reading.folding import fold, preceded_by, rule

_FULL_DATE = rule(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})\b")
_DAY_MONTH = rule(r"\b(\d{1,2})\s*[/-]\s*(\d{1,2})\b(?!\s*[/.-]\s*\d)")
_WORDY_DATE = rule(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?")
_MONTH = rule(r"\b(?:cuoi\s+|het\s+)?thang\s+(\d{1,2})(?:\s*(?:/|nam)\s*(\d{4}))?")
_NEXT_MONTH = rule(r"\b(?:cuoi|het|sang|trong)\s+thang(?:\s+(nay|sau|toi))?(?!\s*\d)")
_QUARTER = rule(r"\b(?:cuoi\s+|het\s+)?quy\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:/|nam)\s*(\d{4}))?")
_THIS_QUARTER = rule(r"\b(?:cuoi|het)\s+quy\b(?!\s+(?:iv|iii|ii|i|[1-4])\b)")
_END_OF_YEAR = rule(r"\b(?:cuoi|het)\s+nam(?:\s+(\d{4}))?")
_SPAN = rule(r"\bthem\s+(\d{1,3}|mot|hai|ba|bon|nam|sau|muoi)\s+(ngay|tuan|thang)\b")
_NEXT_WEEK = rule(r"\b(?:sang|trong|den het|het)\s+tuan\s+(?:sau|toi)\b")
_DATE_LEAD_IN = rule(r"\b(?:den|toi|truoc|sang|lui|han|gia han|vao)(?:\s+het)?(?:\s+ngay)?\s*$")
# "Báo cáo số 15/BC-UBND ngày 12/3/2025": the date of a document, not a proposal.
_DOCUMENT_BEFORE = rule(
    r"(?:\d\s*/\s*[a-z]|\b(?:bao cao|ke hoach|cong van|quyet dinh|van ban|to trinh|thong bao"
    r"|nghi quyet|chi thi|huong dan|ket luan|nghi dinh|thong tu))"
    r"(?:(?!\b(?:den|toi|truoc|lui|gia han)\b)[^,;]){0,60}\bngay\s*$"
)
_NUMBERS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5, "sau": 6, "muoi": 10}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def read_date(text: str, today: date) -> date | None:
    """The proposed date in `text`: the one after "đến/trước/…" if any, else the last one."""
    return read_folded_date(fold(text)[1], today)


def read_folded_date(text: str, today: date) -> date | None:
    """`read_date` on folded text."""
    found: list[tuple[int, date]] = []
    taken: list[range] = fraction_spans(text)

    def add(start: int, end: int, value: date | None) -> None:
        if value is not None and not any(start in span for span in taken):
            found.append((start, value))
        taken.append(range(start, end))

    for match in _FULL_DATE.finditer(text):
        year = int(match.group(3))
        year = year + 2000 if year < 100 else year
        add(*match.span(), _safe_date(year, int(match.group(2)), int(match.group(1))))
    for match in _WORDY_DATE.finditer(text):
        day, month, stated = int(match.group(1)), int(match.group(2)), match.group(3)
        add(*match.span(), _dated(today, month, day, stated))
    for match in _DAY_MONTH.finditer(text):
        add(*match.span(), _dated(today, int(match.group(2)), int(match.group(1))))
    for match in _QUARTER.finditer(text):
        raw = match.group(1)
        quarter = _ROMAN.get(raw) or int(raw)
        add(*match.span(), _month_end(today, quarter * 3, match.group(2)))
    for match in _MONTH.finditer(text):
        add(*match.span(), _month_end(today, int(match.group(1)), match.group(2)))
    for match in _NEXT_MONTH.finditer(text):
        ahead = 0 if match.group(1) in (None, "nay") else 1
        add(*match.span(), _last_day(*_month_after(today, ahead)))
    for match in _THIS_QUARTER.finditer(text):
        add(*match.span(), _last_day(today.year, (today.month - 1) // 3 * 3 + 3))
    for match in _END_OF_YEAR.finditer(text):
        add(*match.span(), _safe_date(int(match.group(1) or today.year), 12, 31))
    for match in _SPAN.finditer(text):
        add(*match.span(), _after(today, match.group(1), match.group(2)))
    for match in _NEXT_WEEK.finditer(text):
        add(*match.span(), today + timedelta(days=11 - today.weekday()))  # next week's Friday
    found = [(start, day) for start, day in found if not _of_a_document(text, start)]
    if not found:
        return None
    found.sort()
    for start, value in found:
        if preceded_by(_DATE_LEAD_IN, text, start):
            return value
    return found[-1][1]


def _of_a_document(text: str, start: int) -> bool:
    return preceded_by(_DOCUMENT_BEFORE, text, start, width=90)


def _after(today: date, count: str, unit: str) -> date | None:
    """`today` plus "15 ngày", "2 tuần", "1 tháng" (a month later on the same day, or its end)."""
    amount = _NUMBERS.get(count) or int(count)
    if unit == "ngay":
        return today + timedelta(days=amount)
    if unit == "tuan":
        return today + timedelta(weeks=amount)
    year, month = _month_after(today, amount)
    if year > 9999:
        return None
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def _month_after(today: date, months: int) -> tuple[int, int]:
    index = today.month - 1 + months
    return today.year + index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _dated(today: date, month: int, day: int, year: str | None = None) -> date | None:
    """A day and month; without a year, the next one on or after today."""
    if year is not None:
        return _safe_date(int(year), month, day)
    value = _safe_date(today.year, month, day)
    if value is not None and value < today:
        value = _safe_date(today.year + 1, month, day)
    return value


def _last_day(year: int, month: int) -> date | None:
    if not 1 <= month <= 12 or not 1 <= year <= 9999:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_end(today: date, month: int, year: str | None) -> date | None:
    """The last day of a month; without a year, the next such month end on or after today."""
    if year is not None:
        return _last_day(int(year), month)
    value = _last_day(today.year, month)
    if value is not None and value < today:
        value = _last_day(today.year + 1, month)
    return value
