"""A code someone typed: guesses limited per chat account, invites bind, link codes ask first.

Refused codes are counted in the database, so the limit holds across processes and restarts.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.invites import Account, Binding, find_invite, use_invite
from bot.services.linking import request_link
from db.models import CodeAttempt, LinkRequest

ATTEMPT_LIMIT = 5
ATTEMPT_WINDOW = timedelta(minutes=10)


async def redeem_code(
    session: AsyncSession, code: str, account: Account, now: datetime
) -> Binding | LinkRequest:
    """An invite binds the account now; a /link code waits for its owner's confirmation."""
    invite = await find_invite(session, code, now)
    if invite.link_contact_id is not None:
        return await request_link(session, invite, account, now)
    return await use_invite(session, invite, account, now)


async def locked_out(session: AsyncSession, account: Account, now: datetime) -> bool:
    """Whether the account has used up its refused codes for now (no code is even looked up)."""
    return await _refusals(session, account, now) >= ATTEMPT_LIMIT


async def record_refusal(session: AsyncSession, account: Account, now: datetime) -> bool:
    """Count a refused code; True when it is the one that reaches the limit (tell admins once)."""
    session.add(CodeAttempt(channel=account.channel, user_id=account.user_id, at=now))
    await session.flush()
    return await _refusals(session, account, now) == ATTEMPT_LIMIT


async def _refusals(session: AsyncSession, account: Account, now: datetime) -> int:
    counted = await session.scalar(
        select(func.count(CodeAttempt.id)).where(
            CodeAttempt.channel == account.channel,
            CodeAttempt.user_id == account.user_id,
            CodeAttempt.at > now - ATTEMPT_WINDOW,
        )
    )
    return counted or 0
