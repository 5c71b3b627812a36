"""Leases on the bots: a bot is polled only by the process holding its lease in the database.

A lease is taken when free, expired, already ours, or left by a dead process of this host (a
restart after kill -9 does not wait for it to expire). Each take is a compare-and-set on the row
as it was read, so two processes never both win one bot, on SQLite as on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.reminders.claims import owner_is_dead
from db.engine import Database
from db.models import BotLease
from db.results import rowcount

LEASE = timedelta(seconds=45)


async def hold_leases(
    db: Database,
    channels: Collection[str],
    owner: str,
    now: datetime,
    lease: timedelta = LEASE,
    *,
    sends_reminders: bool = True,
) -> set[str]:
    """Take or renew the leases of `channels` for `owner` until `now + lease`; those it holds."""
    if not channels:
        return set()
    until = now + lease
    async with db.transaction() as session:
        seen = {
            row.channel: (row.owner, row.expires_at)
            for row in await session.execute(
                select(BotLease.channel, BotLease.owner, BotLease.expires_at).where(
                    BotLease.channel.in_(list(channels))
                )
            )
        }
        held = {channel for channel in channels if channel not in seen}
        fresh = sorted(held)
        if fresh:
            dialect = session.get_bind().dialect.name
            insert = sqlite_insert if dialect == "sqlite" else postgresql_insert
            rows = [
                {
                    "channel": name,
                    "owner": owner,
                    "expires_at": until,
                    "sends_reminders": sends_reminders,
                }
                for name in fresh
            ]
            await session.execute(insert(BotLease).values(rows).on_conflict_do_nothing())
        for channel, (holder, expires_at) in seen.items():
            if holder != owner and expires_at > now and not owner_is_dead(holder):
                continue
            taken = await session.execute(
                update(BotLease)
                .where(
                    BotLease.channel == channel,
                    BotLease.owner == holder,
                    BotLease.expires_at == expires_at,
                )
                .values(owner=owner, expires_at=until, sends_reminders=sends_reminders)
            )
            if rowcount(taken):
                held.add(channel)
        if fresh:  # another process may have inserted first
            held = set(
                await session.scalars(
                    select(BotLease.channel).where(
                        BotLease.channel.in_(list(channels)), BotLease.owner == owner
                    )
                )
            )
    return held


async def bots_sent_elsewhere(
    session: AsyncSession, held: Collection[str], now: datetime
) -> set[str]:
    """Bots whose live lease another process holds and sends reminders through."""
    rows = await session.scalars(
        select(BotLease.channel).where(
            BotLease.expires_at > now,
            BotLease.sends_reminders,
            BotLease.channel.not_in(list(held)),
        )
    )
    return set(rows)


async def release_leases(db: Database, owner: str) -> None:
    """Give back every lease of `owner` (a clean stop: another process takes them at once)."""
    async with db.transaction() as session:
        await session.execute(delete(BotLease).where(BotLease.owner == owner))
