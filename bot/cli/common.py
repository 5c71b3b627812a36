"""Shared plumbing for CLI commands: settings, database, errors, output.

Light on purpose (typer and rich only): every command module imports it while `dondoc --help`
is built, so settings, the database and Alembic are imported when a command first needs them.
"""

from __future__ import annotations

import inspect
import json
import os
import sys
from collections.abc import Callable, Coroutine
from contextvars import ContextVar
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar, overload

import typer
from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from bot.config import Settings
    from db.engine import Database

console = Console()
error_console = Console(stderr=True)
T = TypeVar("T")
CLI_ACTOR = "cli"  # who the audit log names for a change made from the command line


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
        await _enter_committee(database)
    except BaseException:
        await database.dispose()
        raise
    return database


async def _enter_committee(database: Database) -> None:
    """Act for the committee the command was given for the rest of it."""
    from bot.services.committees import CommitteeError, find_committee
    from db.models.committees import DEFAULT_COMMITTEE_ID
    from db.scope import Scope, enter_scope

    name = _requested_committee.get()
    enter_scope(None)
    if name == DEPLOYMENT:
        return
    if name == DEFAULT:
        enter_scope(Scope.of(DEFAULT_COMMITTEE_ID))
        return
    try:
        async with database.reading() as session:
            committee = await find_committee(session, name)
    except CommitteeError as error:
        raise UserError(str(error)) from None
    enter_scope(Scope.of(committee.id))


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


COMMITTEE_HELP = "Cấp ủy/cơ quan làm việc (mặc định: cơ quan mặc định) / the committee to act for"
# What the command running now acts for: a `--committee` name, DEFAULT or DEPLOYMENT.
DEFAULT, DEPLOYMENT = "default committee", "whole deployment"
_requested_committee: ContextVar[str] = ContextVar("requested_committee", default=DEFAULT)


@overload
def run(main: Callable[..., Coroutine[Any, Any, T]]) -> Callable[..., T]: ...
@overload
def run(
    *, committee: bool = True, unset: str = DEFAULT
) -> Callable[[Callable[..., Coroutine[Any, Any, T]]], Callable[..., T]]: ...
def run(main=None, *, committee=True, unset=DEFAULT):
    """Run an async command; any failure becomes one red line and exit code 1 (the traceback
    only with DONDOC_LOG_LEVEL=DEBUG).

    The command takes `--committee NAME` and its database work acts for that committee; without
    it, for `unset` (the default committee, or the whole deployment). `committee=False`: a
    command of the whole deployment, with no such option."""
    if main is None:
        return lambda command: _runner(command, unset if committee else None)
    return _runner(main, unset)


def _runner(main: Callable[..., Coroutine[Any, Any, T]], unset: str | None) -> Callable[..., T]:
    @wraps(main)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        import asyncio
        import contextlib

        from bot.config import SettingsError, get_settings
        from bot.logsetup import quiet_libraries

        with contextlib.suppress(SettingsError):  # a bad setting is the command's first line
            quiet_libraries(get_settings())
        token = _requested_committee.set(kwargs.pop("committee", None) or unset or DEPLOYMENT)
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
        finally:
            _requested_committee.reset(token)

    if unset is not None:
        signature = inspect.signature(main, eval_str=True)
        option = inspect.Parameter(
            "committee",
            inspect.Parameter.KEYWORD_ONLY,
            default=typer.Option(None, "--committee", help=COMMITTEE_HELP),
            annotation=str | None,
        )
        wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[*signature.parameters.values(), option]
        )
    return wrapper


def print_json(data: Any) -> None:
    """Print JSON with Vietnamese letters intact."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
