"""`dondoc invite`: issue a one-time invite code."""

from __future__ import annotations

import typer

from bot.cli.common import UserError, console, open_database, print_json, run, settings
from bot.domain import Role


def register(app: typer.Typer) -> None:
    """Add `invite`."""

    @app.command("invite")
    @run
    async def invite_command(
        role: str = typer.Option(..., "--role", help="admin | leader | contact | observer"),
        unit: str | None = typer.Option(None, "--unit", help="Đơn vị (bắt buộc với contact)"),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Tạo mã mời dùng một lần / create a one-time invite code."""
        if role not in set(Role):
            raise UserError(
                f"Vai trò “{role}” không hợp lệ; dùng một trong: admin, leader, contact, observer."
            )
        from bot.services.invites import InviteError, create_invite, deep_link
        from bot.services.units import UnitNotFound, get_unit
        from db.base import utcnow

        config = settings()
        database = await open_database(config)
        try:
            async with database.transaction() as session:
                found = await get_unit(session, unit) if unit else None
                invite = await create_invite(session, Role(role), found, "cli", utcnow())
        except (UnitNotFound, InviteError) as error:
            raise UserError(str(error)) from None
        finally:
            await database.dispose()
        link = deep_link(config.telegram_bot_username, invite.code)
        if as_json:
            print_json(
                {
                    "code": invite.code,
                    "role": role,
                    "unit": found.name if found else None,
                    "link": link,
                }
            )
            return
        console.print(
            f"Mã mời: [bold]{invite.code}[/bold] (vai trò {role}"
            f"{', đơn vị ' + found.name if found else ''}; hết hạn "
            f"{invite.expires_at:%d/%m/%Y})",
            highlight=False,
        )
        console.print(f"Người nhận gửi cho bot: /start {invite.code}", highlight=False)
        if link:
            console.print(f"Hoặc mở: {link}", highlight=False)
