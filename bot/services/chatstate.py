"""Multi-step conversations: where each user stands, kept in the database across restarts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.messages import Incoming
from db.models import ChatState

STATE_LIFETIME = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class StateKey:
    """One user in one chat on one platform."""

    channel: str
    chat_id: str
    user_id: str

    @classmethod
    def of(cls, incoming: Incoming) -> StateKey:
        """The key of the user who sent `incoming`."""
        return cls(incoming.channel, incoming.chat_id, incoming.user_id)


@dataclass(frozen=True, slots=True)
class Step:
    """Where the user stands: the step's name and what earlier steps collected."""

    name: str
    data: dict[str, Any]


def _where(key: StateKey):
    return (
        ChatState.channel == key.channel,
        ChatState.chat_id == key.chat_id,
        ChatState.user_id == key.user_id,
    )


def live_step(
    name: str | None, data: dict[str, Any] | None, expires_at: datetime | None, now: datetime
) -> Step | None:
    """The step a stored state puts the user at, unless there is none or it has expired."""
    if name is None or expires_at is None or expires_at <= now:
        return None
    return Step(name, dict(data or {}))


async def load_state(session: AsyncSession, key: StateKey, now: datetime) -> Step | None:
    """The user's current step, unless it has expired."""
    row = (
        await session.execute(
            select(ChatState.step, ChatState.data, ChatState.expires_at).where(*_where(key))
        )
    ).first()
    return live_step(row.step, row.data, row.expires_at, now) if row else None


async def save_state(
    session: AsyncSession,
    key: StateKey,
    step: str,
    data: dict[str, Any],
    now: datetime,
    lifetime: timedelta = STATE_LIFETIME,
) -> None:
    """Put the user at `step` with `data`, replacing whatever step they were at."""
    state = await session.scalar(select(ChatState).where(*_where(key)))
    if state is None:
        state = ChatState(channel=key.channel, chat_id=key.chat_id, user_id=key.user_id)
        session.add(state)
    state.step = step
    state.data = dict(data)
    state.expires_at = now + lifetime
    await session.flush()


async def clear_state(session: AsyncSession, key: StateKey) -> None:
    """Forget the user's step."""
    await session.execute(delete(ChatState).where(*_where(key)))
