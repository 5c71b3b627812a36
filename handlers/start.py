"""/start and /help: joining with an invite code, and the commands each role may use."""

from __future__ import annotations

import html
import re

from bot.domain import Role
from bot.messages import platform_of
from bot.services.invites import CODE_ALPHABET, Account, Binding, InviteError
from bot.services.notify import messages_to, recipients
from bot.services.onboarding import first_contact_joined
from bot.services.redemption import (
    ATTEMPT_LIMIT,
    ATTEMPT_WINDOW,
    locked_out,
    record_refusal,
    redeem_code,
)
from bot.texts import t
from db.models import LinkRequest, Unit
from handlers.context import Context
from handlers.conversation import now
from handlers.link import ask_owner, platform_name
from handlers.menus import command_list, set_menu
from handlers.router import EVERYONE, Router

BARE_CODE = re.compile(rf"[{CODE_ALPHABET}]{{10}}")
ATTEMPT_MINUTES = int(ATTEMPT_WINDOW.total_seconds()) // 60

router = Router(__name__)


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
    """Redeem a code: an invite binds this chat account, a link code asks the code's owner."""
    incoming = ctx.incoming
    if incoming.chat_type != "private":
        ctx.reply(ctx.text("onboarding.private_only"))
        return
    account = Account(incoming.channel, incoming.user_id, incoming.chat_id, incoming.display_name)
    try:
        async with ctx.deps.db.transaction() as session:
            if await locked_out(session, account, now(ctx)):
                ctx.reply(ctx.text("onboarding.locked_out", minutes=ATTEMPT_MINUTES))
                return
            outcome = await redeem_code(session, code, account, now(ctx))
            unit, first_of, admins = None, None, []
            if isinstance(outcome, Binding):
                contact = outcome.contact
                unit = await session.get(Unit, contact.unit_id) if contact.unit_id else None
                first_of = await first_contact_joined(session, outcome)
                if first_of:  # the admins of the committee the code was issued for
                    admins = await recipients(
                        session, roles=[Role.ADMIN], committee_id=contact.committee_id
                    )
    except InviteError as error:
        await refused(ctx, account, error)
        return
    if isinstance(outcome, LinkRequest):
        await ask_owner(ctx, outcome)
        return
    role = outcome.contact.role
    locale = outcome.contact.locale or ctx.deps.settings.locale
    key = ctx.reporting_key("onboarding.welcome_unit") if unit else "onboarding.welcome"
    ctx.reply(
        ctx.text(
            key,
            name=outcome.contact.display_name,
            role=ctx.text(f"role.{role}"),
            unit=unit.name if unit else "",
        )
        + "\n\n"
        + command_list(ctx, role, locale)
    )
    await set_menu(ctx, incoming.channel, incoming.chat_id, role, locale)
    if first_of is not None:
        tell_admins(ctx, admins, first_of.name, outcome.contact.display_name)


def tell_admins(ctx: Context, admins, unit: str, name: str) -> None:
    """Tell the admins (in their private chats) that a unit's first contact joined."""
    values = {"unit": html.escape(unit, quote=False), "name": html.escape(name, quote=False)}
    channel = ctx.incoming.channel
    for message in messages_to(
        admins,
        lambda locale: t(
            "onboarding.first_contact",
            locale,
            platform=t(f"platform.{platform_of(channel)}", locale),
            **values,
        ),
    ):
        ctx.send(message)


async def refused(ctx: Context, account: Account, error: InviteError) -> None:
    """Say why the code was refused, count it, and tell the admins when guessing starts."""
    ctx.reply(html.escape(str(error), quote=False))
    async with ctx.deps.db.transaction() as session:
        burst = await record_refusal(session, account, now(ctx))
        admins = await recipients(session, roles=[Role.ADMIN.value]) if burst else []
    values = {
        "name": html.escape(account.display_name or "—", quote=False),
        "platform": platform_name(account.channel),
        "user_id": html.escape(account.user_id, quote=False),
        "count": ATTEMPT_LIMIT,
        "minutes": ATTEMPT_MINUTES,
    }
    for message in messages_to(admins, lambda locale: t("onboarding.code_burst", locale, **values)):
        ctx.send(message)


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
