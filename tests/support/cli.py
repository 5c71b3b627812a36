"""`dondoc …` run in-process with Typer's CliRunner, as the operator's shell would run it."""

from __future__ import annotations

import os
from contextlib import chdir
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from bot.cli.main import app
from bot.config import get_settings
from tests.support.database import copy_migrated_sqlite

OWN_PREFIXES = ("DONDOC_", "TELEGRAM_", "ZALO_")  # the developer's settings never leak in


@dataclass(frozen=True)
class CliResult:
    """What the command left: its exit code and its two output streams."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(cwd: Path, *args: str, env: dict[str, str] | None = None) -> CliResult:
    """`dondoc *args` in `cwd` on the SQLite file `cwd/cli.db` (migrated before the first command,
    as that command would), settings read afresh."""
    database = cwd / "cli.db"
    if not database.exists() and "DATABASE_URL" not in (env or {}):
        copy_migrated_sqlite(database)
    environment: dict[str, str | None] = dict.fromkeys(
        (key for key in os.environ if key.startswith(OWN_PREFIXES)), None
    )
    environment |= {"DATABASE_URL": f"sqlite:///{cwd / 'cli.db'}", "COLUMNS": "200"}
    environment |= env or {}
    get_settings.cache_clear()
    try:
        with chdir(cwd):
            result = CliRunner().invoke(app, list(args), env=environment)
    finally:
        get_settings.cache_clear()
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return CliResult(result.exit_code, result.stdout, result.stderr)
