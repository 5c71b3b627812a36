"""/start and /help: joining with an invite code, and the commands each role may use."""

from __future__ import annotations

import html
import re

from bot.channels.commands import commands_for, register_commands
from bot.services.invites import CODE_ALPHABET, InviteError, redeem_invite
from db.models import Unit
from handlers.context import Context
from handlers.conversation import now
from handlers.router import EVERYONE, command, text

BARE_CODE = re.compile(rf"[{CODE_ALPHABET}]{{10}}")


def command_list(role: str, locale: str) -> str:
    """One line per command the role may use: "/report — Báo cáo tiến độ"."""
    return "\n".join(
        f"/{name} — {html.escape(about, quote=False)}" for name, about in commands_for(role, locale)
    )


@command("start", EVERYONE, vi="Bắt đầu, nhập mã mời", en="Start, enter an invite code")
async def start(ctx: Context) -> None:
    """Redeem the code after /start, or explain how to join, or greet a known user."""
    code = ctx.incoming.args
    if code:
        await join(ctx, code)
    elif ctx.actor is None:
        ctx.reply(ctx.text("onboarding.how_to_join"))
    else:
        actor = ctx.actor
        ctx.reply(
            ctx.text(
                "onboarding.hello_again",
                name=actor.display_name,
                role=ctx.text(f"role.{actor.role}"),
                unit=actor.unit_name or "—",
            )
            + "\n\n"
            + command_list(actor.role, ctx.locale)
        )


@text(EVERYONE, priority=5)
async def bare_code(ctx: Context) -> bool:
    """A stranger's first message that is just a code (Zalo has no deep links) redeems it."""
    candidate = ctx.incoming.text.strip().lower()
    if ctx.actor is not None or ctx.incoming.chat_type != "private" or ctx.incoming.attachments:
        return False
    if not BARE_CODE.fullmatch(candidate):
        return False
    await join(ctx, candidate)
    return True


async def join(ctx: Context, code: str) -> None:
    """Bind this chat account with the code, welcome the user, set their command menu."""
    incoming = ctx.incoming
    if incoming.chat_type != "private":
        ctx.reply(ctx.text("onboarding.private_only"))
        return
    try:
        async with ctx.core.db.transaction() as session:
            binding = await redeem_invite(
                session,
                code,
                channel=incoming.channel,
                user_id=incoming.user_id,
                chat_id=incoming.chat_id,
                display_name=incoming.display_name,
                now=now(ctx),
            )
            unit = (
                await session.get(Unit, binding.contact.unit_id)
                if binding.contact.unit_id
                else None
            )
    except InviteError as error:
        ctx.reply(html.escape(str(error), quote=False))
        return
    role = binding.contact.role
    locale = binding.contact.locale or ctx.core.settings.locale
    if binding.linked:
        key = "onboarding.linked"
    else:
        key = ctx.reporting_key("onboarding.welcome_unit") if unit else "onboarding.welcome"
    ctx.reply(
        ctx.text(
            key,
            name=binding.contact.display_name,
            role=ctx.text(f"role.{role}"),
            unit=unit.name if unit else "",
        )
        + "\n\n"
        + command_list(role, locale)
    )
    await set_menu(ctx, role, locale)


async def set_menu(ctx: Context, role: str, locale: str) -> None:
    """Give the platform's command menu the role's commands, where the channel has one."""
    channel = ctx.core.channels.get(ctx.incoming.channel)
    if channel is not None:
        await register_commands(channel, ctx.incoming.chat_id, role, locale)


@command("help", EVERYONE, vi="Các lệnh bạn dùng được", en="The commands you can use")
async def help_command(ctx: Context) -> None:
    """List the commands the sender's role may use."""
    if ctx.actor is None:
        ctx.reply(ctx.text("onboarding.how_to_join"))
        return
    role = ctx.actor.role
    lines = [
        ctx.text("onboarding.help_header", role=ctx.text(f"role.{role}")),
        command_list(role, ctx.locale),
    ]
    if role == "contact":
        # Zalo's Bot API brings photos but no other files.
        evidence = (
            "onboarding.evidence" if ctx.capabilities.documents else "onboarding.evidence.photos"
        )
        lines.append(
            ctx.text(ctx.reporting_key("onboarding.help_contact")) + " " + ctx.text(evidence)
        )
    ctx.reply("\n\n".join(lines))
