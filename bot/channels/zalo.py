"""The Zalo channel port: plain text up to 2,000 characters, numbered choices for buttons."""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Iterator
from dataclasses import dataclass

from bot.channels.zalo_choices import answer_number, choice_lines, choices_of
from bot.channels.zalo_client import SentMessage, ZaloBotClient
from bot.channels.zalo_text import MAX_TEXT, plain_parts
from bot.messages import (
    ChannelCapabilities,
    ChannelError,
    Choice,
    ChoiceStore,
    Outgoing,
    RetryAfter,
    Sent,
    TransientError,
)
from bot.texts import t

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Backoff:
    """Waits after failures: doubling from `first` up to `cap` seconds, `attempts` tries."""

    first: float = 1.0
    cap: float = 10.0
    attempts: int = 3

    def delays(self) -> Iterator[float]:
        """Successive waits, without end."""
        delay = self.first
        while True:
            yield delay
            delay = min(delay * 2, self.cap)


def zalo_capabilities() -> ChannelCapabilities:
    """What the Zalo Bot API can carry: private chats, plain text, no buttons, no files."""
    return ChannelCapabilities(
        max_text=MAX_TEXT,
        inline_buttons=False,
        reply_to=False,
        documents=False,
        groups=False,
        html=False,
    )


class ZaloChannel:
    """`ChannelPort` over the Zalo Bot API; never touches the database itself."""

    def __init__(
        self,
        client: ZaloBotClient,
        choices: ChoiceStore,
        locale: str = "vi",
        backoff: Backoff | None = None,
        name: str = "zalo",
    ):
        self.name = name
        self.client = client
        self.choices = choices
        self.locale = locale
        self.backoff = backoff or Backoff()
        self.capabilities = zalo_capabilities()

    def render(self, message: Outgoing) -> tuple[list[str], list[Choice]]:
        """The texts to send for `message` (in order) and the choices they offer."""
        blocks = [message.text] if message.text.strip() else []
        for file in (message.document, message.photo):
            if file is not None:
                note = t("zalo.file_unavailable", self.locale, name=file.file_name)
                blocks.append(html.escape(note))
        choices = choices_of(message.buttons)
        if choices:
            blocks.append(html.escape(choice_lines(choices, self.locale)))
        return plain_parts("\n\n".join(blocks)), choices

    async def send(self, chat_id: str, message: Outgoing) -> Sent:
        """Send the message as one or more texts; remember its choices once it went out."""
        parts, choices = self.render(message)
        if not parts:
            raise ChannelError("nothing to send: empty text")
        for part in parts:
            sent = await self._send_text(chat_id, part)
        if choices:
            try:
                await self.choices.remember(chat_id, choices)
            except Exception:  # the message went out: failing now would get it sent twice
                logger.exception("numbered choices not saved: chat=%s", chat_id)
        return Sent(message_id=sent.message_id)

    async def _send_text(self, chat_id: str, text: str) -> SentMessage:
        """One sendMessage, retried on a short quota wait or a passing failure."""
        delays = self.backoff.delays()
        for attempt in range(1, self.backoff.attempts + 1):
            try:
                return await self.client.send_message(chat_id, text)
            except RetryAfter as error:
                if attempt == self.backoff.attempts or error.seconds > self.backoff.cap:
                    raise
                wait = error.seconds
            except TransientError:
                if attempt == self.backoff.attempts:
                    raise
                wait = next(delays)
            await asyncio.sleep(wait)
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def edit(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        """Zalo cannot edit a sent message: send the new version instead."""
        await self.send(chat_id, message)

    async def download(self, file_id: str) -> bytes:
        """A photo the user sent: Zalo's file id is the image URL."""
        return await self.client.download(file_id)

    async def chosen(self, chat_id: str, text: str) -> Choice | None:
        """The pending choice a bare-number answer picks, if any."""
        number = answer_number(text)
        if number is None:
            return None
        return await self.choices.take(chat_id, number)
