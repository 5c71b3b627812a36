"""/link: reach the same person on Telegram and Zalo, and choose where reminders go."""

from __future__ import annotations

import html

from bot.callbacks import ApproveLink, Deliver, RefuseLink
from bot.domain import Channel
from bot.messages import Button, Outgoing, platform_of
from bot.services.invites import deep_link
from bot.services.linking import (
    DELIVER_ALL,
    DELIVERY_CHOICES,
    LINK_LIFETIME,
    LinkingError,
    LinkRequestGone,
    create_link_code,
    decide_link,
    endpoints_of,
    set_delivery,
)
from bot.services.notify import messages_to, recipients
from bot.texts import t
from db.models import Contact, LinkRequest
from handlers.context import Context
from handlers.conversation import actor_label, now
from handlers.invite import bot_username
from handlers.menus import command_list, set_menu
from handlers.router import MEMBERS, PRIVATE, Router

CHANNEL_NAMES = {Channel.TELEGRAM.value: "Telegram", Channel.ZALO.value: "Zalo"}

router = Router(__name__)


def platform_name(channel: str) -> str:
    """What people call the platform of a channel ("Telegram" for a committee's Telegram bot too)."""
    platform = platform_of(channel)
    return CHANNEL_NAMES.get(platform, platform)


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


@router.command("link", MEMBERS, chats=PRIVATE)
async def link(ctx: Context) -> None:
    """Give a one-time code that adds the other platform's account to this person."""
    try:
        async with ctx.deps.db.transaction() as session:
            invite = await create_link_code(
                session, ctx.member.contact_id, actor_label(ctx), ctx.deps.clock.now()
            )
            contact = await session.get_one(Contact, ctx.member.contact_id)
            endpoints = await endpoints_of(session, ctx.member.contact_id)
    except LinkingError as error:
        ctx.reply(ctx.text("link.error", reason=str(error)))
        return
    minutes = LINK_LIFETIME.seconds // 60
    lines = [ctx.text("link.code", code=invite.code, minutes=minutes)]
    link_url = deep_link(bot_username(ctx), invite.issued_code)
    if link_url:
        lines.append(ctx.text("link.deep_link", link=link_url))
    channels = sorted({platform_name(e.channel) for e in endpoints})
    lines.append(ctx.text("link.accounts", accounts=", ".join(channels)))
    lines.append(ctx.text("link.delivery", where=_where(ctx, contact.deliver_to)))
    ctx.reply("\n\n".join(lines), _delivery_buttons(ctx))


@router.callback(Deliver, MEMBERS, chats=PRIVATE)
async def deliver(ctx: Context, pressed: Deliver) -> None:
    """Save where this person's reminders go."""
    choice = pressed.choice
    try:
        async with ctx.deps.db.transaction() as session:
            await set_delivery(session, ctx.member.contact_id, choice, actor_label(ctx))
    except LinkingError as error:
        ctx.reply(ctx.text("link.error", reason=str(error)))
        return
    saved = ctx.text("link.delivery_saved", where=_where(ctx, choice))
    note = "" if choice == DELIVER_ALL else "\n" + ctx.text("link.delivery_fallback")
    ctx.reply(saved + note, edit=True)


def _who(request: LinkRequest) -> dict[str, str]:
    """The redeeming account as the owner sees it (escaped: the name is the redeemer's choice)."""
    return {
        "name": html.escape(request.display_name, quote=False),
        "platform": platform_name(request.channel),
        "user_id": html.escape(request.user_id, quote=False),
    }


async def ask_owner(ctx: Context, request: LinkRequest) -> None:
    """Ask the code's owner, in their private chats, whether this account is theirs."""
    async with ctx.deps.db.reading() as session:
        owners = await recipients(session, contact_ids=[request.contact_id])
    who = _who(request)

    def answers(locale: str) -> list[list[Button]]:
        return [
            [
                Button(t("link.approve", locale), ApproveLink(request.id).pack()),
                Button(t("link.refuse", locale), RefuseLink(request.id).pack()),
            ]
        ]

    for message in messages_to(owners, lambda locale: t("link.confirm", locale, **who), answers):
        ctx.send(message)
    ctx.reply(ctx.text("link.requested"))


@router.callback(ApproveLink, MEMBERS, "link.request_gone", chats=PRIVATE)
async def approve_link(ctx: Context, pressed: ApproveLink) -> None:
    """The owner confirms: the account joins them and is welcomed."""
    await decide(ctx, pressed.request_id, approve=True)


@router.callback(RefuseLink, MEMBERS, "link.request_gone", chats=PRIVATE)
async def refuse_link(ctx: Context, pressed: RefuseLink) -> None:
    """The owner refuses: the account stays a stranger and is told so."""
    await decide(ctx, pressed.request_id, approve=False)


async def decide(ctx: Context, request_id: int, *, approve: bool) -> None:
    """Decide once, tell the owner, then tell the account that redeemed the code."""
    assert ctx.actor is not None
    try:
        async with ctx.deps.db.transaction() as session:
            decision = await decide_link(
                session,
                request_id,
                ctx.actor.contact_id,
                approve=approve,
                actor=actor_label(ctx),
                now=now(ctx),
            )
            owner = await session.get_one(Contact, ctx.member.contact_id)
    except LinkRequestGone:
        ctx.reply(ctx.text("link.request_gone"), edit=True)
        return
    request = decision.request
    who = _who(request)
    answered = "link.approved_by_you" if approve else "link.refused_by_you"
    ctx.reply(t(answered, ctx.locale, **who), edit=True)
    text = t("link.refused", ctx.deps.settings.locale)  # the account is a stranger still
    if approve:
        locale = owner.locale or ctx.deps.settings.locale
        role = owner.role
        welcome = t(
            "onboarding.linked",
            locale,
            name=html.escape(owner.display_name, quote=False),
            role=t(f"role.{role}", locale),
        )
        text = welcome + "\n\n" + command_list(ctx, role, locale)
        await set_menu(ctx, request.channel, request.chat_id, role, locale)
    ctx.send(Outgoing(text=text, channel=request.channel, chat_id=request.chat_id))
