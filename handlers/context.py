"""What a handler receives: the update, who sent it, and the core's services."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.channels.base import Button, Incoming, Outgoing
from bot.services.chatstate import Step
from bot.texts import t

if TYPE_CHECKING:
    from bot.core import Core


@dataclass(frozen=True, slots=True)
class Actor:
    """The sender as the registry knows them."""

    contact_id: int
    endpoint_id: int
    role: str
    display_name: str
    unit_id: int | None = None
    unit_name: str | None = None
    locale: str = "vi"


@dataclass
class Context:
    """One update being handled."""

    incoming: Incoming
    actor: Actor | None
    core: Core
    arrival_step: Step | None = None  # the conversation step the sender was at on arrival
    outgoing: list[Outgoing] = field(default_factory=list)

    @property
    def locale(self) -> str:
        """The sender's language, else the deployment's default."""
        return self.actor.locale if self.actor else self.core.settings.locale

    def text(self, key: str, **values: object) -> str:
        """A catalogue text in the sender's language; values are HTML-escaped."""
        escaped = {
            k: html.escape(str(v), quote=False) if isinstance(v, str) else v
            for k, v in values.items()
        }
        return t(key, self.locale, **escaped)

    @property
    def quoted_replies(self) -> bool:
        """Whether the sender's channel has quoted replies (an unknown channel is assumed to)."""
        channel = self.core.channels.get(self.incoming.channel)
        return channel is None or channel.capabilities.reply_to

    def reporting_key(self, key: str) -> str:
        """`key`, or its `.chat` wording where a reminder cannot be answered by quoting it."""
        # Without quoted replies (Zalo) the chat's next message answers the latest reminder.
        return key if self.quoted_replies else f"{key}.chat"

    def reply(
        self,
        text: str,
        buttons: list[list[Button]] | None = None,
        *,
        edit: bool = False,
    ) -> None:
        """Queue an answer in the chat the update came from."""
        rows = tuple(tuple(row) for row in buttons or ())
        self.outgoing.append(Outgoing(text=text, buttons=rows, edit=edit))

    def send(self, message: Outgoing) -> None:
        """Queue any message (to this chat or another, a document, …)."""
        self.outgoing.append(message)
