"""Obstacles go up at once: each new obstacle to the committee chats and the leaders, from the database.

The obstacle is stored with its report; this job (every 30 seconds, and at start-up) sends what is
not yet announced. The `obstacle_sends` ledger keeps it to one message per chat, even with several
processes or after a restart half-way; a passing failure is tried again on the next run.
"""

from __future__ import annotations

import html
import logging

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from bot.callbacks import AnswerObstacle, CloseObstacle
from bot.messages import Button, ChannelError, Outgoing, Unreachable
from bot.services.bound_chats import Recipient, digest_recipients
from bot.services.committees import in_each_committee
from bot.services.deps import Deps
from bot.texts import t
from db.models import Obstacle, ObstacleSend, Task, Unit

logger = logging.getLogger(__name__)

MAX_WORDS = 700
SENT, SKIPPED, RETRY = "sent", "skipped", "retry"


def obstacle_notice(obstacle: Obstacle, task: Task, unit: str, locale: str) -> Outgoing:
    """ "Khó khăn, vướng mắc cần chỉ đạo": unit, task, the unit's words, and the leader's buttons."""
    escaped = {
        "unit": html.escape(unit, quote=False),
        "code": html.escape(task.code, quote=False),
        "title": html.escape(task.title[:200], quote=False),
        "words": html.escape(obstacle.text[:MAX_WORDS], quote=False),
    }
    buttons = (
        (
            Button(t("obstacles.answer", locale), AnswerObstacle(obstacle.id).pack()),
            Button(t("obstacles.close", locale), CloseObstacle(obstacle.id).pack()),
        ),
    )
    return Outgoing(text=t("obstacles.notice", locale, **escaped), buttons=buttons)


async def announce_obstacles(deps: Deps) -> int:
    """Send every open obstacle not yet announced to its committee; how many messages went out."""
    return await in_each_committee(deps.db, lambda: _announce_in_committee(deps))


async def _announce_in_committee(deps: Deps) -> int:
    async with deps.db.reading() as session:
        rows = (
            await session.execute(
                select(Obstacle, Task, Unit.name)
                .join(Task, Task.id == Obstacle.task_id)
                .join(Unit, Unit.id == Obstacle.unit_id)
                .where(Obstacle.announced_at.is_(None), Obstacle.closed_at.is_(None))
                .order_by(Obstacle.id)
            )
        ).all()
        people = await digest_recipients(session, deps.settings.locale) if rows else []
    sent = 0
    for obstacle, task, unit in rows:
        pending = False
        for recipient in people:
            notice = obstacle_notice(obstacle, task, unit, recipient.locale)
            outcome = await _send_once(deps, obstacle.id, recipient, notice)
            sent += outcome == SENT
            pending |= outcome == RETRY
        if pending:
            continue  # the next run sends what is left
        async with deps.db.transaction() as session:
            await session.execute(
                update(Obstacle)
                .where(Obstacle.id == obstacle.id)
                .values(announced_at=deps.clock.now())
            )
    return sent


async def _send_once(deps: Deps, obstacle_id: int, recipient: Recipient, notice: Outgoing) -> str:
    """Claim (obstacle, chat), send, record the outcome: SENT, SKIPPED (claimed before, no such
    channel, or the chat is unreachable) or RETRY (a passing failure: the claim is let go)."""
    channel = deps.channels.get(recipient.channel)
    if channel is None:
        return SKIPPED
    try:
        async with deps.db.transaction() as session:
            claim = ObstacleSend(obstacle_id=obstacle_id, channel=recipient.channel,
                                 chat_id=recipient.chat_id, created_at=deps.clock.now())  # fmt: skip
            session.add(claim)
            await session.flush()
            claim_id = claim.id
    except IntegrityError:
        return SKIPPED
    try:
        message = await channel.send(recipient.chat_id, notice)
    except Unreachable as error:
        await _finish(deps, claim_id, state="failed", error=f"{type(error).__name__}: {error}")
        return SKIPPED
    except ChannelError as error:
        logger.warning("obstacle %s not delivered to %s:%s yet: %s", obstacle_id,
                       recipient.channel, recipient.chat_id, error)  # fmt: skip
        async with deps.db.transaction() as session:
            await session.execute(delete(ObstacleSend).where(ObstacleSend.id == claim_id))
        return RETRY
    await _finish(deps, claim_id, state="sent", message_id=message.message_id)
    return SENT


async def _finish(deps: Deps, claim_id: int, **values: object) -> None:
    async with deps.db.transaction() as session:
        await session.execute(
            update(ObstacleSend)
            .where(ObstacleSend.id == claim_id)
            .values(sent_at=deps.clock.now(), **values)
        )
