"""Urging letters (công văn đôn đốc) from /summary quahan: one .docx per lagging unit."""

from __future__ import annotations

from bot.callbacks import UrgingLetters
from bot.messages import Button, Outgoing
from bot.services.exports import urging_letters
from bot.services.summary_queries import load_plans
from handlers.context import Context
from handlers.conversation import now, shorten
from handlers.router import PRIVATE, STAFF, Router

router = Router(__name__)


def letter_buttons(ctx: Context, plan_id: int = 0) -> list[list[Button]]:
    """The letters' button, for leaders and admins on a channel that carries files (plan 0: ask)."""
    if ctx.member.role not in STAFF or not ctx.capabilities.documents:
        return []
    return [[Button(ctx.text("letters.button"), UrgingLetters(plan_id).pack())]]


@router.callback(UrgingLetters, STAFF, chats=PRIVATE)
async def send_letters(ctx: Context, pressed: UrgingLetters) -> None:
    """Send a letter to each unit lagging on the plan (asking which plan when there are several)."""
    if not ctx.capabilities.documents:
        ctx.reply(ctx.text("export.no_documents"))
        return
    letters = []
    async with ctx.deps.db.reading() as session:
        plans = await load_plans(session, pressed.plan_id or None)
        if len(plans) == 1:
            letters = await urging_letters(session, now(ctx), ctx.deps.settings.tz, plans[0].id)
    if len(plans) > 1:
        rows = [
            [Button(shorten(plan.number or plan.title), UrgingLetters(plan.id).pack())]
            for plan in plans
        ]
        ctx.reply(ctx.text("letters.which_plan"), rows)
        return
    if not letters:
        ctx.reply(ctx.text("letters.none"))
        return
    for unit, document in letters:
        ctx.send(Outgoing(text=ctx.text("letters.caption", unit=unit), document=document))
    ctx.reply(ctx.text("letters.sent", count=len(letters)))
