"""Which task a reply is about: the reminder it quotes, or the latest one sent to the chat."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, Row, bindparam, exists, select

from bot.services.progress import TASK_REF, UNIT_ID, of_unit, reportable_by
from db.models import Delivery, ProgressReport, ReminderSlot, Task

ANSWER_WINDOW = timedelta(days=3)

# Tasks reminded in this chat to the unit (or its group) that the unit may report on.
_REMINDED = (
    select(*TASK_REF)
    .join(ReminderSlot, ReminderSlot.task_id == Task.id)
    .join(Delivery, Delivery.slot_id == ReminderSlot.id)
    .where(
        Delivery.channel == bindparam("channel"),
        Delivery.chat_id == bindparam("chat_id"),
        of_unit(ReminderSlot.unit_id, UNIT_ID),
        reportable_by(UNIT_ID),
    )
)
_QUOTED = (
    _REMINDED.where(Delivery.message_id == bindparam("message_id")).order_by(Delivery.id).limit(1)
)
_UNANSWERED = (
    _REMINDED.where(
        Delivery.message_id.is_not(None),
        Delivery.sent_at >= bindparam("since"),
        Delivery.sent_at <= bindparam("now"),
        ~exists().where(
            ProgressReport.task_id == ReminderSlot.task_id,
            of_unit(ProgressReport.unit_id, UNIT_ID),
            ProgressReport.reported_at >= Delivery.sent_at,
        ),
    )
    .order_by(Delivery.sent_at.desc(), Delivery.id.desc())
    .limit(1)
)


def quoted_task(
    connection: Connection, channel: str, chat_id: str, message_id: str, unit_id: int
) -> Row | None:
    """The task (a `TASK_REF` row) of the reminder whose message this reply quotes, if the unit
    may report on it."""
    keys = {"channel": channel, "chat_id": chat_id, "message_id": message_id, "unit_id": unit_id}
    return connection.execute(_QUOTED, keys).first()


def unanswered_task(
    connection: Connection, channel: str, chat_id: str, now: datetime, unit_id: int
) -> Row | None:
    """The task (a `TASK_REF` row) of the latest reminder to this chat within a few days that
    no report answered.

    For platforms without quoted replies (Zalo) a message right after a reminder answers it.
    """
    keys = {"channel": channel, "chat_id": chat_id, "unit_id": unit_id}
    window = {"since": now - ANSWER_WINDOW, "now": now}
    return connection.execute(_UNANSWERED, {**keys, **window}).first()
