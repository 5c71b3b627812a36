"""`dondoc letter`: urging letters (công văn đôn đốc) to units with overdue tasks."""

from __future__ import annotations

from pathlib import Path

import typer

from bot.cli.commands.summary import AT_HELP, now_or, parse_moment
from bot.cli.common import UserError, console, open_database, run, settings
from bot.texts import t


def _write(path: Path, content: bytes) -> None:
    try:
        path.write_bytes(content)
    except OSError as error:
        raise UserError(f"Không ghi được tệp {path}: {error.strerror}") from None


def register(app: typer.Typer) -> None:
    """Add `dondoc letter`."""

    @app.command("letter")
    @run
    async def letter_command(
        output: Path = typer.Option(
            ..., "--output", "-o", help="Tệp .docx (hoặc thư mục với --all)"
        ),
        unit: str | None = typer.Option(None, "--unit", help="Đơn vị nhận công văn / unit"),
        every: bool = typer.Option(
            False, "--all", help="Mỗi đơn vị có nhiệm vụ quá hạn một công văn"
        ),
        at: str | None = typer.Option(None, "--at", help=AT_HELP),
        plan: int | None = typer.Option(None, "--plan", help="ID kế hoạch (mặc định: mới nhất)"),
        reply_by: str | None = typer.Option(
            None, "--by", help="Hạn báo cáo (mặc định: sau 7 ngày) / report by (YYYY-MM-DD)"
        ),
    ) -> None:
        """Viết công văn đôn đốc đơn vị chậm thực hiện / write urging letters."""
        from bot.cli.commands.calendar import parse_day
        from bot.services.exports import urging_letters
        from bot.services.report_settings import SettingError, plan_or_latest
        from bot.services.units import UnitNotFound, get_unit

        if every == (unit is not None):
            raise UserError("Dùng đúng một trong hai: --unit TÊN_ĐƠN_VỊ hoặc --all.")
        config = settings()
        moment = now_or(parse_moment(at, config.tz), config.tz)
        by = parse_day(reply_by) if reply_by else None
        database = await open_database(config)
        try:
            async with database.reading() as session:
                chosen = await plan_or_latest(session, plan)
                unit_id = (await get_unit(session, unit)).id if unit else None
                letters = await urging_letters(
                    session, moment, config.tz, chosen.id, unit_id=unit_id, reply_by=by
                )
        except (SettingError, UnitNotFound) as error:
            raise UserError(str(error)) from None
        finally:
            await database.dispose()
        if not letters:
            key = "export.letter.no_lagging" if unit else "export.letter.none"
            raise UserError(t(key, "vi", unit=unit))
        if unit:
            ((name, document),) = letters
            _write(output, document.content)
            console.print(
                t("export.letter.written_one", "vi", unit=name, file=output), highlight=False
            )
            return
        output.mkdir(parents=True, exist_ok=True)
        for _name, document in letters:
            _write(output / document.file_name, document.content)
        console.print(
            t("export.letter.written", "vi", count=len(letters), folder=output), highlight=False
        )
