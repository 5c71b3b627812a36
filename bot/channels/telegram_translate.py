"""python-telegram-bot objects ⇄ the core's neutral messages."""

from __future__ import annotations

from telegram import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MaybeInaccessibleMessage,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatType

from bot.messages import Attachment, Incoming, Outgoing

CHANNEL = "telegram"


def _attachments(message: Message) -> tuple[Attachment, ...]:
    if message.document is not None:
        document = message.document
        return (
            Attachment(
                kind="document",
                file_id=document.file_id,
                file_name=document.file_name,
                mime_type=document.mime_type,
                size=document.file_size,
            ),
        )
    if message.photo:
        largest = max(message.photo, key=lambda size: size.width * size.height)
        return (Attachment(kind="photo", file_id=largest.file_id, size=largest.file_size),)
    return ()


def _chat_type(message: MaybeInaccessibleMessage) -> str:
    return "private" if message.chat.type == ChatType.PRIVATE else "group"


def _from_message(message: Message, channel: str, *, edited: bool) -> Incoming | None:
    user = message.from_user
    if user is None or user.is_bot:
        return None
    replied = message.reply_to_message
    return Incoming(
        channel=channel,
        chat_id=str(message.chat.id),
        user_id=str(user.id),
        display_name=user.full_name,
        chat_type=_chat_type(message),
        text=message.text or message.caption or "",
        message_id=str(message.message_id),
        reply_to_message_id=str(replied.message_id) if replied else None,
        attachments=_attachments(message),
        edited=edited,
        language_code=user.language_code,
    )


def _from_callback(query: CallbackQuery, channel: str) -> Incoming | None:
    message = query.message
    if message is None or query.data is None:
        return None
    return Incoming(
        channel=channel,
        chat_id=str(message.chat.id),
        user_id=str(query.from_user.id),
        display_name=query.from_user.full_name,
        chat_type=_chat_type(message),
        message_id=str(message.message_id),
        callback_data=query.data,
        callback_id=query.id,
        language_code=query.from_user.language_code,
    )


def to_incoming(update: Update, channel: str = CHANNEL) -> Incoming | None:
    """The neutral event for a message, an edit or a button press (received by the bot of
    `channel`); None for anything else."""
    if update.callback_query is not None:
        return _from_callback(update.callback_query, channel)
    if update.message is not None:
        return _from_message(update.message, channel, edited=False)
    if update.edited_message is not None:
        return _from_message(update.edited_message, channel, edited=True)
    return None


def keyboard(message: Outgoing) -> InlineKeyboardMarkup | None:
    """The inline keyboard for the message's buttons, if it has any."""
    if not message.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.label, callback_data=b.data) for b in row]
            for row in message.buttons
        ]
    )


def reply_parameters(message_id: str | None) -> ReplyParameters | None:
    """Reply to a message if it still exists; send without the quote otherwise."""
    if message_id is None:
        return None
    return ReplyParameters(message_id=int(message_id), allow_sending_without_reply=True)
