"""A leader answers an obstacle: the direction goes to the unit's contacts and onto the task; or closes it."""

from __future__ import annotations

import html

from bot.callbacks import AnswerObstacle, CloseObstacle
from bot.services.chatstate import clear_state
from bot.services.notify import messages_to, recipients
from bot.services.obstacles import close_obstacle, give_direction, unit_contact_ids
from bot.texts import t
from db.models import Obstacle, Task, Unit
from handlers.context import Context
from handlers.conversation import Step, actor_label, begin_step, now, state_key
from handlers.router import STAFF, Router

MAX_DIRECTION = 2000

router = Router(__name__)


async def _facts(session, obstacle_id: int) -> tuple[Obstacle, Task, Unit] | None:
    obstacle = await session.get(Obstacle, obstacle_id)
    if obstacle is None:
        return None
    return (
        obstacle,
        await session.get(Task, obstacle.task_id),
        await session.get(Unit, obstacle.unit_id),
    )


@router.callback(AnswerObstacle, STAFF)
async def answer(ctx: Context, pressed: AnswerObstacle) -> None:
    """Ask the leader for the direction (the next message they send here)."""
    async with ctx.deps.db.transaction() as session:
        found = await _facts(session, pressed.obstacle_id)
        if found is not None:
            await begin_step(
                ctx, session, "obstacle_direction", {"obstacle_id": pressed.obstacle_id}
            )
    if found is None:
        ctx.reply(ctx.text("obstacles.gone"))
        return
    _obstacle, task, unit = found
    ctx.reply(ctx.text("obstacles.ask_direction", unit=unit.name, code=task.code))


@router.step("obstacle_direction", STAFF)
async def typed_direction(ctx: Context, current: Step) -> None:
    """Record the direction on the task (audited), then send it to the unit's contacts."""
    text = ctx.incoming.text.strip()[:MAX_DIRECTION]
    if not text:
        ctx.reply(ctx.text("obstacles.empty_direction"))
        return
    async with ctx.deps.db.transaction() as session:
        await clear_state(session, state_key(ctx))
        found = await _facts(session, current.data["obstacle_id"])
        if found is not None:
            obstacle, task, unit = found
            await give_direction(session, obstacle, text, actor=actor_label(ctx), now=now(ctx))
            people = await recipients(session, contact_ids=await unit_contact_ids(session, unit.id))
    if found is None:
        ctx.reply(ctx.text("obstacles.gone"))
        return
    values = {"code": html.escape(task.code, quote=False), "text": html.escape(text, quote=False)}
    for message in messages_to(people, lambda locale: t("obstacles.direction", locale, **values)):
        ctx.send(message)
    ctx.reply(ctx.text("obstacles.direction_sent", unit=unit.name, code=task.code))


@router.callback(CloseObstacle, STAFF)
async def close(ctx: Context, pressed: CloseObstacle) -> None:
    """Close the obstacle (audited); it leaves the summaries."""
    async with ctx.deps.db.transaction() as session:
        found = await _facts(session, pressed.obstacle_id)
        closed = found is not None and await close_obstacle(
            session, found[0], actor=actor_label(ctx), now=now(ctx)
        )
    if found is None:
        ctx.reply(ctx.text("obstacles.gone"))
    elif not closed:
        ctx.reply(ctx.text("obstacles.closed_before"))
    else:
        ctx.reply(ctx.text("obstacles.closed", unit=found[2].name, code=found[1].code))
