"""Under a task in /task: support units' contributions and the evidence files, each sent back on request."""

from __future__ import annotations

from bot.callbacks import SendEvidence
from bot.messages import Button, ChannelError, Document, Outgoing
from bot.services.contributions import contributions
from bot.services.evidence import task_evidence
from bot.services.progress import status_and_percent
from db.models import ProgressReport
from handlers.context import Context
from handlers.conversation import shorten
from handlers.router import STAFF, Router

MAX_FILE_BUTTONS = 10

router = Router(__name__)


async def task_extras(ctx: Context, session, task_id: int) -> tuple[list[str], list[list[Button]]]:
    """Lines "Phối hợp: … đã báo cáo 20/5" and "Kèm 2 tệp minh chứng", a button per file."""
    tz = ctx.deps.settings.tz
    lines = [
        ctx.text(
            "replies.contribution",
            unit=item.unit,
            date=item.at.astimezone(tz).strftime("%d/%m"),
            what=status_and_percent(item, ctx.locale),
        )
        for item in (await contributions(session, [task_id])).get(task_id, [])
    ]
    files = await task_evidence(session, task_id)
    if files:
        lines.append(ctx.text("replies.evidence_count", count=len(files)))
    rows = [
        [
            Button(
                shorten(
                    f"📎 {item.at.astimezone(tz):%d/%m} {item.unit}: {item.file_name or item.kind}"
                ),
                SendEvidence(item.report_id, item.index).pack(),
            )
        ]
        for item in files[:MAX_FILE_BUTTONS]
    ]
    return lines, rows


@router.callback(SendEvidence, STAFF)
async def send_evidence(ctx: Context, pressed: SendEvidence) -> None:
    """Fetch the file by its platform id and send it here."""
    async with ctx.deps.db.reading() as session:
        report = await session.get(ProgressReport, pressed.report_id)
    channel = (
        ctx.deps.channels.get(report.channel)
        if report is not None and report.channel is not None
        else None
    )
    if report is None or not 0 <= pressed.index < len(report.attachments) or channel is None:
        ctx.reply(ctx.text("replies.evidence_gone"))
        return
    item = report.attachments[pressed.index]
    try:
        content = await channel.download(item["file_id"])
    except ChannelError:
        ctx.reply(ctx.text("replies.evidence_gone"))
        return
    name = item.get("file_name") or f"minh-chung-{report.id}-{pressed.index + 1}"
    document = Document(name, content, item.get("mime_type") or "application/octet-stream")
    photo = item.get("kind") == "photo"
    ctx.send(Outgoing(photo=document) if photo else Outgoing(document=document))
