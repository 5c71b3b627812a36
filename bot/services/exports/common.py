"""What every export shares: Vietnamese labels, dates and the moment a report is "as of"."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.services.status import Status
from bot.texts import t

EXPORT_LOCALE = "vi"  # reports are administrative documents: always Vietnamese
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


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


def local_clock(moments: Sequence[datetime], tz: ZoneInfo) -> Callable[[datetime], datetime]:
    """`naive_local` for many stored UTC moments (naive or aware, all alike): when the zone keeps
    one offset over their span (checked day by day), adding it is all the work per moment."""
    if not moments:
        return lambda at: naive_local(at, tz)
    first, last = min(moments), max(moments)
    offsets = {
        naive_local(day, tz) - day.replace(tzinfo=None)
        for day in _days(as_utc(first), as_utc(last))
    }
    if len(offsets) > 1:
        return lambda at: naive_local(as_utc(at), tz)
    offset = offsets.pop()
    if first.tzinfo is None:
        return lambda at: at + offset
    # Aware: their distance from an epoch, ten times cheaper than `replace(tzinfo=None)`.
    local_epoch = EPOCH.replace(tzinfo=None) + offset
    return lambda at: local_epoch + (at - EPOCH)


def as_utc(at: datetime) -> datetime:
    """A stored moment, aware in UTC (SQLite keeps them naive)."""
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def _days(first: datetime, last: datetime) -> list[datetime]:
    """`first`, each day after it up to `last`, and `last`."""
    count = (last - first).days
    return [first + timedelta(days=n) for n in range(count + 1)] + [last]
