"""The composition root: settings, database, clock, channels and the router together."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from bot.channels.base import ChannelPort, Incoming, Outgoing
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.texts import t
from db.engine import Database
from db.unavailable import database_unavailable
from handlers.context import Context
from handlers.router import dispatch, load_handlers, resolve_sender

logger = logging.getLogger(__name__)


@dataclass
class Core:
    """Everything a handler, job or adapter needs, built once per process."""

    settings: Settings
    db: Database
    clock: Clock = field(default_factory=SystemClock)
    channels: dict[str, ChannelPort] = field(default_factory=dict)

    def __post_init__(self) -> None:
        load_handlers()

    async def handle(self, incoming: Incoming) -> list[Outgoing]:
        """Turn one update into the messages to send back; raises only when the database is
        away (`database_unavailable`: the inbox handles the update again later)."""
        try:
            now = self.clock.now()
            actor, step = await self.db.read_sync(
                lambda connection: resolve_sender(connection, incoming, now)
            )
            ctx = Context(incoming=incoming, actor=actor, core=self, arrival_step=step)
            await dispatch(ctx)
            return ctx.outgoing
        except Exception as error:
            if database_unavailable(error):
                raise
            logger.exception(
                "handler failed: channel=%s chat=%s command=%s callback=%s",
                incoming.channel,
                incoming.chat_id,
                incoming.command,
                incoming.callback_data,
            )
            return [Outgoing(text=t("common.error", self.settings.locale))]
