"""`dondoc status [--json]`: the running bot's readiness (its /readyz), or why there is none."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import typer

from bot.cli.common import console, print_json, run, settings

if TYPE_CHECKING:
    from bot.config import Settings


READYZ_TIMEOUT = 10.0


async def ask_running_process(config: Settings) -> dict | None:
    """The /readyz body of the `dondoc run` process on DONDOC_HEALTH_LISTEN, or None."""
    import httpx

    from bot.webserver import parse_listen

    host, port = parse_listen(config.health_listen, "DONDOC_HEALTH_LISTEN")
    host = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    try:
        async with httpx.AsyncClient(timeout=READYZ_TIMEOUT) as client:
            response = await client.get(f"http://{host}:{port}/readyz")
    except httpx.HTTPError:
        return None
    return response.json() if response.status_code in (200, 503) else None


async def without_process(config: Settings) -> dict:
    """The database checked from here, and the process reported missing."""
    from sqlalchemy.exc import SQLAlchemyError

    from bot.health import Check, database_check, readiness_json
    from bot.services.bots import configured_bots
    from bot.texts import t
    from db.engine import Database

    database = Database(config.database_url)
    try:
        checks = {"database": await database_check(database, config.database_url, config.locale)}
        if checks["database"].ok:
            try:
                missing = (await configured_bots(database, config, os.environ)).missing
            except SQLAlchemyError:  # not migrated yet: no committee names a bot
                missing = []
            for bot in missing:
                checks[f"bot {bot.variable}"] = Check(
                    True, bot.line(config.locale, "health.bot_missing")
                )
    finally:
        await database.dispose()
    checks["process"] = Check(
        False, t("health.not_running", config.locale, listen=config.health_listen)
    )
    return readiness_json(checks)


def register(app: typer.Typer) -> None:
    """Add `status`."""

    @app.command("status")
    @run(committee=False)
    async def status_command(
        as_json: bool = typer.Option(False, "--json", help="In JSON / as JSON."),
    ) -> None:
        """Trạng thái sẵn sàng của bot đang chạy / readiness of the running bot."""
        from bot.texts import t

        config = settings()
        if config.health_listen.lower() == "off":
            body = await without_process(config)
        else:
            body = await ask_running_process(config) or await without_process(config)
        if as_json:
            print_json(body)
        else:
            title = "health.title_ready" if body["ready"] else "health.title_not_ready"
            console.print(t(title, config.locale), highlight=False)
            for name, check in body["checks"].items():
                mark = "✔" if check["ok"] else "✘"
                console.print(f"  {mark} {name}: {check['detail']}", highlight=False, markup=False)
        if not body["ready"]:
            raise typer.Exit(1)
