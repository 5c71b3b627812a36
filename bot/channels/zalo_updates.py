"""Zalo updates in, neutral `Incoming` out."""

from __future__ import annotations

from typing import Any

from bot.messages import Attachment, Incoming

TEXT = "message.text.received"
IMAGE = "message.image.received"
CHANNEL = "zalo"


def _mapping(value: Any) -> dict[str, Any]:
    """A JSON object, or an empty one for anything else (a body of the wrong shape)."""
    return value if isinstance(value, dict) else {}


def unwrap(body: dict[str, Any]) -> dict[str, Any]:
    """The update itself: webhooks post it flat, some documents show `{"ok", "result"}`."""
    if body.get("ok") is True and isinstance(body.get("result"), dict):
        return body["result"]
    return body


def sender(update: dict[str, Any]) -> tuple[str, str] | None:
    """(chat id, message id) of a private message from a person; None for anything else."""
    message = update.get("message")
    if not isinstance(message, dict):
        return None
    chat, person = _mapping(message.get("chat")), _mapping(message.get("from"))
    if person.get("is_bot") or str(chat.get("chat_type", "PRIVATE")).upper() != "PRIVATE":
        return None
    if not chat.get("id") or not person.get("id") or not message.get("message_id"):
        return None
    return str(chat["id"]), str(message["message_id"])


def to_incoming(update: dict[str, Any], channel: str = CHANNEL) -> Incoming | None:
    """An `Incoming` for a text or image message; None for stickers, voice, a message with
    nothing to read, and the rest."""
    event = update.get("event_name")
    if event not in (TEXT, IMAGE) or sender(update) is None:
        return None
    message = update["message"]
    person = message["from"]
    attachments: tuple[Attachment, ...] = ()
    if event == IMAGE and message.get("photo"):
        attachments = (Attachment(kind="photo", file_id=str(message["photo"])),)
    text = str((message.get("text") if event == TEXT else message.get("caption")) or "").strip()
    if not text and not attachments:
        return None
    return Incoming(
        channel=channel,
        chat_id=str(message["chat"]["id"]),
        user_id=str(person["id"]),
        display_name=str(person.get("display_name") or person.get("first_name") or ""),
        text=text,
        message_id=str(message["message_id"]),
        attachments=attachments,
    )
