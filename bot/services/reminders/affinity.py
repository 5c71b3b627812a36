"""Which committees' reminders a process claims: not those whose first bot another process holds.

A bot is served — polled and sent through — by one process at a time, so each token's flood limit
is paced in one place and several processes never push one token past it together. A committee's
reminders go out through its bots; the process holding the first of them (the committee's
Telegram bot, else its Zalo bot, else the deployment's) claims them. A bot nobody holds, or whose
holder runs without the scheduler, leaves its committees to whichever process sweeps.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import Channel
from bot.messages import ChannelPort
from bot.services.bot_leases import bots_sent_elsewhere
from bot.services.bots import committee_bot_channel
from db.models.committees import Committee


def first_bot(
    channels: Mapping[str, ChannelPort], telegram_variable: str | None, zalo_variable: str | None
) -> str | None:
    """The bot (its port's name) a committee's reminders are claimed by; None: it has none here."""
    own = [
        committee_bot_channel(platform, variable)
        for platform, variable in (
            (Channel.TELEGRAM, telegram_variable),
            (Channel.ZALO, zalo_variable),
        )
        if variable
    ]
    for name in (*own, Channel.TELEGRAM.value, Channel.ZALO.value):
        if (port := channels.get(name)) is not None:
            return port.name
    return None


async def served_committees(
    session: AsyncSession,
    channels: Mapping[str, ChannelPort],
    held: frozenset[str] | None,
    now: datetime,
) -> list[int] | None:
    """The committees whose reminders this process claims; None: every committee."""
    if held is None:
        return None
    elsewhere = await bots_sent_elsewhere(session, held, now)
    if not elsewhere:
        return None
    rows = await session.execute(
        select(Committee.id, Committee.telegram_token_env, Committee.zalo_token_env).order_by(
            Committee.id
        )
    )
    served = []
    for committee_id, telegram_variable, zalo_variable in rows:
        if first_bot(channels, telegram_variable, zalo_variable) not in elsewhere:
            served.append(committee_id)
    return served
