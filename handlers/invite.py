"""/invite: an admin chooses a role (and a unit for contacts) and gets a one-time code and link."""

from __future__ import annotations

from sqlalchemy import select

from bot.callback_data import as_id
from bot.callbacks import InviteChoice
from bot.domain import Channel, Role
from bot.messages import Button, platform_of
from bot.services.invites import create_invite, deep_link
from db.models import Unit
from handlers.context import Context
from handlers.conversation import (
    ADMINS,
    actor_label,
    day_text,
    now,
    page_buttons,
    page_of,
    shorten,
)
from handlers.router import PRIVATE, Router

PAGE_SIZE = 8

router = Router(__name__)


@router.command("invite", ADMINS, chats=PRIVATE)
async def invite_command(ctx: Context) -> None:
    """Ask which role the invite is for."""
    rows = [
        [Button(ctx.text(f"role.{role.value}"), InviteChoice("r", role.value).pack())]
        for role in Role
    ]
    ctx.reply(ctx.text("admin.invite_role"), rows)


@router.callback(InviteChoice, ADMINS, chats=PRIVATE)
async def invite_button(ctx: Context, pressed: InviteChoice) -> None:
    """Role chosen → unit list (contacts) or the code; unit page; unit chosen → the code."""
    kind, value = pressed.kind, pressed.value
    number = as_id(value)
    if kind == "r" and value == Role.CONTACT.value:
        await offer_units(ctx, 0)
    elif kind == "r" and value in set(Role):
        await issue(ctx, Role(value), None)
    elif kind == "p" and number is not None:
        await offer_units(ctx, number)
    elif kind == "u" and number is not None:
        await issue(ctx, Role.CONTACT, number)
    else:
        ctx.reply(ctx.text("common.expired_button"))


async def offer_units(ctx: Context, page: int) -> None:
    """A page of unit buttons."""
    async with ctx.deps.db.reading() as session:
        units = list(await session.scalars(select(Unit).order_by(Unit.name)))
    if not units:
        ctx.reply(ctx.text("admin.invite_no_units"), edit=True)
        return
    shown, page, pages = page_of(units, page, PAGE_SIZE)
    rows = [[Button(shorten(unit.name), InviteChoice("u", str(unit.id)).pack())] for unit in shown]
    rows += page_buttons(ctx, page, pages, lambda to: InviteChoice("p", str(to)))
    ctx.reply(ctx.text("admin.invite_unit"), rows, edit=True)


def bot_username(ctx: Context) -> str | None:
    """The username of the Telegram bot the sender writes to (the deployment's own when they
    write on Zalo): the settings' for the deployment's bot, else what getMe told the channel."""
    sender_channel = ctx.incoming.channel
    bot = sender_channel if platform_of(sender_channel) == Channel.TELEGRAM else Channel.TELEGRAM
    if bot == Channel.TELEGRAM and ctx.deps.settings.telegram_bot_username:
        return ctx.deps.settings.telegram_bot_username
    channel = ctx.deps.channels.get(bot)
    try:  # python-telegram-bot raises until the bot has called getMe
        name = getattr(getattr(channel, "bot", None), "username", None)
    except RuntimeError:
        return None
    return name if isinstance(name, str) and name else None


async def issue(ctx: Context, role: Role, unit_id: int | None) -> None:
    """Create the invite and show the code, its expiry and the deep link."""
    async with ctx.deps.db.transaction() as session:
        unit = await session.get(Unit, unit_id) if unit_id is not None else None
        invite = None
        if unit is not None or role is not Role.CONTACT:
            invite = await create_invite(session, role, unit, actor_label(ctx), now(ctx))
    if invite is None:
        ctx.reply(ctx.text("common.expired_button"), edit=True)
        return
    lines = [
        ctx.text(
            "admin.invite_code",
            code=invite.code,
            role=ctx.text(f"role.{role.value}"),
            unit=unit.name if unit else "—",
            expires=day_text(invite.expires_at.astimezone(ctx.deps.settings.tz).date()),
        )
    ]
    link = deep_link(bot_username(ctx), invite.issued_code)
    if link:
        lines.append(ctx.text("admin.invite_link", link=link))
    ctx.reply("\n".join(lines), edit=True)
