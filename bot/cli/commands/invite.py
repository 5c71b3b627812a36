"""`dondoc invite`: issue one invite code, a whole contact list's, or re-issue expired ones."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from bot.cli.common import (
    UserError,
    console,
    error_console,
    open_database,
    print_json,
    run,
    settings,
)
from bot.domain import Role


def register(app: typer.Typer) -> None:
    """Add `invite`."""

    @app.command("invite")
    @run
    async def invite_command(
        role: str | None = typer.Option(None, "--role", help="admin | leader | contact | observer"),
        unit: str | None = typer.Option(None, "--unit", help="Đơn vị (bắt buộc với contact)"),
        from_file: Path | None = typer.Option(
            None, "--from", help="Danh sách .xlsx/.csv: Đơn vị, Họ và tên, Chức vụ, Vai trò…"
        ),
        reissue_expired: bool = typer.Option(
            False, "--reissue-expired", help="Cấp lại mã đã hết hạn mà chưa dùng"
        ),
        output: Path | None = typer.Option(
            None, "-o", "--output", help="Ghi phiếu mời in được (.docx hoặc .pdf)"
        ),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Tạo mã mời dùng một lần / create one-time invite codes."""
        from bot.services.invites import InviteError, create_invite, deep_link
        from bot.services.units import UnitAmbiguous, UnitNotFound, get_unit
        from db.base import utcnow

        if from_file or reissue_expired:
            await _many(from_file, output, as_json)
            return
        if role is None:
            raise UserError("Cần --role (hoặc --from DANH_SÁCH, --reissue-expired).")
        if role not in set(Role):
            raise UserError(
                f"Vai trò “{role}” không hợp lệ; dùng một trong: admin, leader, contact, observer."
            )
        config = settings()
        database = await open_database(config)
        try:
            async with database.transaction() as session:
                found = await get_unit(session, unit) if unit else None
                invite = await create_invite(session, Role(role), found, "cli", utcnow())
        except (UnitNotFound, UnitAmbiguous, InviteError) as error:
            raise UserError(str(error)) from None
        finally:
            await database.dispose()
        link = deep_link(config.telegram_bot_username, invite.issued_code)
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
            f"{', đơn vị ' + escape(found.name) if found else ''}; hết hạn "
            f"{invite.expires_at:%d/%m/%Y})",
            highlight=False,
        )
        console.print(f"Người nhận gửi cho bot: /start {invite.code}", highlight=False)
        if link:
            console.print(f"Hoặc mở: {escape(link)}", highlight=False)


async def _many(from_file: Path | None, output: Path | None, as_json: bool) -> None:
    """A contact list's invites (all or none) or the re-issued expired ones; sheets if asked."""
    from bot.contactlist import read_contact_list
    from bot.invitesheets import SheetError, write_sheets
    from bot.services.invite_batch import invite_list, reissue_expired
    from bot.services.invites import deep_link
    from db.base import utcnow

    if output and output.suffix.lower() not in (".docx", ".pdf"):
        raise UserError(f"{output.name}: chỉ ghi được tệp .docx hoặc .pdf.")
    invitees = read_contact_list(from_file) if from_file else None
    config = settings()
    database = await open_database(config)
    try:
        async with database.transaction() as session:
            if invitees is not None:
                issued = await invite_list(session, invitees, "cli", utcnow())
            else:
                issued = await reissue_expired(session, "cli", utcnow())
    finally:
        await database.dispose()
    username = config.telegram_bot_username
    if output and not username:
        error_console.print(
            "Chưa đặt TELEGRAM_BOT_USERNAME: phiếu mời chỉ có mã, không có mã QR.", highlight=False
        )
    if output:
        try:
            write_sheets(issued, output, username)
        except SheetError as error:
            raise UserError(str(error)) from None
    if as_json:
        print_json(
            [
                {
                    "name": one.name,
                    "unit": one.unit,
                    "role": one.role,
                    "code": one.code,
                    "link": deep_link(username, one.code),
                    "expires": one.expires.isoformat(),
                }
                for one in issued
            ]
        )
        return
    for one in issued:
        console.print(
            escape(f"{one.code}  {one.name} — {one.unit or ''} ({one.role})"), highlight=False
        )
    console.print(f"Đã cấp {len(issued)} mã mời.", highlight=False)
    if output:
        console.print(f"Phiếu mời: {escape(str(output))}", highlight=False)
