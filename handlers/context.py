"""What a handler receives: the update, who sent it, and the process's dependencies."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.domain import Role
from bot.messages import Button, ChannelCapabilities, Incoming, Outgoing
from bot.services.bound_chats import ChatBinding
from bot.services.chatstate import Step
from bot.services.deps import Deps
from bot.services.progress import UnitRef
from bot.texts import t
from db.models.committees import DEFAULT_COMMITTEE_ID

Menu = Callable[[str | None, str], list[tuple[str, str]]]


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
    committee_id: int = DEFAULT_COMMITTEE_ID


@dataclass(frozen=True, slots=True)
class UnitView:
    """The one unit whose part of the plan may be shown."""

    unit_id: int
    unit_name: str


@dataclass
class Context:
    """One update being handled."""

    incoming: Incoming
    actor: Actor | None
    deps: Deps
    menu: Menu  # (command, description) pairs a role may use, from the routes
    arrival_step: Step | None = None  # the conversation step the sender was at on arrival
    bound_group: ChatBinding | None = None  # the bound group a `BOUND` route answers in
    outgoing: list[Outgoing] = field(default_factory=list)

    @property
    def unit_view(self) -> UnitView | None:
        """The unit this chat may see alone: a unit group's, else a contact's own; None: all."""
        if self.bound_group is not None and self.bound_group.unit_id is not None:
            return UnitView(self.bound_group.unit_id, self.bound_group.unit_name or "")
        if self.actor is not None and self.actor.role == Role.CONTACT:
            unit = self.member_unit
            return UnitView(unit.id, unit.name)
        return None

    def group_admits_sender(self) -> bool:
        """In a unit's group, a contact of another unit has no view: they write privately."""
        group, actor = self.bound_group, self.actor
        if group is None:
            return False
        if group.unit_id is None or actor is None or actor.role != Role.CONTACT:
            return True
        return actor.unit_id == group.unit_id

    @property
    def member(self) -> Actor:
        """The sender on a route for members: the router lets no stranger reach it."""
        if self.actor is None:
            raise PermissionError("a members-only handler ran for a stranger")
        return self.actor

    @property
    def member_unit(self) -> UnitRef:
        """The unit of a unit contact: invites for unit contacts always name one."""
        member = self.member
        if member.unit_id is None or member.unit_name is None:
            raise PermissionError("a unit contact's handler ran for a member without a unit")
        return UnitRef(member.unit_id, member.unit_name)

    @property
    def locale(self) -> str:
        """The sender's language, else the deployment's default."""
        return self.actor.locale if self.actor else self.deps.settings.locale

    def text(self, key: str, **values: object) -> str:
        """A catalogue text in the sender's language; values are HTML-escaped."""
        escaped = {
            k: html.escape(str(v), quote=False) if isinstance(v, str) else v
            for k, v in values.items()
        }
        return t(key, self.locale, **escaped)

    @property
    def capabilities(self) -> ChannelCapabilities:
        """What the sender's channel can do (an unknown channel: the defaults)."""
        channel = self.deps.channels.get(self.incoming.channel)
        return channel.capabilities if channel is not None else ChannelCapabilities()

    def reporting_key(self, key: str) -> str:
        """`key`, or its wording for a channel whose reminders are answered in the chat."""
        return self.capabilities.reporting_key(key)

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
