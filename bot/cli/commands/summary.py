"""`dondoc summary`: the committee's summary at a moment, as text or JSON, or sent to chat now."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import typer
from rich.markup import escape

from bot.cli.common import UserError, console, open_database, print_json, run, settings
from bot.clock import SystemClock
from bot.texts import t

if TYPE_CHECKING:
    from bot.config import Settings
    from db.engine import Database

AT_HELP = (
    "Thời điểm: YYYY-MM-DD hoặc DD/MM/YYYY là hết ngày đó (giờ Việt Nam); "
    "YYYY-MM-DDTHH:MM là đúng giờ đó / a date means the end of that local day"
)


def parse_moment(value: str | None, tz: ZoneInfo) -> datetime | None:
    """`2025-07-01` or `01/07/2025` → the end of that local day; an ISO date-time → that moment."""
    if value is None:
        return None
    from bot.services.status import end_of_day

    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return end_of_day(datetime.strptime(value, fmt).date(), tz)
        except ValueError:
            continue
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise UserError(
            f"Thời điểm “{value}” không hợp lệ; dùng YYYY-MM-DD, DD/MM/YYYY hoặc YYYY-MM-DDTHH:MM."
        ) from None
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment


def now_or(moment: datetime | None, tz: ZoneInfo) -> datetime:
    """The given moment, else now."""
    return moment or SystemClock().now().astimezone(tz)


async def send_now(config: Settings, database: Database, moment: datetime, plan: int | None) -> str:
    """Send the summary through every configured channel (sending only, nothing is received)."""
    from bot.core import Core
    from bot.runner import channel_services
    from bot.services.digests import send_summary_now
    from bot.webserver import WebServer

    core = Core(settings=config, db=database)
    # The services are built but never started: their channels send, no update is read.
    try:
        services = channel_services(core, WebServer(config.webhook_listen))
    except ValueError as error:
        raise UserError(str(error)) from None
    if not services:
        return t("summary.send.none", config.locale)
    for service in services:
        core.channels[service.name] = service.channel
    try:
        count = await send_summary_now(core.deps, moment, plan)
    finally:
        for service in services:
            await service.stop()
    key = "summary.send.done" if count else "summary.send.no_recipients"
    return t(key, config.locale, count=count)


def register(app: typer.Typer) -> None:
    """Add `dondoc summary`."""

    @app.command("summary")
    @run
    async def summary_command(
        at: str | None = typer.Option(None, "--at", help=AT_HELP),
        as_json: bool = typer.Option(False, "--json", help="In JSON / print JSON"),
        send: bool = typer.Option(
            False, "--send", help="Gửi ngay tới nhóm thường trực và lãnh đạo"
        ),
        plan: int | None = typer.Option(None, "--plan", help="ID kế hoạch / plan id"),
    ) -> None:
        """Tổng hợp tình hình thực hiện / summary of the plan's progress (and of the committees
        under this one)."""
        from bot.services.rollup import build_rollup, rollup_json
        from bot.services.rollup_text import rollup_blocks
        from bot.services.summary import build_summary, summary_json
        from bot.services.summary_text import plain, render_pages
        from db.scope import current_scope

        config = settings()
        tz = config.tz
        moment = now_or(parse_moment(at, tz), tz)
        database = await open_database(config)
        try:
            if send:
                console.print(
                    escape(await send_now(config, database, moment, plan)), highlight=False
                )
                return
            async with database.reading() as session:
                summary = await build_summary(session, moment, tz, plan)
            scope = current_scope()
            rollup = await build_rollup(database, scope.own, moment, tz, plan) if scope else None
        finally:
            await database.dispose()
        if as_json:
            shape = summary_json(summary, tz)
            if rollup is not None:
                shape["committees"] = rollup_json(rollup)
            print_json(shape)
            return
        more = rollup_blocks(rollup, config.locale) if rollup else []
        (page,) = render_pages(summary, locale=config.locale, tz=tz, limit=sys.maxsize, more=more)
        sys.stdout.write(plain(page) + "\n")
