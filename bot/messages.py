"""The neutral message types and the channel port: what handlers, services and adapters share.

Handlers see only these types; an adapter (Telegram, Zalo, the terminal demo)
translates its platform's updates into `Incoming` and sends `Outgoing`.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from bot.config import Settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file the user sent, kept by its platform file id as evidence."""

    kind: str  # "photo" | "document"
    file_id: str
    file_name: str | None = None
    mime_type: str | None = None
    size: int | None = None


@dataclass(frozen=True, slots=True)
class Incoming:
    """One thing a user did in chat: a message, an edit, or a button press."""

    channel: str
    chat_id: str
    user_id: str
    display_name: str = ""
    chat_type: str = "private"  # "private" | "group"
    text: str = ""
    message_id: str | None = None
    reply_to_message_id: str | None = None
    attachments: tuple[Attachment, ...] = ()
    callback_data: str | None = None
    callback_id: str | None = None
    edited: bool = False
    language_code: str | None = None

    @property
    def command(self) -> str | None:
        """`/report@dondoc_bot x` → "report"; None when the text is not a command."""
        if not self.text.startswith("/"):
            return None
        head = self.text.split(maxsplit=1)[0][1:]
        return head.split("@", 1)[0].lower() or None

    @property
    def args(self) -> str:
        """The text after the command word."""
        parts = self.text.split(maxsplit=1)
        return parts[1].strip() if self.command and len(parts) > 1 else ""


@dataclass(frozen=True, slots=True)
class Button:
    """An inline button: a label and the data it sends back when pressed."""

    label: str
    data: str


@dataclass(frozen=True, slots=True)
class Document:
    """A file the bot sends (exports)."""

    file_name: str
    content: bytes
    mime_type: str = "application/octet-stream"


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A message the bot sends: HTML-safe text (user text already escaped), buttons, a file.

    `chat_id`/`channel` None means "answer in the chat the update came from".
    `edit` replaces the message whose button was pressed instead of sending a new one.
    """

    text: str = ""
    buttons: tuple[tuple[Button, ...], ...] = ()
    document: Document | None = None
    photo: Document | None = None
    channel: str | None = None
    chat_id: str | None = None
    reply_to_message_id: str | None = None
    edit: bool = False


@dataclass(frozen=True, slots=True)
class Sent:
    """What the platform answered for a sent message."""

    message_id: str


@dataclass(slots=True)
class ChannelCapabilities:
    """What a platform can do; the core degrades what it cannot."""

    max_text: int = 4096
    inline_buttons: bool = True
    reply_to: bool = True
    documents: bool = True
    groups: bool = True
    html: bool = True
    extra: dict[str, object] = field(default_factory=dict)

    def reporting_key(self, key: str) -> str:
        """`key`, or its `.chat` wording where a reminder cannot be answered by quoting it."""
        # Without quoted replies (Zalo) the chat's next message answers the latest reminder.
        return key if self.reply_to else f"{key}.chat"


class ChannelError(Exception):
    """A send failed."""


class RetryAfter(ChannelError):
    """The platform asked us to wait (429)."""

    def __init__(self, seconds: float):
        super().__init__(f"retry after {seconds}s")
        self.seconds = seconds


class TransientError(ChannelError):
    """A 5xx, a timeout or a dropped connection: worth retrying with backoff."""


class DeliveryUncertain(TransientError):
    """The request went out but its answer was lost (a read timeout): it may have been delivered.

    Reminders are not resent after this (a resend could duplicate); other callers may retry.
    """


class Unreachable(ChannelError):
    """The user blocked the bot or the chat is gone (403/400 chat not found)."""


class TokenRejected(ChannelError):
    """The platform refused the token or has no such API address (401/404); never carries the token."""


def platform_of(channel: str) -> str:
    """The platform of a channel name: "telegram" for "telegram" and for "telegram:TG_XA_AN_BINH"."""
    return channel.partition(":")[0]


def bot_channel(platform: str, variable: str | None = None) -> str:
    """The channel of one bot: the platform itself for the deployment's own token, else
    "<platform>:<the variable holding its token>"."""
    return f"{platform}:{variable}" if variable else platform


class ChannelPort(Protocol):
    """What the core needs from a chat platform."""

    name: str
    capabilities: ChannelCapabilities

    async def send(self, chat_id: str, message: Outgoing) -> Sent:
        """Send one message (already split to fit); raise a `ChannelError` subclass on failure."""
        ...

    async def edit(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        """Replace the text and buttons of a message the bot sent."""
        ...

    async def download(self, file_id: str) -> bytes:
        """The content of a file a user sent (a plan document to import)."""
        ...


@dataclass(frozen=True, slots=True)
class Choice:
    """A button offered as numbered text where the platform has no buttons (Zalo)."""

    label: str
    data: str


class ChoiceStore(Protocol):
    """Remembers the choices last offered in a chat, across restarts (the core provides it)."""

    async def remember(self, chat_id: str, choices: Sequence[Choice]) -> None:
        """Replace the chat's pending choices."""
        ...

    async def take(self, chat_id: str, number: int) -> Choice | None:
        """Choice `number` (1-based) if pending, consuming the chat's choices; else None."""
        ...


class CommandMenu(Protocol):
    """Optional part of a channel: platforms with a command menu (Telegram) implement it.

    Call it through `set_command_menu`, which skips channels without it.
    """

    async def set_commands(self, chat_id: str | None, commands: list[tuple[str, str]]) -> None:
        """Show one chat (None: everyone by default) these (command, description) pairs."""
        ...


async def set_command_menu(
    channel: ChannelPort, chat_id: str | None, commands: list[tuple[str, str]]
) -> None:
    """Show this chat these commands (chat None: the default menu), where the platform has menus."""
    setter = getattr(channel, "set_commands", None)
    if setter is None:
        return
    try:
        await setter(chat_id, commands)
    except ChannelError as error:
        logger.warning("command menu not set: chat=%s: %s", chat_id, error)


@dataclass(frozen=True, slots=True)
class NewUpdate:
    """An update as a channel received it: its platform key and the neutral message."""

    key: str
    incoming: Incoming


class StoreUnavailable(Exception):
    """The inbox cannot store updates now (the database is away): keep them and try again."""


def stored_later(error: BaseException) -> bool:
    """The inbox could not store now (the database is away): the update is kept and retried."""
    return isinstance(error, StoreUnavailable)


PrepareUpdate = Callable[[Incoming], Awaitable[Incoming]]
FinishUpdate = Callable[[Incoming], Awaitable[None]]


class UpdateSink(Protocol):
    """A channel's inbox: updates are stored by `accept` before the platform is told they arrived."""

    async def accept(self, updates: Sequence[NewUpdate]) -> None:
        """Store and queue the updates; raises `StoreUnavailable` when nothing could be stored."""
        ...

    def start(self) -> None:
        """Take up what a crash, an outage or a failed send left, now and periodically."""
        ...

    async def stop(self, grace: float = 10.0) -> None:
        """Stop; let the updates in hand finish."""
        ...

    async def wait_handled(self, count: int, timeout: float = 30) -> None:
        """Wait until `count` updates have been handled in all."""
        ...


class UpdateHandler(Protocol):
    """What an adapter hands each update to (the core), and the channels answers go out through."""

    @property
    def settings(self) -> Settings:
        """The process's settings."""
        ...

    @property
    def channels(self) -> dict[str, ChannelPort]:
        """The channel ports by name."""
        ...

    async def handle(self, incoming: Incoming) -> list[Outgoing]:
        """The messages to send back for one update; never raises."""
        ...

    def command_menu(self, role: str | None, locale: str) -> list[tuple[str, str]]:
        """(command, description) a person with this role may use; None is a stranger."""
        ...

    def inbox(
        self,
        channel: str,
        *,
        prepare: PrepareUpdate | None = None,
        finish: FinishUpdate | None = None,
    ) -> UpdateSink:
        """The inbox a channel stores its updates in before confirming them."""
        ...
