"""`dondoc backup -o FILE`, `dondoc restore FILE` and `dondoc db copy --to URL`."""

from __future__ import annotations

from pathlib import Path

import typer

from bot.cli.common import UserError, console, open_database, run, settings
from bot.texts import t


def _done(key: str, counts: dict[str, int], **values: str) -> None:
    config = settings()
    text = t(key, config.locale, rows=sum(counts.values()), tables=len(counts), **values)
    console.print(text, highlight=False, markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add `backup` and `restore` (`db copy` lives with the `db` group)."""

    @app.command("backup")
    @run(committee=False)
    async def backup_command(
        output: Path = typer.Option(..., "-o", "--output", help="Tệp sao lưu / backup file."),
    ) -> None:
        """Sao lưu nhất quán khi bot đang chạy / a consistent backup while the bot runs."""
        from db.moves import backup

        database = await open_database()
        try:
            counts = await backup(database, output)
        finally:
            await database.dispose()
        _done("backup.done", counts, path=str(output))

    @app.command("restore")
    @run(committee=False)
    async def restore_command(
        backup_file: Path = typer.Argument(..., help="Tệp do dondoc backup tạo / a backup file."),
    ) -> None:
        """Khôi phục vào cơ sở dữ liệu trống / restore into an empty database."""
        from db.engine import Database
        from db.moves import restore

        database = Database(settings().database_url)
        try:
            counts = await restore(database, backup_file)
        finally:
            await database.dispose()
        _done("restore.done", counts, path=str(backup_file))


async def copy_database(to: str) -> None:
    """Everything from DATABASE_URL into `to` (empty), verified table by table."""
    from sqlalchemy.engine import make_url

    from bot.config import check_database_url
    from db.engine import Database
    from db.failures import classify
    from db.moves import copy

    config = settings()
    try:
        check_database_url(to)
    except ValueError as error:
        raise UserError(f"--to: {error}") from None
    target_url = make_url(to)
    if target_url == make_url(config.database_url):
        raise UserError(t("transfer.same_database", config.locale))
    source = await open_database(config)
    target = Database(to)
    try:
        counts = await copy(source, target)
    except Exception as error:
        # Problems connecting to the target name the target, not DATABASE_URL.
        raise (classify(error, to) or error) from None
    finally:
        await target.dispose()
        await source.dispose()
    _done("copy.done", counts, target=target_url.render_as_string(hide_password=True))
