"""The Telegram channel: the core's `ChannelPort` over python-telegram-bot's `Bot`."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import httpx
from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault, Message
from telegram import error as tg
from telegram.constants import ParseMode

from bot.channels.telegram_translate import CHANNEL, keyboard, reply_parameters
from bot.channels.textsplit import split_html, units
from bot.messages import (
    ChannelCapabilities,
    ChannelError,
    DeliveryUncertain,
    Outgoing,
    RetryAfter,
    Sent,
    TokenRejected,
    TransientError,
    Unreachable,
)

# Opt in now to PTB's coming `timedelta` periods (retry_after): no deprecation warning per 429.
os.environ.setdefault("PTB_TIMEDELTA", "true")
logger = logging.getLogger(__name__)
MAX_TEXT = 4096
MAX_CAPTION = 1024
# The request went out but its answer did not come back: Telegram may have carried it out.
ANSWER_LOST = (httpx.ReadTimeout, httpx.ReadError, httpx.RemoteProtocolError)


@contextmanager
def translated_errors() -> Iterator[None]:
    """Raise the port's errors for python-telegram-bot's (never with the token in them)."""
    try:
        yield
    except tg.RetryAfter as error:
        wait = error.retry_after
        raise RetryAfter(wait.total_seconds() if isinstance(wait, timedelta) else wait) from error
    except tg.Forbidden as error:
        raise Unreachable(error.message) from error
    except tg.BadRequest as error:
        if "chat not found" in error.message.lower():
            raise Unreachable(error.message) from error
        raise ChannelError(error.message) from error
    except tg.InvalidToken:  # its text repeats the token: our words instead, and no chain
        raise TokenRejected("401/404") from None
    except tg.NetworkError as error:  # TimedOut too, and 5xx answers
        if isinstance(error.__cause__, ANSWER_LOST):
            raise DeliveryUncertain(error.message) from error
        raise TransientError(error.message) from error
    except tg.TelegramError as error:
        raise ChannelError(error.message) from error


def _not_modified(error: ChannelError) -> bool:
    return "message is not modified" in str(error).lower()


class TelegramChannel:
    """Sends, edits and downloads through the Bot API; used for replies and proactive sends."""

    def __init__(self, bot: Bot, name: str = CHANNEL):
        self.bot = bot
        self.name = name
        self.capabilities = ChannelCapabilities(
            max_text=MAX_TEXT, extra={"max_caption": MAX_CAPTION}
        )

    async def send(self, chat_id: str, message: Outgoing) -> Sent:
        """Send text (split over 4096 units), buttons, a document or a photo; the last message's id."""
        file = message.document or message.photo
        caption = file is not None and units(message.text) <= MAX_CAPTION
        parts = [] if caption or not message.text else split_html(message.text, MAX_TEXT)
        sent: Message | None = None
        with translated_errors():
            for index, part in enumerate(parts):
                last = index == len(parts) - 1 and file is None
                sent = await self.bot.send_message(
                    chat_id=int(chat_id),
                    text=part,
                    parse_mode=ParseMode.HTML,
                    reply_markup=keyboard(message) if last else None,
                    reply_parameters=reply_parameters(message.reply_to_message_id)
                    if index == 0
                    else None,
                )
            if file is not None:
                send_file = self.bot.send_document if message.document else self.bot.send_photo
                sent = await send_file(
                    int(chat_id),
                    file.content,  # the `document` or `photo` parameter
                    filename=file.file_name,
                    caption=message.text if caption and message.text else None,
                    parse_mode=ParseMode.HTML,
                    reply_markup=keyboard(message),
                    reply_parameters=None
                    if parts
                    else reply_parameters(message.reply_to_message_id),
                )
        if sent is None:
            raise ChannelError("nothing to send: the message has no text and no file")
        return Sent(message_id=str(sent.message_id))

    async def edit(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        """Replace a message's text and buttons; overflow beyond 4096 units follows as new messages."""
        parts = split_html(message.text, MAX_TEXT)
        try:
            with translated_errors():
                await self.bot.edit_message_text(
                    parts[0],
                    chat_id=int(chat_id),
                    message_id=int(message_id),
                    parse_mode=ParseMode.HTML,
                    reply_markup=keyboard(message) if len(parts) == 1 else None,
                )
        except ChannelError as error:
            if not _not_modified(error):
                raise
        if len(parts) > 1:
            rest = Outgoing(text="\n".join(parts[1:]), buttons=message.buttons)
            await self.send(chat_id, rest)

    async def download(self, file_id: str) -> bytes:
        """The bytes of a file a user sent."""
        with translated_errors():
            file = await self.bot.get_file(file_id)
            return bytes(await file.download_as_bytearray())

    async def set_commands(self, chat_id: str | None, commands: list[tuple[str, str]]) -> None:
        """Set the command menu of one chat (None: everyone's default menu)."""
        scope = BotCommandScopeChat(int(chat_id)) if chat_id else BotCommandScopeDefault()
        with translated_errors():
            if commands:
                await self.bot.set_my_commands([BotCommand(n, d) for n, d in commands], scope=scope)
            else:
                await self.bot.delete_my_commands(scope=scope)
