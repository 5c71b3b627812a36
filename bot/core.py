"""The composition root: builds the dependencies and the route table, and handles one update."""

from __future__ import annotations

import logging

from bot import metrics
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.inbox import Inbox
from bot.messages import ChannelPort, FinishUpdate, Incoming, Outgoing, PrepareUpdate
from bot.services.deps import Deps
from bot.texts import t
from db.engine import Database
from db.scope import Scope, acting_for
from db.unavailable import database_unavailable
from handlers import ROUTES
from handlers.context import Context
from handlers.sender import resolve_sender

logger = logging.getLogger(__name__)


class Core:
    """Composes `Deps` and the routes; adapters hand it updates (`bot.messages.UpdateHandler`)."""

    def __init__(
        self,
        settings: Settings,
        db: Database,
        clock: Clock | None = None,
        channels: dict[str, ChannelPort] | None = None,
    ):
        self.deps = Deps(settings, db, clock or SystemClock(), {} if channels is None else channels)
        self.routes = ROUTES

    @property
    def settings(self) -> Settings:
        """The deployment's settings."""
        return self.deps.settings

    @property
    def db(self) -> Database:
        """The database."""
        return self.deps.db

    @property
    def clock(self) -> Clock:
        """The clock every handler and job reads."""
        return self.deps.clock

    @property
    def channels(self) -> dict[str, ChannelPort]:
        """The chat platforms answers go out through, by name."""
        return self.deps.channels

    def command_menu(self, role: str | None, locale: str) -> list[tuple[str, str]]:
        """(command, description) a person with this role may use; None is a stranger."""
        return self.routes.menu(role, locale)

    def inbox(
        self,
        channel: str,
        *,
        prepare: PrepareUpdate | None = None,
        finish: FinishUpdate | None = None,
    ) -> Inbox:
        """The inbox a channel stores its updates in before confirming them."""
        return Inbox(self, channel, prepare=prepare, finish=finish)

    async def handle(self, incoming: Incoming) -> list[Outgoing]:
        """Turn one update into the messages to send back; raises only when the database is
        away (`database_unavailable`: the inbox handles the update again later)."""
        metrics.UPDATES.labels(incoming.channel).inc()
        try:
            now = self.clock.now()
            actor, step = await self.db.read_sync(
                lambda connection: resolve_sender(connection, incoming, now)
            )
            ctx = Context(
                incoming=incoming,
                actor=actor,
                deps=self.deps,
                menu=self.routes.menu,
                arrival_step=step,
            )
            # A known sender acts inside their committee; a stranger (an invite code) in none.
            with acting_for(Scope.of(actor.committee_id) if actor else None):
                await self.routes.dispatch(ctx)
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
