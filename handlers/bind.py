"""/bind and /unbind: an admin makes a group chat the committee's chat, or a unit's."""

from __future__ import annotations

from bot.callbacks import BindUnit
from bot.domain import Role
from bot.services.bound_chats import ChatTaken, bind_chat, unbind_chat
from bot.services.units import resolve_unit
from db.models import Unit
from handlers.context import Context
from handlers.conversation import actor_label
from handlers.router import Router
from handlers.unitchoice import choices, question, unit_buttons

ADMINS = frozenset({Role.ADMIN})
UNIT_WORDS = {"donvi", "đơn vị", "don vi", "unit"}

router = Router(__name__)


@router.command("bind", ADMINS)
async def bind(ctx: Context) -> None:
    """`/bind`: this group gets the committee's summaries; `/bind donvi <unit>`: it is that unit's."""
    if not in_group(ctx):
        return
    args = ctx.incoming.args
    unit_name = None
    if args:
        word = next((w for w in UNIT_WORDS if args.lower().startswith(w + " ")), None)
        if word is None:
            ctx.reply(ctx.text("bind.usage"))
            return
        unit_name = args[len(word) :].strip()
    answer = None
    if unit_name:
        async with ctx.deps.db.reading() as session:
            answer = await resolve_unit(session, unit_name)
    if answer is not None and answer.unit is None:
        units = choices(answer)
        if units:
            ctx.reply(question(ctx, answer), unit_buttons(units, lambda unit: BindUnit(unit.id)))
        else:
            ctx.reply(ctx.text("bind.unit_missing", unit=unit_name))
        return
    await bind_here(ctx, answer.unit.id if answer and answer.unit else None)


@router.callback(BindUnit, ADMINS)
async def bind_unit_button(ctx: Context, pressed: BindUnit) -> None:
    """The unit chosen among those a typed name fitted: bind this group to it."""
    if in_group(ctx):
        await bind_here(ctx, pressed.unit_id, edit=True)


async def bind_here(ctx: Context, unit_id: int | None, *, edit: bool = False) -> None:
    """Bind this group to the committee (no unit) or to the unit."""
    incoming = ctx.incoming
    async with ctx.deps.db.transaction() as session:
        unit = await session.get(Unit, unit_id) if unit_id is not None else None
        if unit_id is not None and unit is None:
            ctx.reply(ctx.text("common.expired_button"), edit=edit)
            return
        try:
            await bind_chat(session, incoming.channel, incoming.chat_id, actor_label(ctx), unit)
        except ChatTaken:
            ctx.reply(ctx.text("bind.other_committee"), edit=edit)
            return
    if unit is None:
        ctx.reply(ctx.text("bind.committee"), edit=edit)
    else:
        ctx.reply(ctx.text("bind.unit", unit=unit.name), edit=edit)


@router.command("unbind", ADMINS)
async def unbind(ctx: Context) -> None:
    """Stop sending summaries or a unit's messages to this group."""
    if not in_group(ctx):
        return
    async with ctx.deps.db.transaction() as session:
        done = await unbind_chat(
            session, ctx.incoming.channel, ctx.incoming.chat_id, actor_label(ctx)
        )
    ctx.reply(ctx.text("bind.unbound" if done else "bind.not_bound"))


def in_group(ctx: Context) -> bool:
    """Binding only makes sense in a group chat, on a platform that has them."""
    if not ctx.capabilities.groups:
        ctx.reply(ctx.text("bind.no_groups"))
        return False
    if ctx.incoming.chat_type == "private":
        ctx.reply(ctx.text("bind.group_only"))
        return False
    return True
