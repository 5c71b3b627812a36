"""/link: reach the same person on Telegram and Zalo, and choose where reminders go."""

from __future__ import annotations

from bot.callbacks import Deliver
from bot.domain import Channel
from bot.messages import Button
from bot.services.invites import deep_link
from bot.services.linking import (
    DELIVER_ALL,
    DELIVERY_CHOICES,
    LINK_LIFETIME,
    LinkingError,
    create_link_code,
    endpoints_of,
    set_delivery,
)
from db.models import Contact
from handlers.context import Context
from handlers.invite import bot_username
from handlers.router import MEMBERS, Router

CHANNEL_NAMES = {Channel.TELEGRAM.value: "Telegram", Channel.ZALO.value: "Zalo"}

router = Router(__name__)


def _where(ctx: Context, deliver_to: str) -> str:
    if deliver_to == DELIVER_ALL:
        return ctx.text("link.deliver_all")
    return CHANNEL_NAMES.get(deliver_to, deliver_to)


def _delivery_buttons(ctx: Context) -> list[list[Button]]:
    buttons = [Button(ctx.text("link.deliver_all"), Deliver(DELIVER_ALL).pack())]
    buttons += [
        Button(ctx.text("link.deliver_only", channel=CHANNEL_NAMES[value]), Deliver(value).pack())
        for value in DELIVERY_CHOICES
        if value != DELIVER_ALL
    ]
    return [[button] for button in buttons]


def _actor_tag(ctx: Context) -> str:
    return f"{ctx.incoming.channel}:{ctx.incoming.user_id}"


@router.command("link", MEMBERS)
async def link(ctx: Context) -> None:
    """Give a one-time code that adds the other platform's account to this person."""
    try:
        async with ctx.deps.db.transaction() as session:
            invite = await create_link_code(
                session, ctx.member.contact_id, _actor_tag(ctx), ctx.deps.clock.now()
            )
            contact = await session.get_one(Contact, ctx.member.contact_id)
            endpoints = await endpoints_of(session, ctx.member.contact_id)
    except LinkingError as error:
        ctx.reply(ctx.text("link.error", reason=str(error)))
        return
    lines = [ctx.text("link.code", code=invite.code, minutes=LINK_LIFETIME.seconds // 60)]
    link_url = deep_link(bot_username(ctx), invite.code)
    if link_url:
        lines.append(ctx.text("link.deep_link", link=link_url))
    channels = sorted({CHANNEL_NAMES.get(e.channel, e.channel) for e in endpoints})
    lines.append(ctx.text("link.accounts", accounts=", ".join(channels)))
    lines.append(ctx.text("link.delivery", where=_where(ctx, contact.deliver_to)))
    ctx.reply("\n\n".join(lines), _delivery_buttons(ctx))


@router.callback(Deliver, MEMBERS)
async def deliver(ctx: Context, pressed: Deliver) -> None:
    """Save where this person's reminders go."""
    choice = pressed.choice
    try:
        async with ctx.deps.db.transaction() as session:
            await set_delivery(session, ctx.member.contact_id, choice, _actor_tag(ctx))
    except LinkingError as error:
        ctx.reply(ctx.text("link.error", reason=str(error)))
        return
    saved = ctx.text("link.delivery_saved", where=_where(ctx, choice))
    note = "" if choice == DELIVER_ALL else "\n" + ctx.text("link.delivery_fallback")
    ctx.reply(saved + note, edit=True)
