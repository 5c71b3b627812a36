"""`dondoc --help` starts at once: building the CLI imports none of the heavy libraries."""

from __future__ import annotations

import subprocess
import sys

HEAVY = (
    "alembic",
    "sqlalchemy",
    "pydantic",
    "holidays",
    "telegram",
    "matplotlib",
    "docx",
    "openpyxl",
    "pypdf",
    "httpx",
    "aiohttp",
    "bot.services",
    "db",
)


def test_building_every_command_imports_no_heavy_library():
    probe = (
        "import sys, typer.main, bot.cli.main as m; typer.main.get_command(m.app); "
        "print('\\n'.join(sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    assert len(loaded) > 50  # the probe did list the modules
    assert "bot.cli.commands.remind" in loaded  # every command module registered
    assert [name for name in loaded if name.split(".")[0] in HEAVY or name in HEAVY] == []
