"""`dondoc report`: record a report the office received by phone or on paper."""

from __future__ import annotations

from datetime import datetime, tzinfo

import typer
from rich.markup import escape

from bot.cli.common import CLI_ACTOR, UserError, console, open_database, print_json, run, settings
from bot.clock import SystemClock


def parse_moment(value: str, tz: tzinfo) -> datetime:
    """ "2025-03-20" (start of that day) or "2025-03-20T09:00", local time, as an aware moment."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise UserError(
            f"Thời điểm “{value}” không hợp lệ; dùng dạng 2025-03-20 hoặc 2025-03-20T09:00."
        ) from None
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment


def register(app: typer.Typer) -> None:
    """Add `report`."""

    @app.command("report")
    @run
    async def report_command(
        task: str = typer.Option(..., "--task", help="Mã nhiệm vụ, vd II.3"),
        unit: str = typer.Option(..., "--unit", help="Đơn vị báo cáo"),
        text: str = typer.Option(..., "--text", help="Nội dung báo cáo"),
        at: str | None = typer.Option(
            None, "--at", help="Thời điểm nhận báo cáo (giờ địa phương), vd 2025-03-20T09:00"
        ),
        plan: int | None = typer.Option(None, "--plan", help="ID kế hoạch (khi mã trùng)"),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Ghi báo cáo nhận qua điện thoại/giấy / record a report received by phone or paper."""
        from bot.services.progress import (
            ReportRefused,
            TaskRef,
            record_report,
            status_and_percent,
        )
        from bot.services.tasks import TaskNotFound, get_task
        from bot.services.units import UnitAmbiguous, UnitNotFound, get_unit

        config = settings()
        now = SystemClock().now()
        reported_at = parse_moment(at, config.tz) if at else now
        if reported_at > now:
            raise UserError("Thời điểm --at không được ở tương lai.")
        if not text.strip():
            raise UserError("Nội dung báo cáo (--text) không được để trống.")
        database = await open_database(config)
        try:
            async with database.transaction() as session:
                found_task = await get_task(session, task, plan)
                found_unit = await get_unit(session, unit)
                try:
                    recorded = await record_report(
                        session,
                        task=TaskRef.of(found_task),
                        unit=found_unit,
                        text=text,
                        source="cli",
                        entered_by=CLI_ACTOR,
                        reported_at=reported_at,
                        now=now,
                        tz=config.tz,
                    )
                except ReportRefused:
                    raise UserError(
                        f"Đơn vị “{found_unit.name}” không được giao nhiệm vụ {found_task.code} "
                        "(không chủ trì, không phối hợp)."
                    ) from None
        except (TaskNotFound, UnitNotFound, UnitAmbiguous) as error:
            raise UserError(str(error)) from None
        finally:
            await database.dispose()
        report, extension = recorded.report, recorded.extension
        if as_json:
            print_json(
                {
                    "report_id": report.id,
                    "task": found_task.code,
                    "unit": found_unit.name,
                    "percent": report.percent,
                    "status": report.status,
                    "proposed_due": report.proposed_due,
                    "reported_at": report.reported_at.astimezone(config.tz).isoformat(),
                    "extension_request_id": extension.id if extension else None,
                }
            )
            return
        when = report.reported_at.astimezone(config.tz).strftime("%d/%m/%Y %H:%M")
        console.print(
            f"Đã ghi nhận báo cáo nhiệm vụ {escape(found_task.code)} của {escape(found_unit.name)} "
            f"({when}): {status_and_percent(report, 'vi')}.",
            highlight=False,
        )
        if extension is not None:
            console.print(
                f"Đề nghị gia hạn đến {extension.proposed_due:%d/%m/%Y} đang chờ lãnh đạo duyệt.",
                highlight=False,
            )
        elif recorded.extension_error is not None:
            console.print(
                f"Chưa tạo đề nghị gia hạn: {escape(str(recorded.extension_error))}",
                highlight=False,
            )
