"""The reminder's "Nhắc lại sau" button: remind this unit of this task again on the next working day."""

from __future__ import annotations

from bot.callbacks import Snooze
from bot.services.calendar import load_calendar
from bot.services.reminders.snooze import SnoozeRefused, snooze
from handlers.context import Context
from handlers.conversation import CONTACTS, actor_label, day_text, now
from handlers.router import Router

router = Router(__name__)


@router.callback(Snooze, CONTACTS, expired_key="reminder.snooze.gone")
async def snooze_button(ctx: Context, pressed: Snooze) -> None:
    """Schedule a one-off reminder for the slot's unit; only that unit's contacts may."""
    try:
        async with ctx.deps.db.transaction() as session:
            snoozed = await snooze(
                session,
                pressed.slot_id,
                unit_id=ctx.member.unit_id,
                actor=actor_label(ctx),
                now=now(ctx),
                tz=ctx.deps.settings.tz,
                calendar=await load_calendar(session),
            )
    except SnoozeRefused as refusal:
        ctx.reply(ctx.text(refusal.key, code=refusal.code))
        return
    ctx.reply(
        ctx.text(
            "reminder.snoozed",
            code=snoozed.code,
            time=f"{snoozed.at:%H:%M}",
            weekday=ctx.text(f"reminder.weekday.{snoozed.at.weekday()}"),
            date=day_text(snoozed.at.date()),
        )
    )
