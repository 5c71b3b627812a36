"""Numbered choices a button-less platform offered in a chat, kept in the database.

The Zalo adapter must not touch the database, yet a "2" sent after a restart must still
mean choice 2; so the core gives it `StoredChoices`, a `ChoiceStore` over this table.
A table of its own (not `chat_states`): a chat state belongs to a handler's multi-step
conversation and holds one row per user, which the choices must not overwrite.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.messages import Choice
from db.engine import Database
from db.models import PendingChoice

CHOICE_LIFETIME = timedelta(days=7)


async def save_choices(
    session: AsyncSession,
    channel: str,
    chat_id: str,
    choices: Sequence[Choice],
    now: datetime,
    lifetime: timedelta = CHOICE_LIFETIME,
) -> None:
    """Replace the chat's pending choices (one atomic upsert)."""
    values = {
        "channel": channel,
        "chat_id": chat_id,
        "choices": [{"label": choice.label, "data": choice.data} for choice in choices],
        "created_at": now,
        "expires_at": now + lifetime,
    }
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgresql_insert
    statement = insert(PendingChoice).values(**values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["channel", "chat_id"],
            set_={key: statement.excluded[key] for key in ("choices", "created_at", "expires_at")},
        )
    )


async def take_choice(
    session: AsyncSession, channel: str, chat_id: str, number: int, now: datetime
) -> Choice | None:
    """Choice `number` (1-based) if the chat has it pending and unexpired; it is then used up."""
    pending = await session.scalar(
        select(PendingChoice)
        .where(PendingChoice.channel == channel, PendingChoice.chat_id == chat_id)
        .with_for_update()
    )
    if pending is None or pending.expires_at <= now or not 1 <= number <= len(pending.choices):
        return None
    picked = pending.choices[number - 1]
    await session.execute(delete(PendingChoice).where(PendingChoice.id == pending.id))
    return Choice(label=picked["label"], data=picked["data"])


class StoredChoices:
    """The `ChoiceStore` a channel adapter is given: one short transaction per call."""

    def __init__(self, db: Database, clock: Clock, channel: str):
        self.db = db
        self.clock = clock
        self.channel = channel

    async def remember(self, chat_id: str, choices: Sequence[Choice]) -> None:
        """Replace the chat's pending choices."""
        async with self.db.transaction() as session:
            await save_choices(session, self.channel, chat_id, choices, self.clock.now())

    async def take(self, chat_id: str, number: int) -> Choice | None:
        """Choice `number` if pending, consuming the chat's choices."""
        async with self.db.transaction() as session:
            return await take_choice(session, self.channel, chat_id, number, self.clock.now())
