"""/start and /help: joining with an invite code, and the commands each role may use."""

from __future__ import annotations

import html
import re

from bot.domain import Role
from bot.messages import set_command_menu
from bot.services.invites import CODE_ALPHABET, InviteError, redeem_invite
from bot.services.notify import messages_to, recipients
from bot.services.onboarding import first_contact_joined
from bot.texts import t
from db.models import Unit
from handlers.context import Context
from handlers.conversation import now
from handlers.router import EVERYONE, Router

BARE_CODE = re.compile(rf"[{CODE_ALPHABET}]{{10}}")

router = Router(__name__)


def command_list(ctx: Context, role: str, locale: str) -> str:
    """One line per command the role may use: "/report — Báo cáo tiến độ"."""
    return "\n".join(
        f"/{name} — {html.escape(about, quote=False)}" for name, about in ctx.menu(role, locale)
    )


@router.command("start", EVERYONE)
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
            + command_list(ctx, actor.role, ctx.locale)
        )


@router.text(EVERYONE)
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
        async with ctx.deps.db.transaction() as session:
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
            first_of = await first_contact_joined(session, binding)
            admins = await recipients(session, roles=[Role.ADMIN]) if first_of else []
    except InviteError as error:
        ctx.reply(html.escape(str(error), quote=False))
        return
    role = binding.contact.role
    locale = binding.contact.locale or ctx.deps.settings.locale
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
        + command_list(ctx, role, locale)
    )
    await set_menu(ctx, role, locale)
    if first_of is not None:
        tell_admins(ctx, admins, first_of.name, binding.contact.display_name)


def tell_admins(ctx: Context, admins, unit: str, name: str) -> None:
    """Tell the admins (in their private chats) that a unit's first contact joined."""
    values = {"unit": html.escape(unit, quote=False), "name": html.escape(name, quote=False)}
    channel = ctx.incoming.channel
    for message in messages_to(
        admins,
        lambda locale: t(
            "onboarding.first_contact", locale, platform=t(f"platform.{channel}", locale), **values
        ),
    ):
        ctx.send(message)


async def set_menu(ctx: Context, role: str, locale: str) -> None:
    """Give the platform's command menu the role's commands, where the channel has one."""
    channel = ctx.deps.channels.get(ctx.incoming.channel)
    if channel is not None:
        await set_command_menu(channel, ctx.incoming.chat_id, ctx.menu(role, locale))


@router.command("help", EVERYONE)
async def help_command(ctx: Context) -> None:
    """List the commands the sender's role may use."""
    if ctx.actor is None:
        ctx.reply(ctx.text("onboarding.how_to_join"))
        return
    role = ctx.actor.role
    lines = [
        ctx.text("onboarding.help_header", role=ctx.text(f"role.{role}")),
        command_list(ctx, role, ctx.locale),
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
