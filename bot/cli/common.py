"""Shared plumbing for CLI commands: settings, database, errors, output.

Light on purpose (typer and rich only): every command module imports it while `dondoc --help`
is built, so settings, the database and Alembic are imported when a command first needs them.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Coroutine
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

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
        error_console.print(f"[red]{escape(str(error))}[/red]", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


async def open_database(config: Settings | None = None, *, force: bool = False) -> Database:
    """Connect and bring the schema up to date (every command does this first); only a database
    that is empty or already dondoc's, unless `force`."""
    from db.engine import Database
    from db.migrate import upgrade

    config = config or settings()
    database = Database(config.database_url)
    try:
        await upgrade(database, force=force)
    except BaseException:
        await database.dispose()
        raise
    return database


def _debugging() -> bool:
    from bot.config import SettingsError, get_settings

    try:
        level = get_settings().log_level
    except SettingsError:
        level = os.environ.get("DONDOC_LOG_LEVEL", "")
    return level.upper() == "DEBUG"


def explain(error: Exception) -> str:
    """One line (per problem) in the operator's words, with every secret blanked out."""
    from bot.config import SettingsError, get_settings
    from bot.logsetup import SecretRedactor, secrets_of
    from bot.plandoc import PlanFileError
    from bot.texts import t
    from db.failures import classify
    from db.migrate import ForeignDatabase

    try:
        config: Settings | None = get_settings()
    except SettingsError:
        config = None
    locale = config.locale if config else None
    problem = classify(error, config.database_url) if config else None
    if isinstance(error, UserError | PlanFileError | SettingsError):
        text = t("ops.error", locale, message=error)
    elif problem is not None:
        text = t(problem.key, locale, **problem.values)
        if isinstance(problem, ForeignDatabase):
            text = t("db.foreign_force", locale, message=text)
    else:
        message = (str(error).strip().splitlines() or [""])[0][:300]
        text = t("ops.unexpected", locale, kind=type(error).__name__, message=message)
    return SecretRedactor(secrets_of(config) if config else []).redact(text)


def run(main: Callable[..., Coroutine[Any, Any, T]]) -> Callable[..., T]:
    """Run an async command; any failure becomes one red line and exit code 1 (the traceback
    only with DONDOC_LOG_LEVEL=DEBUG)."""

    @wraps(main)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        import asyncio
        import contextlib

        from bot.config import SettingsError, get_settings
        from bot.logsetup import quiet_libraries

        with contextlib.suppress(SettingsError):  # a bad setting is the command's first line
            quiet_libraries(get_settings())
        try:
            return asyncio.run(main(*args, **kwargs))
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except Exception as error:
            if _debugging():
                raise
            error_console.print(
                f"[red]{escape(explain(error))}[/red]", highlight=False, soft_wrap=True
            )
            raise typer.Exit(1) from None

    return wrapper


def print_json(data: Any) -> None:
    """Print JSON with Vietnamese letters intact."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
