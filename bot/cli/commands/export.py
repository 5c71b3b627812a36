"""`dondoc export`: the summary as a .docx report, an .xlsx workbook or a PNG chart."""

from __future__ import annotations

from pathlib import Path

import typer

from bot.cli.commands.summary import AT_HELP, now_or, parse_moment
from bot.cli.common import UserError, console, open_database, run, settings


def register(app: typer.Typer) -> None:
    """Add `dondoc export`."""

    @app.command("export")
    @run
    async def export_command(
        fmt: str = typer.Option(..., "--format", help="docx | xlsx | png"),
        output: Path = typer.Option(..., "--output", "-o", help="Tệp kết quả / output file"),
        at: str | None = typer.Option(None, "--at", help=AT_HELP),
        plan: int | None = typer.Option(None, "--plan", help="ID kế hoạch / plan id"),
    ) -> None:
        """Xuất báo cáo .docx, .xlsx hoặc biểu đồ / export a report."""
        from bot.services.exports import FORMATS, export_document

        if fmt not in FORMATS:
            raise UserError(
                f"Định dạng “{fmt}” không hỗ trợ; dùng một trong: {', '.join(FORMATS)}."
            )
        config = settings()
        moment = now_or(parse_moment(at, config.tz), config.tz)
        database = await open_database(config)
        try:
            async with database.reading() as session:
                document = await export_document(session, fmt, moment, config.tz, plan)
        finally:
            await database.dispose()
        try:
            output.write_bytes(document.content)
        except OSError as error:
            raise UserError(f"Không ghi được tệp {output}: {error.strerror}") from None
        console.print(f"Đã xuất {output} ({len(document.content):,} byte).", highlight=False)
