"""`dondoc import FILE`: plan documents into the registry."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from bot.cli.common import console, error_console, open_database, print_json, run

if TYPE_CHECKING:
    from bot.plandoc import PlanDocument
    from db.models import Unit


def _show(document: PlanDocument) -> None:
    header = document.plan
    console.print(f"[bold]{escape(header.title)}[/bold]", highlight=False)
    console.print(
        escape(
            f"Số: {header.number or '—'} · Cơ quan ban hành: {header.issuer or '—'} · "
            f"Ngày: {header.issued_on or '—'} · Người ký: {header.signed_by or '—'}"
        ),
        highlight=False,
    )
    table = Table("Mã", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "Định kỳ", "Cần kiểm tra")
    for task in document.tasks:
        table.add_row(
            escape(task.code),
            escape(task.title),
            escape("; ".join(task.lead_units)),
            escape("; ".join(task.support_units)),
            task.due.strftime("%d/%m/%Y") if task.due else "",
            (task.recurrence.value if task.recurrence else "")
            + (f" (ngày {task.report_day})" if task.report_day else ""),
            ", ".join(task.low_confidence),
        )
    console.print(table)


def _unit_names(document: PlanDocument) -> list[str]:
    return [name for task in document.tasks for name in (*task.lead_units, *task.support_units)]


def _suggest(lookalikes: list[tuple[str, list[Unit]]], *, before_import: bool) -> None:
    """Near-duplicates of existing units: an alias before importing, a merge after."""
    for name, units in lookalikes:
        existing = units[0].name
        command = (
            f'dondoc units alias "{existing}" "{name}"'
            if before_import
            else f'dondoc units merge "{name}" "{existing}"'
        )
        error_console.print(
            f"Gợi ý: “{name}” gần giống đơn vị đã có “{existing}”; nếu là một: {command}",
            highlight=False,
        )


def register(app: typer.Typer) -> None:
    """Add `import`."""

    @app.command("import")
    @run
    async def import_command(
        file: Path = typer.Argument(
            ..., help="Tệp kế hoạch: .yaml, .csv, .txt, .docx, .pdf, .xlsx"
        ),
        dry_run: bool = typer.Option(
            False, "--dry-run", help="Chỉ đọc và hiển thị, không ghi / read only."
        ),
        as_json: bool = typer.Option(False, "--json", help="In JSON / print JSON."),
        details: bool = typer.Option(
            False, "--details", help="Kèm nguồn và độ tin cậy / with provenance."
        ),
        implements: str | None = typer.Option(
            None,
            "--implements",
            help="Số văn bản cấp trên mà kế hoạch thực hiện, vd 730-TB/TU (mặc định: đọc từ tên) "
            "/ the parent document it implements",
        ),
    ) -> None:
        """Nhập kế hoạch từ tệp / import a plan from a file."""
        # The document readers load only for this command, and in a child process.
        from bot.planparse.isolated import parse_plan_file_off_loop
        from bot.services.registry import import_plan
        from bot.services.unit_resolver import near_duplicates

        document = await parse_plan_file_off_loop(file)
        database = await open_database()
        try:
            async with database.reading() as session:
                lookalikes = await near_duplicates(session, _unit_names(document))
            if dry_run:
                if as_json:
                    print_json(document.to_json(with_details=details))
                else:
                    _show(document)
                    console.print("[yellow]Chạy thử: chưa ghi gì vào cơ sở dữ liệu.[/yellow]")
                _suggest(lookalikes, before_import=True)
                return
            async with database.transaction() as session:
                result = await import_plan(
                    session, document, actor="cli", source_name=file.name, implements=implements
                )
        finally:
            await database.dispose()
        _suggest(lookalikes, before_import=False)
        summary = {
            "plan_id": result.plan.id,
            "created": result.created,
            "tasks_created": result.tasks_created,
            "tasks_updated": result.tasks_updated,
            "implements": result.plan.implements,
        }
        if as_json:
            print_json(summary)
        else:
            verb = "Đã nhập" if result.created else "Đã cập nhật"
            console.print(
                f"{verb} kế hoạch #{result.plan.id}: {result.tasks_created} nhiệm vụ mới, "
                f"{result.tasks_updated} nhiệm vụ cập nhật.",
                highlight=False,
            )
