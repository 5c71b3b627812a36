"""`dondoc db upgrade` (and the other `db` commands registered on the same group)."""

from __future__ import annotations

import typer

from bot.cli.common import console, open_database, run, settings
from bot.texts import t


def register(app: typer.Typer) -> None:
    """Add the `db` group."""
    group = typer.Typer(help="Cơ sở dữ liệu / database.", no_args_is_help=True)

    @group.command("upgrade")
    @run(committee=False)
    async def upgrade_command(
        force: bool = typer.Option(
            False,
            "--force",
            help="Thêm bảng của dondoc cả khi CSDL đã có bảng khác / even beside foreign tables.",
        ),
    ) -> None:
        """Tạo hoặc nâng cấp lược đồ CSDL / create or upgrade the schema."""
        database = await open_database(force=force)
        await database.dispose()
        console.print(t("db.upgraded", settings().locale))

    @group.command("copy")
    @run(committee=False)
    async def copy_command(
        to: str = typer.Option(..., "--to", help="CSDL đích, trống / empty target database URL."),
    ) -> None:
        """Sao chép toàn bộ sang CSDL khác (SQLite → PostgreSQL) / copy everything elsewhere."""
        from bot.cli.commands.backup import copy_database

        await copy_database(to)

    app.add_typer(group, name="db")
