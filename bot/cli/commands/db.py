"""`dondoc db upgrade`."""

from __future__ import annotations

import typer

from bot.cli.common import console, open_database, run


def register(app: typer.Typer) -> None:
    """Add the `db` group."""
    group = typer.Typer(help="Cơ sở dữ liệu / database.", no_args_is_help=True)

    @group.command("upgrade")
    @run
    async def upgrade_command() -> None:
        """Tạo hoặc nâng cấp lược đồ CSDL / create or upgrade the schema."""
        database = await open_database()
        await database.dispose()
        console.print("Cơ sở dữ liệu đã ở phiên bản mới nhất.")

    app.add_typer(group, name="db")
