"""Shared plumbing for CLI commands: settings, database, errors, output.

Light on purpose (typer and rich only): every command module imports it while `dondoc --help`
is built, so settings, the database and Alembic are imported when a command first needs them.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Awaitable, Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

import typer
from rich.console import Console

if TYPE_CHECKING:
    from bot.config import Settings
    from db.engine import Database

console = Console()
error_console = Console(stderr=True)
T = TypeVar("T")


class UserError(Exception):
    """Bad input from the operator; the message says what and where, in Vietnamese."""


def settings() -> Settings:
    """Settings, or one clear line and exit 2 when a variable is wrong."""
    from bot.config import SettingsError, get_settings

    try:
        return get_settings()
    except SettingsError as error:
        error_console.print(f"[red]{error}[/red]", highlight=False)
        raise typer.Exit(2) from None


async def open_database(config: Settings | None = None) -> Database:
    """Connect and bring the schema up to date (every command does this first)."""
    from db.engine import Database
    from db.migrate import upgrade

    config = config or settings()
    database = Database(config.database_url)
    try:
        await upgrade(database)
    except OSError as error:
        await database.dispose()
        raise UserError(f"Không kết nối được cơ sở dữ liệu (DATABASE_URL): {error}") from None
    return database


def run(main: Callable[..., Awaitable[T]]) -> Callable[..., T]:
    """Run an async command, turning expected errors into one red line and exit code 1."""

    @wraps(main)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        import asyncio

        from bot.plandoc import PlanFileError

        logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
        try:
            return asyncio.run(main(*args, **kwargs))
        except (UserError, PlanFileError) as error:
            error_console.print(f"[red]Lỗi:[/red] {error}", highlight=False)
            raise typer.Exit(1) from None

    return wrapper


def print_json(data: Any) -> None:
    """Print JSON with Vietnamese letters intact."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
