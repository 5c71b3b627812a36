"""An admin sends a contact list in chat: preview who gets which invite, issue all on confirmation,
send the printable sheets back."""

from __future__ import annotations

import asyncio
import secrets
import tempfile
from dataclasses import asdict
from pathlib import Path

from bot.callbacks import ContactListChoice
from bot.contactlist import ContactListError, Invitee
from bot.domain import Role
from bot.invitesheets import write_sheets
from bot.messages import Button, Document, Outgoing
from bot.services.chatstate import clear_state
from bot.services.invite_batch import IssuedInvite, check_list, invite_list
from bot.services.unit_resolver import UnitResolver
from bot.texts import t
from bot.unitnames import clean_name
from db.models import Unit
from handlers.context import Context
from handlers.conversation import (
    ADMINS,
    actor_label,
    begin_step,
    current_step,
    day_text,
    now,
    state_key,
)
from handlers.invite import bot_username
from handlers.router import PRIVATE, Router

ROOM_FOR_FOOTER = 300
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SHEETS_FILE = "phieu-moi.docx"

router = Router(__name__)


async def preview_list(ctx: Context, invitees: list[Invitee], file_name: str) -> None:
    """Show each person with the unit their row resolves to, or every bad row; nothing issued
    (reached from the plan-document handler, which answers in private chats only)."""
    async with ctx.deps.db.transaction() as session:
        try:
            units = check_list(await UnitResolver.load(session), invitees)
        except ContactListError as error:
            ctx.reply(ctx.text("contacts.unusable", reason=str(error)))
            return
        token = secrets.token_hex(4)
        data = {"token": token, "invitees": [asdict(invitee) for invitee in invitees]}
        await begin_step(ctx, session, "contact_list", data)
    rows = [
        [
            Button(ctx.text("contacts.confirm"), ContactListChoice("ok", token).pack()),
            Button(ctx.text("contacts.cancel"), ContactListChoice("no", token).pack()),
        ]
    ]
    limit = ctx.capabilities.max_text - ROOM_FOR_FOOTER
    ctx.reply(preview(ctx, invitees, units, file_name, limit), rows)


def preview(
    ctx: Context, invitees: list[Invitee], units: list[Unit | None], file_name: str, limit: int
) -> str:
    """The header and one line per person, cut to fit one message."""
    parts = [ctx.text("contacts.header", file=file_name, count=len(invitees))]
    used = len(parts[0]) + 1
    for index, (invitee, unit) in enumerate(zip(invitees, units, strict=True)):
        line = person_line(ctx, invitee, unit)
        if used + len(line) + 1 > limit:
            parts.append(ctx.text("contacts.more", count=len(invitees) - index))
            break
        parts.append(line)
        used += len(line) + 1
    parts.append(ctx.text("contacts.question"))
    return "\n".join(parts)


def person_line(ctx: Context, invitee: Invitee, unit: Unit | None) -> str:
    """ "• Nguyễn Hoa (Chuyên viên) — Phòng Nội vụ huyện (ghi là “Phòng Nội vụ”) — đầu mối"."""
    where = "—"
    if unit is not None:
        typed = clean_name(invitee.unit)
        # raw here: the line escapes the unit once
        same = typed == unit.name
        where = unit.name if same else t("contacts.typed", ctx.locale, unit=unit.name, typed=typed)
    key = "contacts.line_title" if invitee.title else "contacts.line"
    return ctx.text(
        key,
        name=invitee.name,
        title=invitee.title,
        unit=where,
        role=ctx.text(f"role.{invitee.role.value}"),
    )


@router.callback(ContactListChoice, ADMINS, chats=PRIVATE)
async def contact_list_button(ctx: Context, pressed: ContactListChoice) -> None:
    """Cấp mã mời issues every invite of the list shown (all or none); Hủy forgets it."""
    issued: list[IssuedInvite] | None = None
    try:
        async with ctx.deps.db.transaction() as session:
            current = await current_step(ctx, session)
            waiting = (
                current is not None
                and current.name == "contact_list"
                and current.data["token"] == pressed.token
                and pressed.action in ("ok", "no")
            )
            if waiting:
                await clear_state(session, state_key(ctx))
                if pressed.action == "ok" and current is not None:
                    invitees = [stored_invitee(row) for row in current.data["invitees"]]
                    issued = await invite_list(session, invitees, actor_label(ctx), now(ctx))
    except ContactListError as error:  # a unit renamed or merged since the preview
        ctx.reply(ctx.text("contacts.unusable", reason=str(error)), edit=True)
        return
    if not waiting:
        ctx.reply(ctx.text("common.expired_button"), edit=True)
    elif issued is None:
        ctx.reply(ctx.text("common.cancelled"), edit=True)
    else:
        await send_sheets(ctx, issued, edit=True)


def stored_invitee(row: dict) -> Invitee:
    """An invitee as the preview step kept it."""
    return Invitee(**{**row, "role": Role(row["role"])})


async def send_sheets(ctx: Context, issued: list[IssuedInvite], *, edit: bool) -> None:
    """Say how many codes were issued, then the printable sheets (or, without files, the codes)."""
    if not issued:
        return
    expires = day_text(min(one.expires for one in issued).astimezone(ctx.deps.settings.tz).date())
    lines = [ctx.text("contacts.issued", count=len(issued), expires=expires)]
    username = bot_username(ctx)
    if not ctx.capabilities.documents:
        lines += [
            ctx.text("contacts.code_line", name=one.name, unit=one.unit or "—", code=one.code)
            for one in issued
        ]
        ctx.reply("\n".join(lines), edit=edit)
        return
    if username is None:
        lines.append(ctx.text("contacts.no_qr"))
    ctx.reply("\n".join(lines), edit=edit)
    content = await asyncio.to_thread(sheets_docx, issued, username)
    document = Document(SHEETS_FILE, content, DOCX)
    ctx.send(
        Outgoing(text=ctx.text("contacts.sheets_caption", count=len(issued)), document=document)
    )


def sheets_docx(issued: list[IssuedInvite], username: str | None) -> bytes:
    """The invite sheets as the bytes of a .docx file."""
    with tempfile.TemporaryDirectory(prefix="dondoc-sheets-") as folder:
        path = Path(folder) / SHEETS_FILE
        write_sheets(issued, path, username)
        return path.read_bytes()
