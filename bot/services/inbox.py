"""The inbox table: store updates once per platform key, claim what is left, settle what is done.

Several processes may share it (PostgreSQL): a row belongs to the process named in `claimed_by`
until `claimed_until`; a crashed process's rows are taken over at once (like reminder claims).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from bot.message_json import (
    incoming_from_dict,
    incoming_to_dict,
    outgoing_from_dict,
    outgoing_to_dict,
)
from bot.messages import Incoming, NewUpdate, Outgoing
from bot.services.reminders.claims import owner_is_dead
from bot.services.reminders.sql import dialect_name
from db.engine import Database
from db.models import InboxUpdate
from db.results import rowcount

PENDING, SENDING, DONE, FAILED = "pending", "sending", "done", "failed"
LEASE = timedelta(minutes=2)  # longer than any handling (a plan import included)
INBOX = InboxUpdate.__table__
# Built once (a hot path): new rows only, with the ids they were given.
_STORE = {
    name: insert(InboxUpdate)
    .on_conflict_do_nothing(index_elements=["channel", "update_key"])
    .returning(INBOX.c.id, INBOX.c.update_key)
    for name, insert in (("sqlite", sqlite.insert), ("postgresql", postgresql.insert))
}


@dataclass(frozen=True, slots=True)
class InboxItem:
    """A stored update this process holds: to handle, or (`replies` set) to answer."""

    id: int
    incoming: Incoming
    attempts: int
    told_delayed: bool
    replies: tuple[Outgoing, ...] | None = None

    @property
    def chat(self) -> tuple[str, str]:
        """Updates of one chat are handled in order: this is the chat."""
        return self.incoming.channel, self.incoming.chat_id


def _item(row) -> InboxItem:
    replies = None if row.replies is None else tuple(outgoing_from_dict(r) for r in row.replies)
    return InboxItem(
        row.id, incoming_from_dict(row.payload), row.attempts, row.told_delayed, replies
    )


async def store(
    db: Database, channel: str, updates: Sequence[NewUpdate], owner: str, now: datetime
) -> list[InboxItem]:
    """Store a batch in one transaction; the updates new to the inbox, already claimed by `owner`
    (an update stored before, e.g. redelivered after a crash, is left to whoever holds it)."""
    if not updates:
        return []
    rows = [
        dict(
            channel=channel,
            update_key=update.key,
            chat_id=update.incoming.chat_id,
            payload=incoming_to_dict(update.incoming),
            received_at=now,
            state=PENDING,
            attempts=1,
            next_attempt_at=now,
            claimed_by=owner,
            claimed_until=now + LEASE,
            told_delayed=False,
        )
        for update in updates
    ]
    stored = await db.write_sync(
        lambda connection: {
            key: row_id for row_id, key in connection.execute(_STORE[connection.dialect.name], rows)
        }
    )
    return [
        InboxItem(stored[update.key], update.incoming, 1, False)
        for update in updates
        if update.key in stored
    ]


_ANY_DUE = (
    select(INBOX.c.id)
    .where(
        INBOX.c.channel == bindparam("channel"),
        INBOX.c.state.in_((PENDING, SENDING)),
        INBOX.c.next_attempt_at <= bindparam("now"),
    )
    .limit(1)
)


async def claim_left(
    db: Database,
    channel: str,
    owner: str,
    now: datetime,
    in_hand: Iterable[int] = (),
    limit: int = 100,
) -> list[InboxItem]:
    """Take the channel's rows due for another attempt, oldest first: unclaimed, lease run out,
    left by a dead process, or ours but no longer in hand (`in_hand`: the ids we are working on)."""
    due = {"channel": channel, "now": now}
    if await db.read_sync(lambda connection: connection.execute(_ANY_DUE, due).first()) is None:
        return []  # the usual case: no write transaction (and no SQLite write lock) for nothing
    async with db.transaction() as session:
        owners = await session.scalars(
            select(INBOX.c.claimed_by)
            .where(INBOX.c.channel == channel, INBOX.c.state.in_((PENDING, SENDING)))
            .distinct()
        )
        dead = [name for name in owners if name and name != owner and owner_is_dead(name)]
        free = [
            INBOX.c.claimed_by.is_(None),
            INBOX.c.claimed_until < now,
            and_(INBOX.c.claimed_by == owner, INBOX.c.id.not_in(list(in_hand))),
        ]
        if dead:
            free.append(INBOX.c.claimed_by.in_(dead))
        chosen = (
            select(INBOX.c.id)
            .where(
                INBOX.c.channel == channel,
                INBOX.c.state.in_((PENDING, SENDING)),
                INBOX.c.next_attempt_at <= now,
                or_(*free),
            )
            .order_by(INBOX.c.id)
            .limit(limit)
        )
        if dialect_name(session) == "postgresql":
            chosen = chosen.with_for_update(skip_locked=True)
        rows = await session.execute(
            update(INBOX)
            .where(INBOX.c.id.in_(chosen.scalar_subquery()))
            .values(claimed_by=owner, claimed_until=now + LEASE, attempts=INBOX.c.attempts + 1)
            .returning(
                INBOX.c.id, INBOX.c.payload, INBOX.c.attempts, INBOX.c.told_delayed, INBOX.c.replies
            )
        )
        return sorted((_item(row) for row in rows), key=lambda item: item.id)


_DONE = (
    update(INBOX)
    .where(INBOX.c.id.in_(bindparam("ids", expanding=True)))
    .values(
        state=DONE, handled_at=bindparam("now"), claimed_by=None, claimed_until=None, replies=None
    )
)


async def mark_done(db: Database, ids: Sequence[int], now: datetime) -> None:
    """Handled and answered: these rows are finished (one statement for the batch)."""
    if ids:
        await db.write_sync(
            lambda connection: connection.execute(_DONE, {"ids": list(ids), "now": now})
        )


async def retry_later(
    db: Database,
    item: InboxItem,
    owner: str,
    *,
    at: datetime,
    error: str,
    told_delayed: bool,
    replies: Sequence[Outgoing] | None = None,
    give_up: bool = False,
) -> None:
    """Give the row back for another attempt at `at`; with `replies`, only those are left to
    send (the update was handled); `give_up`: no more attempts."""
    state = FAILED if give_up else (PENDING if replies is None else SENDING)
    values = dict(
        state=state,
        next_attempt_at=at,
        claimed_by=None,
        claimed_until=None,
        last_error=error[:1000],
        told_delayed=told_delayed,
    )
    if replies is not None:
        values["replies"] = [outgoing_to_dict(message) for message in replies]
    async with db.transaction() as session:
        await session.execute(
            update(INBOX).where(INBOX.c.id == item.id, INBOX.c.claimed_by == owner).values(**values)
        )


async def forget_done(db: Database, before: datetime) -> int:
    """Delete rows finished before `before` (redeliveries older than that are not expected)."""
    async with db.transaction() as session:
        result = await session.execute(
            delete(INBOX).where(INBOX.c.state == DONE, INBOX.c.handled_at < before)
        )
        return rowcount(result)
