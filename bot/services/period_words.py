"""Periods and plan numbers as people write them: "2025-Q1" on the command line, "quý I" in chat."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from bot.services.reminders.periods import Period, parse_period_key
from bot.texts import t

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_CLI = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{1,2})|-?(?P<kind>[QqHh])(?P<index>\d))?$")
_YEAR = r"(?:\s*(?:/|năm)\s*(?P<year>\d{4}))?"
_MONTH = re.compile(r"\btháng\s+(?P<month>\d{1,2})(?:\s*/\s*|\s+năm\s+)?(?P<year>\d{4})?\b")
_QUARTER = re.compile(r"\bquý\s+(?P<quarter>iv|iii|ii|i|[1-4])\b" + _YEAR)
_HALF = re.compile(r"\b6\s+tháng(?:\s+(?P<which>đầu|cuối))?(?:\s+năm)?(?:\s*/?\s*(?P<year>\d{4}))?")
_WHOLE_YEAR = re.compile(r"\bnăm\s+(?P<year>\d{4}|nay)\b")
# "15-KH/HU", "112/KH-UBND", "05-CTr/TU": a number, then a document kind and its issuer's code.
PLAN_NUMBER = re.compile(
    r"\b\d{1,4}[a-z]?\s*[-/]\s*(?:KH|CTr|CTHĐ|ĐA|QĐ|NQ|KL|TB|CT)(?:[-/][\wĐđ.]+)+", re.IGNORECASE
)

# "thực hiện Thông báo số 730-TB/TU", "thực hiện Kế hoạch số 15-KH/HU": the document carried out.
_IMPLEMENTS = re.compile(r"thực hiện\s+(?:[^\W\d_]+\s+){1,4}số\s+", re.IGNORECASE)


class PeriodError(ValueError):
    """A period that cannot be read (the message says how to write it)."""


@dataclass(frozen=True, slots=True)
class ChatQuery:
    """What a leader's words ask for: a period, a plan number, and what is left of the text."""

    period: Period | None
    plan_number: str | None
    rest: str


def parse_cli_period(text: str) -> Period:
    """ "2025-03", "2025-Q1", "2025-H1" or "2025"."""
    found = _CLI.match(text.strip())
    if found is None or (found["month"] and not 1 <= int(found["month"]) <= 12):
        raise PeriodError(t("export.period.invalid", "vi", value=text))
    year = found["year"]
    if found["month"]:
        return parse_period_key(f"{year}-{int(found['month']):02d}")
    if found["kind"]:
        kind, index = found["kind"].upper(), int(found["index"])
        if not 1 <= index <= (4 if kind == "Q" else 2):
            raise PeriodError(t("export.period.invalid", "vi", value=text))
        return parse_period_key(f"{year}{kind}{index}")
    return parse_period_key(year)


def period_or_none(key: str) -> Period | None:
    """The period a `Period.key` names (as a button carries it); None for anything else."""
    try:
        return parse_period_key(key)
    except ValueError:
        return None


def read_chat_query(text: str, today: date) -> ChatQuery:
    """ "quý I 15-KH/HU" → the first quarter (of the latest year it has begun in) and the plan.

    A period without a year is the latest one that has begun by `today`.
    """
    rest = text
    number = PLAN_NUMBER.search(rest)
    if number:
        rest = rest[: number.start()] + rest[number.end() :]
    period, rest = _read_period(rest, today)
    plan_number = "".join(number.group(0).split()) if number else None
    return ChatQuery(period, plan_number, " ".join(rest.split()))


def implemented_number(text: str) -> str | None:
    """The number of the document a plan says it carries out ("… thực hiện Chỉ thị số 05-CT/TW …")."""
    for intro in _IMPLEMENTS.finditer(text):
        number = PLAN_NUMBER.match(text, intro.end())
        if number:
            return "".join(number.group(0).split())
    return None


def number_key(number: str) -> str:
    """A document number as compared: case and spaces do not matter ("15-kh/hu" is "15-KH/HU")."""
    return "".join(unicodedata.normalize("NFC", number).split()).casefold()


def _read_period(text: str, today: date) -> tuple[Period | None, str]:
    lowered = text.lower()
    for pattern, build in ((_MONTH, _month), (_QUARTER, _quarter), (_HALF, _half),
                           (_WHOLE_YEAR, _year)):  # fmt: skip
        found = pattern.search(lowered)
        if found:
            period = build(found, today)
            if period is not None:
                return period, text[: found.start()] + text[found.end() :]
    return None, text


def _latest(first_month: int, months: int, year: str | None, today: date) -> Period:
    if year:
        return Period(int(year), first_month, months)
    begun = date(today.year, first_month, 1) <= today
    return Period(today.year if begun else today.year - 1, first_month, months)


def _month(found: re.Match, today: date) -> Period | None:
    month = int(found["month"])
    return _latest(month, 1, found["year"], today) if 1 <= month <= 12 else None


def _quarter(found: re.Match, today: date) -> Period:
    quarter = ROMAN.get(found["quarter"]) or int(found["quarter"])
    return _latest(quarter * 3 - 2, 3, found["year"], today)


def _half(found: re.Match, today: date) -> Period:
    return _latest(7 if found["which"] == "cuối" else 1, 6, found["year"], today)


def _year(found: re.Match, today: date) -> Period:
    year = today.year if found["year"] == "nay" else int(found["year"])
    return Period(year, 1, 12)


def period_label(period: Period) -> str:
    """ "tháng 3 năm 2025", "quý I năm 2025", "6 tháng đầu năm 2025", "năm 2025"."""
    index = period.index
    match period.months:
        case 1:
            return t("export.period.month", "vi", month=period.first_month, year=period.year)
        case 3:
            roman = next(k for k, v in ROMAN.items() if v == index).upper()
            return t("export.period.quarter", "vi", quarter=roman, year=period.year)
        case 6:
            key = "export.period.first_half" if index == 1 else "export.period.second_half"
            return t(key, "vi", year=period.year)
    return t("export.period.year", "vi", year=period.year)
