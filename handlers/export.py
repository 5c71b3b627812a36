"""/export: the summary as a .docx report, an .xlsx workbook or a chart, sent as a file."""

from __future__ import annotations

from bot.channels.base import Button, Outgoing
from bot.services.exports import FORMATS, export_document
from bot.services.exports.common import as_of
from handlers.context import Context
from handlers.conversation import callback_parts
from handlers.router import STAFF, callback, command


@command("export", STAFF, vi="Xuất báo cáo (.docx, .xlsx, biểu đồ)", en="Export a report")
async def export(ctx: Context) -> None:
    """Offer the formats, or send the one named (`/export docx`)."""
    fmt = ctx.incoming.args.lower()
    if not fmt:
        buttons = [Button(ctx.text(f"export.button.{name}"), f"exp:{name}") for name in FORMATS]
        ctx.reply(ctx.text("export.choose"), [buttons])
        return
    await send_export(ctx, fmt)


@callback("exp", STAFF)
async def export_button(ctx: Context) -> None:
    """Send the file whose button was pressed."""
    parts = callback_parts(ctx, 1)
    if parts is None:
        ctx.reply(ctx.text("common.expired_button"))
        return
    await send_export(ctx, parts[0])


async def send_export(ctx: Context, fmt: str) -> None:
    """Render the summary as of now in `fmt` and send it as a file."""
    if fmt not in FORMATS:
        ctx.reply(ctx.text("export.unknown_format", format=fmt))
        return
    if not ctx.capabilities.documents:
        ctx.reply(ctx.text("export.no_documents"))
        return
    tz = ctx.core.settings.tz
    now = ctx.core.clock.now()
    async with ctx.core.db.reading() as session:
        document = await export_document(session, fmt, now, tz)
    caption = ctx.text("export.caption", **as_of(now, tz))
    if fmt == "png":
        ctx.send(Outgoing(text=caption, photo=document))
    else:
        ctx.send(Outgoing(text=caption, document=document))
