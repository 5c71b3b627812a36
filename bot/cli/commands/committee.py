"""`dondoc committee add | list | edit`: the committees one deployment serves."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.table import Table

from bot.cli.common import CLI_ACTOR, UserError, console, open_database, print_json, run

PARENT_HELP = "Cấp ủy/cơ quan cấp trên (đọc được báo cáo của cơ quan này) / parent committee"
TELEGRAM_HELP = "Tên biến môi trường chứa token Telegram của cơ quan (không ghi token)"
ZALO_HELP = "Tên biến môi trường chứa token Zalo Bot của cơ quan (không ghi token)"
PLACE_HELP = "Địa danh ghi trên văn bản (vd “An Bình”) / locality for reports"
FORM_HELP = "Thể thức văn bản: party (Đảng) hoặc state (chính quyền)"
DAY_HELP = "Ngày nghỉ/làm riêng của cơ quan: 2026-01-02=off hoặc 2026-01-10=work (lặp lại được)"


def _days(days: list[str]) -> dict[str, str]:
    pairs = {}
    for item in days:
        day, equals, kind = item.partition("=")
        if not equals:
            raise UserError(f"“{item}” không có dạng NGÀY=off|work, vd 2026-01-02=off.")
        pairs[day.strip()] = kind.strip()
    return pairs


async def _change(name: str, changes, *, new: bool) -> dict:
    from bot.services.committees import (
        CommitteeError,
        add_committee,
        edit_committee,
        list_committees,
    )

    database = await open_database()
    try:
        async with database.transaction() as session:
            if new:
                committee = await add_committee(session, name, changes)
            else:
                committee = await edit_committee(session, name, changes, actor=CLI_ACTOR)
            committee_id = committee.id
        async with database.reading() as session:
            rows = await list_committees(session)
    except CommitteeError as error:
        raise UserError(str(error)) from None
    finally:
        await database.dispose()
    return next(row for row in rows if row.id == committee_id).as_json()


def _say(done: str, row: dict, as_json: bool) -> None:
    if as_json:
        print_json(row)
        return
    parent = f", thuộc {escape(row['parent'])}" if row["parent"] else ""
    console.print(f"{done} {escape(row['name'])} (mã {row['id']}{parent}).")


def register(app: typer.Typer) -> None:
    """Add `committee add`, `committee list` and `committee edit`."""
    committee_app = typer.Typer(
        help="Các cấp ủy/cơ quan dùng chung bot này / committees of this deployment.",
        no_args_is_help=True,
    )
    app.add_typer(committee_app, name="committee")

    @committee_app.command("add")
    @run(committee=False)
    async def add_command(
        name: str = typer.Argument(..., help="Tên, vd “Đảng ủy xã An Bình”"),
        parent: str | None = typer.Option(None, "--parent", help=PARENT_HELP),
        telegram_token_env: str | None = typer.Option(
            None, "--telegram-token-env", help=TELEGRAM_HELP
        ),
        zalo_token_env: str | None = typer.Option(None, "--zalo-token-env", help=ZALO_HELP),
        place: str | None = typer.Option(None, "--place", help=PLACE_HELP),
        form: str | None = typer.Option(None, "--form", help=FORM_HELP),
        day: list[str] = typer.Option([], "--day", help=DAY_HELP),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Thêm một cấp ủy/cơ quan / add a committee."""
        from bot.services.committees import CommitteeChanges

        changes = CommitteeChanges(
            parent=parent,
            place=place,
            form=form,
            telegram_token_env=telegram_token_env,
            zalo_token_env=zalo_token_env,
            calendar=_days(day),
        )
        _say("Đã thêm", await _change(name, changes, new=True), as_json)

    @committee_app.command("edit")
    @run(committee=False)
    async def edit_command(
        name: str = typer.Argument(..., help="Tên hiện tại"),
        new_name: str | None = typer.Option(None, "--name", help="Tên mới"),
        parent: str | None = typer.Option(None, "--parent", help=PARENT_HELP),
        no_parent: bool = typer.Option(False, "--no-parent", help="Bỏ cấp trên"),
        telegram_token_env: str | None = typer.Option(
            None, "--telegram-token-env", help=TELEGRAM_HELP + "; để trống để bỏ"
        ),
        zalo_token_env: str | None = typer.Option(
            None, "--zalo-token-env", help=ZALO_HELP + "; để trống để bỏ"
        ),
        place: str | None = typer.Option(None, "--place", help=PLACE_HELP),
        form: str | None = typer.Option(None, "--form", help=FORM_HELP),
        day: list[str] = typer.Option([], "--day", help=DAY_HELP),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Sửa một cấp ủy/cơ quan / change a committee."""
        if parent and no_parent:
            raise UserError("Chỉ dùng một trong --parent và --no-parent.")
        from bot.services.committees import CommitteeChanges

        changes = CommitteeChanges(
            name=new_name,
            parent=parent,
            no_parent=no_parent,
            place=place,
            form=form,
            telegram_token_env=telegram_token_env,
            zalo_token_env=zalo_token_env,
            calendar=_days(day),
        )
        _say("Đã sửa", await _change(name, changes, new=False), as_json)

    @committee_app.command("list")
    @run(committee=False)
    async def list_command(as_json: bool = typer.Option(False, "--json")) -> None:
        """Liệt kê các cấp ủy/cơ quan / list the committees."""
        from bot.services.committees import list_committees

        database = await open_database()
        try:
            async with database.reading() as session:
                rows = [row.as_json() for row in await list_committees(session)]
        finally:
            await database.dispose()
        if as_json:
            print_json(rows)
            return
        table = Table(
            "Mã", "Tên", "Cấp trên", "Địa danh", "Thể thức", "Bot", "KH", "Đơn vị", "Người"
        )
        for row in rows:
            bots = ", ".join(
                f"{platform}: {row[field]}"
                for platform, field in (
                    ("Telegram", "telegram_token_env"),
                    ("Zalo", "zalo_token_env"),
                )
                if row[field]
            )
            table.add_row(
                str(row["id"]),
                escape(row["name"]),
                escape(row["parent"] or ""),
                escape(row["place"] or ""),
                "Đảng" if row["form"] == "party" else "Chính quyền",
                escape(bots or "mặc định"),
                str(row["plans"]),
                str(row["units"]),
                str(row["people"]),
            )
        console.print(table)
