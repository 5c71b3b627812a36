"""`dondoc import FILE`: plan documents into the registry."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from bot.cli.common import console, open_database, print_json, run

if TYPE_CHECKING:
    from bot.plandoc import PlanDocument


def _show(document: PlanDocument) -> None:
    header = document.plan
    console.print(f"[bold]{header.title}[/bold]", highlight=False)
    console.print(
        f"Số: {header.number or '—'} · Cơ quan ban hành: {header.issuer or '—'} · "
        f"Ngày: {header.issued_on or '—'} · Người ký: {header.signed_by or '—'}",
        highlight=False,
    )
    table = Table("Mã", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "Định kỳ", "Cần kiểm tra")
    for task in document.tasks:
        table.add_row(
            task.code,
            task.title,
            "; ".join(task.lead_units),
            "; ".join(task.support_units),
            task.due.strftime("%d/%m/%Y") if task.due else "",
            (task.recurrence.value if task.recurrence else "")
            + (f" (ngày {task.report_day})" if task.report_day else ""),
            ", ".join(task.low_confidence),
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add `import`."""

    @app.command("import")
    @run
    async def import_command(
        file: Path = typer.Argument(..., help="Tệp kế hoạch: .yaml, .csv, .txt, .docx, .pdf"),
        dry_run: bool = typer.Option(
            False, "--dry-run", help="Chỉ đọc và hiển thị, không ghi / read only."
        ),
        as_json: bool = typer.Option(False, "--json", help="In JSON / print JSON."),
        details: bool = typer.Option(
            False, "--details", help="Kèm nguồn và độ tin cậy / with provenance."
        ),
    ) -> None:
        """Nhập kế hoạch từ tệp / import a plan from a file."""
        from bot.planparse import read_plan  # the document readers load only for this command

        document = read_plan(file)
        if dry_run:
            if as_json:
                print_json(document.to_json(with_details=details))
            else:
                _show(document)
                console.print("[yellow]Chạy thử: chưa ghi gì vào cơ sở dữ liệu.[/yellow]")
            return
        from bot.services.registry import import_plan

        database = await open_database()
        try:
            async with database.transaction() as session:
                result = await import_plan(session, document, actor="cli", source_name=file.name)
        finally:
            await database.dispose()
        summary = {
            "plan_id": result.plan.id,
            "created": result.created,
            "tasks_created": result.tasks_created,
            "tasks_updated": result.tasks_updated,
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
