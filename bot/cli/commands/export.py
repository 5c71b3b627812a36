"""`dondoc export`: the summary as a .docx report, an .xlsx workbook or a PNG chart."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from bot.cli.commands.summary import AT_HELP, now_or, parse_moment
from bot.cli.common import UserError, console, open_database, run, settings

if TYPE_CHECKING:
    from bot.services.reminders.periods import Period


def _period(text: str | None) -> Period | None:
    from bot.services.period_words import PeriodError, parse_cli_period

    if text is None:
        return None
    try:
        return parse_cli_period(text)
    except PeriodError as error:
        raise UserError(str(error)) from None


async def _rollup(database, moment, tz):
    """The committees below the one acted for, if it has any (their table ends the .docx)."""
    from bot.services.rollup import build_rollup
    from db.scope import current_scope

    scope = current_scope()
    return await build_rollup(database, scope.own, moment, tz) if scope else None


def register(app: typer.Typer) -> None:
    """Add `dondoc export`."""

    @app.command("export")
    @run
    async def export_command(
        fmt: str = typer.Option(..., "--format", help="docx | xlsx | png"),
        output: Path = typer.Option(..., "--output", "-o", help="Tệp kết quả / output file"),
        at: str | None = typer.Option(None, "--at", help=AT_HELP),
        plan: int | None = typer.Option(None, "--plan", help="ID kế hoạch / plan id"),
        period: str | None = typer.Option(
            None, "--period", help="Báo cáo kỳ / period report: 2025-03 | 2025-Q1 | 2025-H1 | 2025"
        ),
    ) -> None:
        """Xuất báo cáo .docx, .xlsx hoặc biểu đồ / export a report."""
        from bot.services.exports import FORMATS, PERIOD_FORMATS, export_document, export_period

        if fmt not in FORMATS:
            raise UserError(
                f"Định dạng “{fmt}” không hỗ trợ; dùng một trong: {', '.join(FORMATS)}."
            )
        if period is not None and fmt not in PERIOD_FORMATS:
            raise UserError(f"Báo cáo kỳ xuất được dạng: {', '.join(PERIOD_FORMATS)}.")
        config = settings()
        moment = now_or(parse_moment(at, config.tz), config.tz)
        chosen = _period(period)
        database = await open_database(config)
        try:
            rollup = await _rollup(database, moment, config.tz) if plan is None else None
            async with database.reading() as session:
                if chosen is None:
                    document = await export_document(session, fmt, moment, config.tz, plan, rollup)
                else:
                    document = await export_period(
                        session, fmt, chosen, moment, config.tz, plan, rollup
                    )
        finally:
            await database.dispose()
        try:
            output.write_bytes(document.content)
        except OSError as error:
            raise UserError(f"Không ghi được tệp {output}: {error.strerror}") from None
        console.print(
            f"Đã xuất {escape(str(output))} ({len(document.content):,} byte).", highlight=False
        )
