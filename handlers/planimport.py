"""An admin sends a plan document in chat: read it, show what was found, import on confirmation."""

from __future__ import annotations

import logging
import re
import secrets
import tempfile
from pathlib import Path

from sqlalchemy import select

from bot.callbacks import ImportChoice
from bot.contactlist import ContactListError, Invitee
from bot.messages import Attachment, Button, ChannelError
from bot.plandoc import PlanDocument, PlanFileError, TaskDraft
from bot.planparse import READERS
from bot.planparse.isolated import parse_upload_off_loop
from bot.services.chatstate import clear_state
from bot.services.registry import import_plan, plan_key
from db.models import Plan
from handlers.contactimport import preview_list
from handlers.context import Context
from handlers.conversation import (
    ADMINS,
    actor_label,
    begin_step,
    current_step,
    day_text,
    shorten,
    state_key,
)
from handlers.router import PRIVATE, Router

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024
UNSAFE_CHARACTERS = re.compile(r"[^\w\- ]+")
ROOM_FOR_FOOTER = 300

router = Router(__name__)


def plan_file(ctx: Context) -> Attachment | None:
    """The document attachment with a plan file's suffix, if the message has one."""
    for attachment in ctx.incoming.attachments:
        suffix = Path(attachment.file_name or "").suffix.lower()
        if attachment.kind == "document" and suffix in READERS:
            return attachment
    return None


@router.text(ADMINS, chats=PRIVATE)
async def plan_document(ctx: Context) -> bool:
    """Read an admin's plan document (or contact list) and show what would be imported."""
    attachment = plan_file(ctx)
    if attachment is None or attachment.file_name is None or ctx.incoming.edited:
        return False
    if attachment.size is not None and attachment.size > MAX_FILE_BYTES:
        ctx.reply(ctx.text("planimport.too_big"))
        return True
    channel = ctx.deps.channels[ctx.incoming.channel]
    try:
        content = await channel.download(attachment.file_id)
    except ChannelError:
        logger.warning(
            "plan document %s could not be downloaded", attachment.file_id, exc_info=True
        )
        ctx.reply(ctx.text("planimport.download_failed"))
        return True
    try:
        document = await read_document(content, attachment.file_name)
    except ContactListError as error:
        ctx.reply(ctx.text("contacts.unusable", reason=str(error)))
        return True
    except PlanFileError as error:
        ctx.reply(ctx.text("planimport.unreadable", reason=str(error)))
        return True
    if isinstance(document, list):  # a contact list, recognised by its headers
        await preview_list(ctx, document, attachment.file_name or "")
        return True
    token = secrets.token_hex(4)
    async with ctx.deps.db.transaction() as session:
        known = await session.scalar(select(Plan.id).where(Plan.key == plan_key(document)))
        await begin_step(
            ctx,
            session,
            "plan_import",
            {
                "token": token,
                "file_name": attachment.file_name,
                "document": document.model_dump(mode="json"),
            },
        )
    rows = [
        [
            Button(ctx.text("planimport.confirm"), ImportChoice("ok", token).pack()),
            Button(ctx.text("planimport.cancel"), ImportChoice("no", token).pack()),
        ]
    ]
    limit = channel.capabilities.max_text - ROOM_FOR_FOOTER
    ctx.reply(preview(ctx, document, known is not None, limit), rows)
    return True


async def read_document(content: bytes, file_name: str) -> PlanDocument | list[Invitee]:
    """Write the bytes to a temporary file named like the original and read it as a plan (or a
    contact list) in a child process (time and memory bounded: a hostile file never stalls the
    chats)."""
    original = Path(file_name or "plan")
    safe_stem = UNSAFE_CHARACTERS.sub("_", original.stem)[:80] or "plan"
    with tempfile.TemporaryDirectory(prefix="dondoc-plan-") as folder:
        path = Path(folder) / (safe_stem + original.suffix.lower())
        path.write_bytes(content)
        try:
            return await parse_upload_off_loop(path)
        except PlanFileError as error:  # name the file as the admin knows it
            raise type(error)(str(error).replace(path.name, original.name)) from None


def preview(ctx: Context, document: PlanDocument, known: bool, limit: int) -> str:
    """The plan's header and one line per task, cut to fit one message; doubtful fields flagged."""
    header = document.plan
    parts = [
        ctx.text(
            "planimport.header",
            number=header.number or "—",
            title=header.title,
            issuer=header.issuer or "—",
            count=len(document.tasks),
        )
    ]
    if known:
        parts.append(ctx.text("planimport.known"))
    used = sum(len(p) + 1 for p in parts)
    for index, draft in enumerate(document.tasks):
        line = task_line(ctx, draft)
        if used + len(line) + 1 > limit:
            parts.append(ctx.text("planimport.more", count=len(document.tasks) - index))
            break
        parts.append(line)
        used += len(line) + 1
    parts.append(ctx.text("planimport.question"))
    return "\n".join(parts)


def task_line(ctx: Context, draft: TaskDraft) -> str:
    """ "• <b>II.3</b> Title — Chủ trì: X — Hạn: 31/12/2025 ⚠️ cần kiểm tra: thời hạn"."""
    if draft.due is not None and draft.recurrence is not None:
        when = day_text(draft.due) + ", " + ctx.text(f"tasks.every.{draft.recurrence.value}")
    elif draft.recurrence is not None:
        when = ctx.text(f"tasks.every.{draft.recurrence.value}")
    else:
        when = day_text(draft.due)
    line = ctx.text(
        "planimport.task",
        code=draft.code,
        title=shorten(draft.title, 90),
        lead="; ".join(draft.lead_units) or "—",
        when=when,
    )
    if draft.low_confidence:
        names = ", ".join(field_name(ctx, name) for name in draft.low_confidence)
        line += " " + ctx.text("planimport.doubtful", fields=names)
    return line


def field_name(ctx: Context, name: str) -> str:
    """A task field as the admin knows it ("thời hạn" for due)."""
    return ctx.text(f"planimport.field.{name}") if name in FIELDS else name


FIELDS = ("code", "title", "due", "recurrence", "report_day", "lead_units", "support_units")


@router.callback(ImportChoice, ADMINS, chats=PRIVATE)
async def import_button(ctx: Context, pressed: ImportChoice) -> None:
    """Xác nhận nhập writes the plan shown; Hủy forgets it."""
    action, token = pressed.action, pressed.token
    result = None
    async with ctx.deps.db.transaction() as session:
        current = await current_step(ctx, session)
        waiting = (
            current is not None and current.name == "plan_import" and current.data["token"] == token
        )
        if current is not None and waiting and action in ("ok", "no"):
            await clear_state(session, state_key(ctx))
            if action == "ok":
                document = PlanDocument.model_validate(current.data["document"])
                result = await import_plan(
                    session, document, actor_label(ctx), current.data["file_name"]
                )
    if not waiting or action not in ("ok", "no"):
        ctx.reply(ctx.text("common.expired_button"), edit=True)
    elif result is None:
        ctx.reply(ctx.text("common.cancelled"), edit=True)
    else:
        key = "planimport.done_new" if result.created else "planimport.done_updated"
        ctx.reply(
            ctx.text(
                key,
                title=shorten(result.plan.title, 200),
                id=result.plan.id,
                created=result.tasks_created,
                updated=result.tasks_updated,
            ),
            edit=True,
        )
