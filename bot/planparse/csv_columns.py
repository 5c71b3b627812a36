"""CSV plans with Vietnamese headers (Mã, Nhiệm vụ, Chủ trì, …) and dd/mm/yyyy dates."""

from __future__ import annotations

import re
from datetime import datetime

from bot.unitmatch import ascii_fold

_HEADERS = {
    "code": ("ma", "stt", "tt", "so tt", "so thu tu", "ma nhiem vu"),
    "title": ("nhiem vu", "noi dung", "noi dung nhiem vu", "ten nhiem vu", "cong viec"),
    "lead_units": ("chu tri", "don vi chu tri", "co quan chu tri"),
    "support_units": ("phoi hop", "don vi phoi hop", "co quan phoi hop"),
    "due": ("thoi han", "han", "han hoan thanh", "thoi gian hoan thanh", "thoi han hoan thanh"),
    "recurrence": ("dinh ky", "ky bao cao"),
    "report_day": ("ngay bao cao",),
    "plan_title": ("ke hoach", "ten ke hoach"),
    "plan_number": ("so ke hoach", "so hieu", "so hieu ke hoach"),
    "plan_issuer": ("co quan ban hanh",),
    "plan_issued_on": ("ngay ban hanh",),
    "plan_signed_by": ("nguoi ky",),
}
_BY_HEADER = {header: field for field, headers in _HEADERS.items() for header in headers}
_RECURRENCES = [
    (re.compile(r"6 thang|nua nam|sau thang"), "semiannual"),
    (re.compile(r"thang"), "monthly"),
    (re.compile(r"quy"), "quarterly"),
    (re.compile(r"nam"), "yearly"),
    (re.compile(r"thuong xuyen|lien tuc"), "continuous"),
]
_DATE_FIELDS = ("due", "plan_issued_on")


def _field(header: str) -> str:
    folded = " ".join(re.sub(r"[^a-z0-9_ ]", " ", ascii_fold(header)).split())
    return _BY_HEADER.get(folded, header)


def _iso_date(value: str) -> str:
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(value.strip(), pattern).date().isoformat()
        except ValueError:
            continue
    return value


def _recurrence(value: str) -> str:
    folded = ascii_fold(value)
    return next((name for pattern, name in _RECURRENCES if pattern.search(folded)), value)


def english_rows(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Rows keyed by the English column names, dates as YYYY-MM-DD, recurrences by name."""
    converted = []
    for row in rows:
        plain = {_field(header): (value or "").strip() for header, value in row.items() if header}
        for name in _DATE_FIELDS:
            if plain.get(name):
                plain[name] = _iso_date(plain[name])
        if plain.get("recurrence"):
            plain["recurrence"] = _recurrence(plain["recurrence"])
        converted.append(plain)
    return converted
