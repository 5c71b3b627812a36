"""What every export shares: Vietnamese labels, dates and the moment a report is "as of"."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from bot.services.status import Status
from bot.texts import t

EXPORT_LOCALE = "vi"  # reports are administrative documents: always Vietnamese


def vi(key: str, **values: object) -> str:
    """A catalogue text in Vietnamese (exports are not HTML: nothing to escape)."""
    return t(key, EXPORT_LOCALE, **values)


def status_label(status: Status | str) -> str:
    """ "Đã hoàn thành đúng hạn", "Quá hạn"…"""
    return vi(f"summary.status.{Status(status).value}")


def cadence_label(recurrence: str) -> str:
    """ "hằng quý", "hằng tháng"…"""
    return vi(f"summary.recurrence.{recurrence}")


def short_date(day: date) -> str:
    """dd/mm/yyyy."""
    return day.strftime("%d/%m/%Y")


def as_of(at: datetime, tz: ZoneInfo) -> dict[str, str]:
    """`time` and `date` for "tính đến {time} ngày {date}"; the end of a day reads "hết"."""
    local = at.astimezone(tz)
    moment = "hết" if local.time() >= time(23, 59, 59) else local.strftime("%H:%M")
    return {"time": moment, "date": short_date(local.date())}


def naive_local(at: datetime, tz: ZoneInfo) -> datetime:
    """A local wall-clock time without zone (spreadsheets have no time zones)."""
    return at.astimezone(tz).replace(tzinfo=None)
