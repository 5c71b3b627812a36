"""Entry point of the `dondoc` console command."""

from __future__ import annotations

import importlib
import pkgutil

import typer

from bot.cli import commands

app = typer.Typer(
    name="dondoc",
    help="dondoc — trợ lý đôn đốc thực hiện kế hoạch / plan follow-up assistant.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    add_completion=False,
)

for _module_info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
    importlib.import_module(f"{commands.__name__}.{_module_info.name}").register(app)


def main() -> None:
    """Run the CLI."""
    app()
