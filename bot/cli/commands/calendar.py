"""`dondoc calendar`: the office's days off and make-up working days on top of the public calendar."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:
    from sqlalchemy import Select


from bot.cli.common import UserError, console, open_database, print_json, run

WEEKDAYS = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")


def parse_day(text: str) -> date:
    """YYYY-MM-DD or DD/MM/YYYY."""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise UserError(f"Ngày “{text}” không hợp lệ; viết YYYY-MM-DD hoặc DD/MM/YYYY.")


async def _override(day_text: str, working: bool, note: str | None) -> None:
    from bot.services.reminders.changes import set_calendar_day

    day = parse_day(day_text)
    database = await open_database()
    try:
        async with database.transaction() as session:
            await set_calendar_day(session, day, working, note, "cli")
    finally:
        await database.dispose()
    what = "ngày làm việc (làm bù)" if working else "ngày nghỉ"
    console.print(
        f"Đã đặt {day:%d/%m/%Y} là {what}; lịch nhắc việc sẽ được tính lại.", highlight=False
    )


def register(app: typer.Typer) -> None:
    """Add `calendar add-holiday | add-workday | remove | list`."""
    calendar_app = typer.Typer(
        help="Lịch ngày làm việc: ngày nghỉ, ngày làm bù / working-day calendar.",
        no_args_is_help=True,
    )
    app.add_typer(calendar_app, name="calendar")

    @calendar_app.command("add-holiday")
    @run(committee=False)
    async def add_holiday(
        day: str = typer.Argument(..., help="Ngày (YYYY-MM-DD)"),
        note: str | None = typer.Option(None, "--note", help="Ghi chú / note"),
    ) -> None:
        """Thêm một ngày nghỉ / add a day off."""
        await _override(day, False, note)

    @calendar_app.command("add-workday")
    @run(committee=False)
    async def add_workday(
        day: str = typer.Argument(..., help="Ngày (YYYY-MM-DD)"),
        note: str | None = typer.Option(None, "--note", help="Ghi chú / note"),
    ) -> None:
        """Thêm một ngày làm việc (làm bù) / add a make-up working day."""
        await _override(day, True, note)

    @calendar_app.command("remove")
    @run(committee=False)
    async def remove(day: str = typer.Argument(..., help="Ngày (YYYY-MM-DD)")) -> None:
        """Bỏ một ngày đã đặt, trở lại lịch nhà nước / drop an override."""
        from bot.services.reminders.changes import remove_calendar_day

        parsed = parse_day(day)
        database = await open_database()
        try:
            async with database.transaction() as session:
                removed = await remove_calendar_day(session, parsed, "cli")
        finally:
            await database.dispose()
        if not removed:
            raise UserError(f"Ngày {parsed:%d/%m/%Y} chưa được đặt riêng.")
        console.print(f"Đã bỏ ngày {parsed:%d/%m/%Y}; áp dụng lịch nhà nước.", highlight=False)

    @calendar_app.command("list")
    @run(committee=False)
    async def list_days(
        year: int | None = typer.Option(None, "--year", help="Năm (mặc định: năm nay)"),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Ngày nghỉ lễ, ngày làm bù và ngày văn phòng đặt riêng / holidays and overrides."""
        from bot.services.calendar import WorkCalendar

        year = year or date.today().year
        database = await open_database()
        try:
            async with database.reading() as session:
                overrides = {row.day: row for row in await session.scalars(_overrides_of(year))}
        finally:
            await database.dispose()
        days = {
            day: (working, name, "public") for day, working, name in WorkCalendar.public_days(year)
        }
        for day, row in overrides.items():
            days[day] = (row.working, row.note or "", "office")
        rows: list[dict[str, Any]] = [
            {"day": day.isoformat(), "working": working, "name": name, "source": source}
            for day, (working, name, source) in sorted(days.items())
        ]
        if as_json:
            print_json(rows)
            return
        table = Table(title=f"Lịch làm việc {year} (ngoài thứ Hai–thứ Sáu thông thường)")
        for column in ("Ngày", "Thứ", "Loại", "Tên / ghi chú", "Nguồn"):
            table.add_column(column)
        for row, day in zip(rows, sorted(days), strict=True):
            kind = "làm việc" if row["working"] else "nghỉ"
            source = "văn phòng" if row["source"] == "office" else "nhà nước"
            table.add_row(
                f"{day:%d/%m/%Y}", WEEKDAYS[day.weekday()], kind, escape(row["name"]), source
            )
        console.print(table)


def _overrides_of(year: int) -> Select:
    from sqlalchemy import select

    from db.models import CalendarDay

    return select(CalendarDay).where(CalendarDay.day.between(date(year, 1, 1), date(year, 12, 31)))
