"""The reminder's "Nhắc lại sau" button: remind this unit of this task again on the next working day."""

from __future__ import annotations

from bot.services.reminders.snooze import SnoozeRefused, snooze
from handlers.context import Context
from handlers.conversation import CONTACTS, actor_label, callback_ints, day_text, now
from handlers.router import callback
from scheduler.calendar import load_calendar


@callback("snz", CONTACTS)
async def snooze_button(ctx: Context) -> None:
    """Schedule a one-off reminder for the slot's unit; only that unit's contacts may."""
    ids = callback_ints(ctx, 1)
    if ids is None:
        ctx.reply(ctx.text("reminder.snooze.gone"))
        return
    try:
        async with ctx.core.db.transaction() as session:
            snoozed = await snooze(
                session,
                ids[0],
                unit_id=ctx.actor.unit_id,
                actor=actor_label(ctx),
                now=now(ctx),
                tz=ctx.core.settings.tz,
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
