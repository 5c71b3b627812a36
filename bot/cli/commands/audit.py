"""`dondoc audit`: who changed what (a task's history, or everything since a day)."""

from __future__ import annotations

from datetime import datetime, time

import typer
from rich.markup import escape
from rich.table import Table

from bot.cli.common import UserError, console, open_database, print_json, run, settings


def register(app: typer.Typer) -> None:
    """Add `dondoc audit`."""

    @app.command("audit")
    @run
    async def audit_command(
        task: str | None = typer.Option(None, "--task", help="Mã nhiệm vụ / task code"),
        plan: int | None = typer.Option(None, "--plan", help="ID kế hoạch (khi mã trùng)"),
        since: str | None = typer.Option(None, "--since", help="Từ ngày (YYYY-MM-DD) / since"),
        limit: int = typer.Option(500, "--limit", min=1, help="Số dòng tối đa / most rows"),
        as_json: bool = typer.Option(False, "--json", help="In JSON / print JSON"),
    ) -> None:
        """Nhật ký thay đổi: ai đã thay đổi gì / the audit log."""
        from bot.cli.commands.calendar import parse_day
        from bot.services.audit_log import action_label, audit_json, details_text, read_audit
        from bot.services.tasks import TaskNotFound, get_task

        config = settings()
        start = datetime.combine(parse_day(since), time.min, config.tz) if since else None
        database = await open_database(config)
        try:
            async with database.reading() as session:
                found = await get_task(session, task, plan) if task else None
                rows = await read_audit(session, found, start, limit)
        except TaskNotFound as error:
            raise UserError(str(error)) from None
        finally:
            await database.dispose()
        if as_json:
            print_json(audit_json(rows, config.tz))
            return
        table = Table("Thời điểm", "Người thực hiện", "Thay đổi", "Chi tiết")
        for row in rows:
            table.add_row(f"{row.at.astimezone(config.tz):%d/%m/%Y %H:%M}", escape(row.actor),
                          escape(action_label(row, "vi")), escape(details_text(row.details)))  # fmt: skip
        console.print(table)
