"""`dondoc remind`: send what has come due now, or show what the policy schedules on a date."""

from __future__ import annotations

import json
from contextlib import AsyncExitStack
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from bot.cli.commands.calendar import parse_day
from bot.cli.common import (
    DEPLOYMENT,
    UserError,
    console,
    open_database,
    print_json,
    run,
    settings,
)
from bot.domain import Channel, SlotState

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.core import Core

KIND_NAMES = {
    "before_due": "trước hạn",
    "due": "đến hạn",
    "overdue": "quá hạn",
    "escalation": "báo lãnh đạo",
    "report_request": "đề nghị báo cáo",
    "report_overdue": "chưa báo cáo",
    "snooze": "nhắc lại",
}


async def open_channels(stack: AsyncExitStack, core: Core) -> None:
    """Connect every bot whose token is at hand (the deployment's and its committees'), for
    sending only (closed with the stack); a committee's bot without its token is reported."""
    import os

    from bot.messages import ChannelError, ChannelPort
    from bot.services.bots import configured_bots

    config = core.settings
    plan = await configured_bots(core.db, config, os.environ)
    for missing in plan.missing:
        console.print(missing.line(config.locale), highlight=False, markup=False)
    for bot in plan.bots:
        port: ChannelPort
        try:
            if bot.platform == Channel.TELEGRAM:
                from bot.channels.telegram import TelegramChannel, translated_errors
                from bot.channels.telegram_service import build_application

                application = build_application(bot.token, config.telegram_api_url)
                with translated_errors():
                    await stack.enter_async_context(application.bot)
                port = core.channels[bot.channel] = TelegramChannel(application.bot, bot.channel)
            else:
                from bot.zalo_setup import build_zalo

                service = build_zalo(core, channel_name=bot.channel, token=bot.token)
                stack.push_async_callback(service.stop)
                port = service.channel
        except ChannelError as error:
            from bot.channels.failures import describe_channel_failure

            raise UserError(describe_channel_failure(bot.channel, error, config.locale)) from None
        for alias in bot.aliases:
            core.channels[alias] = port


def _window(config: Settings, on: str | None, at: str | None) -> tuple[date, datetime | None]:
    if at is not None:
        try:
            moment = datetime.fromisoformat(at)
        except ValueError:
            raise UserError(f"Thời điểm “{at}” không hợp lệ; viết YYYY-MM-DDTHH:MM.") from None
        moment = moment if moment.tzinfo else moment.replace(tzinfo=config.tz)
        return moment.astimezone(config.tz).date(), moment
    return (parse_day(on) if on else datetime.now(config.tz).date()), None


async def dry_run(
    config: Settings, on: str | None, at: str | None, plan: int | None, as_json: bool
) -> None:
    """Print the reminders the policy schedules on a date (or up to a moment)."""
    from bot.services.reminders.dryrun import scheduled_on

    day, until = _window(config, on, at)
    database = await open_database(config)
    try:
        async with database.reading() as session:
            found = await scheduled_on(session, day, config.tz, until=until, plan_id=plan)
    finally:
        await database.dispose()
    if as_json:
        print_json([item.to_json() for item in found])
        return
    table = Table(title=f"Nhắc việc theo lịch ngày {day:%d/%m/%Y} ({len(found)})")
    for column in ("Giờ", "Nhiệm vụ", "Đơn vị", "Loại"):
        table.add_column(column)
    for item in found:
        table.add_row(
            f"{item.at:%H:%M}",
            escape(item.task),
            escape(item.unit or "—"),
            KIND_NAMES.get(item.kind, item.kind),
        )
    console.print(table)


async def send_now(config: Settings, as_json: bool) -> None:
    """Send every slot whose day has come (ignoring the send time), through the configured channels."""
    from bot.core import Core
    from bot.services.reminders.sweep import Sweeper

    if not (config.telegram_bot_token or config.zalo_bot_token):
        raise UserError(
            "Chưa cấu hình kênh gửi: đặt TELEGRAM_BOT_TOKEN (hoặc ZALO_BOT_TOKEN) trong .env."
        )
    database = await open_database(config)
    core = Core(settings=config, db=database)
    async with AsyncExitStack() as stack:
        stack.push_async_callback(database.dispose)
        await open_channels(stack, core)
        tomorrow = core.clock.now().astimezone(config.tz).date() + timedelta(days=1)
        cutoff = datetime.combine(tomorrow, time(0), tzinfo=config.tz) - timedelta(microseconds=1)
        result = await Sweeper(core.deps).sweep(cutoff=cutoff)
        unsent = {
            slot: state
            for slot, state in result.states.items()
            if state in (SlotState.UNDELIVERABLE, SlotState.PENDING)
        }
        async with database.reading() as session:
            rows = await _describe(session, [slot for slot, *_chat in result.sent] + list(unsent))
    sent = [
        {**rows[slot], "channel": channel, "chat_id": chat} for slot, channel, chat in result.sent
    ]
    failed = [{**rows[slot], "state": state.value} for slot, state in unsent.items()]
    if as_json:
        print_json({"sent": sent, "not_sent": failed, "skipped": result.skipped})
        return
    for item in sent:
        console.print(
            f"Đã gửi: {escape(item['task'])} — {escape(str(item['unit']))} ({KIND_NAMES.get(item['kind'], item['kind'])}) → {item['channel']} {item['chat_id']}",
            highlight=False,
        )
    console.print(
        f"Tổng cộng {len(sent)} tin; {len(failed)} lời nhắc chưa gửi được; {result.skipped} bỏ qua (quá cũ).",
        highlight=False,
    )


async def _describe(session, slot_ids: list[int]) -> dict[int, dict]:
    from sqlalchemy import select

    from db.models import ReminderSlot, Task, Unit

    rows = await session.execute(
        select(ReminderSlot.id, Task.code, Unit.name, ReminderSlot.kind)
        .join(Task, Task.id == ReminderSlot.task_id)
        .join(Unit, Unit.id == ReminderSlot.unit_id)
        .where(ReminderSlot.id.in_(slot_ids))
    )
    return {
        slot_id: {"task": code, "unit": unit, "kind": kind} for slot_id, code, unit, kind in rows
    }


def register(app: typer.Typer) -> None:
    """Add `remind` and `policy`."""

    @app.command("remind")
    @run(unset=DEPLOYMENT)  # without --committee, every committee's reminders
    async def remind_command(
        dry_run_flag: bool = typer.Option(
            False, "--dry-run", help="Chỉ xem, không gửi / show only"
        ),
        on: str | None = typer.Option(None, "--on", help="Ngày (YYYY-MM-DD), với --dry-run"),
        at: str | None = typer.Option(
            None, "--at", help="Thời điểm (YYYY-MM-DDTHH:MM), với --dry-run"
        ),
        plan: int | None = typer.Option(None, "--plan", help="Chỉ một kế hoạch (mã số)"),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Gửi ngay các lời nhắc đã đến ngày / send the reminders due today now."""
        config = settings()
        if dry_run_flag:
            await dry_run(config, on, at, plan, as_json)
            return
        if on or at or plan:
            raise UserError("--on, --at và --plan chỉ dùng cùng --dry-run.")
        await send_now(config, as_json)

    @app.command("policy")
    @run
    async def policy_command(
        plan: int | None = typer.Option(
            None, "--plan", help="Kế hoạch (mã số); mặc định: kế hoạch mới nhất"
        ),
        task: str | None = typer.Option(
            None, "--task", help="Mã nhiệm vụ: đặt riêng cho nhiệm vụ này"
        ),
        values: list[str] = typer.Argument(
            None, help='Tham số=giá trị (JSON), ví dụ before_due_days="[5,2]"'
        ),
        unset: list[str] = typer.Option(
            [], "--unset", help="Bỏ tham số đã đặt (về mức của cấp trên)"
        ),
    ) -> None:
        """Xem hoặc đặt chính sách nhắc việc / show or set the reminder policy."""
        from sqlalchemy import select

        from bot.services.reminders.changes import set_policy
        from bot.services.reminders.policy import PolicyError, merge_policy
        from bot.services.tasks import TaskNotFound, get_task
        from db.models import Plan

        changes = dict(_parse_value(item) for item in values or [])
        database = await open_database()
        try:
            async with database.transaction() as session:
                found_plan = (
                    await session.get(Plan, plan)
                    if plan
                    else await session.scalar(select(Plan).order_by(Plan.id.desc()))
                )
                if found_plan is None:
                    raise UserError("Không có kế hoạch nào" + (f" mã số {plan}." if plan else "."))
                found_task = await get_task(session, task, found_plan.id) if task else None
                if changes or unset:
                    policy = await set_policy(
                        session, found_plan, found_task, changes, "cli", tuple(unset)
                    )
                else:
                    policy = merge_policy(
                        found_plan.policy, found_task.policy if found_task else None
                    )
        except (PolicyError, TaskNotFound) as error:
            raise UserError(str(error)) from None
        finally:
            await database.dispose()
        print_json(policy.model_dump(mode="json"))


def _parse_value(item: str) -> tuple[str, object]:
    key, sep, raw = item.partition("=")
    if not sep or not key.strip():
        raise UserError(f"“{item}” phải có dạng tham_số=giá_trị.")
    try:
        return key.strip(), json.loads(raw)
    except json.JSONDecodeError:
        return key.strip(), raw
