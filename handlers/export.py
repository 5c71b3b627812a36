"""/export: the summary as a .docx report, an .xlsx workbook or a chart, sent as a file."""

from __future__ import annotations

from bot.callbacks import Export
from bot.messages import Button, Outgoing
from bot.services.exports import FORMATS, export_document
from bot.services.exports.common import as_of
from bot.services.rollup import build_rollup
from handlers.context import Context
from handlers.router import PRIVATE, STAFF, Router

router = Router(__name__)


@router.command("export", STAFF, chats=PRIVATE)
async def export(ctx: Context) -> None:
    """Offer the formats, or send the one named (`/export docx`)."""
    fmt = ctx.incoming.args.lower()
    if not fmt:
        buttons = [
            Button(ctx.text(f"export.button.{name}"), Export(name).pack()) for name in FORMATS
        ]
        ctx.reply(ctx.text("export.choose"), [buttons])
        return
    await send_export(ctx, fmt)


@router.callback(Export, STAFF, chats=PRIVATE)
async def export_button(ctx: Context, pressed: Export) -> None:
    """Send the file whose button was pressed."""
    await send_export(ctx, pressed.format)


async def send_export(ctx: Context, fmt: str) -> None:
    """Render the summary as of now in `fmt` and send it as a file."""
    if fmt not in FORMATS:
        ctx.reply(ctx.text("export.unknown_format", format=fmt))
        return
    if not ctx.capabilities.documents:
        ctx.reply(ctx.text("export.no_documents"))
        return
    tz = ctx.deps.settings.tz
    now = ctx.deps.clock.now()
    rollup = await build_rollup(ctx.deps.db, ctx.member.committee_id, now, tz)
    async with ctx.deps.db.reading() as session:
        document = await export_document(session, fmt, now, tz, rollup=rollup)
    caption = ctx.text("export.caption", **as_of(now, tz))
    if fmt == "png":
        ctx.send(Outgoing(text=caption, photo=document))
    else:
        ctx.send(Outgoing(text=caption, document=document))
