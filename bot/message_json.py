"""The neutral messages as JSON-ready dicts and back: what the inbox stores (updates, replies)."""

from __future__ import annotations

import base64
from dataclasses import asdict, fields
from typing import Any

from bot.messages import Attachment, Button, Document, Incoming, Outgoing


def incoming_to_dict(incoming: Incoming) -> dict[str, Any]:
    """Every field of `incoming`, attachments as dicts."""
    return asdict(incoming)


def incoming_from_dict(data: dict[str, Any]) -> Incoming:
    """The `Incoming` that `incoming_to_dict` gave `data` for (unknown keys ignored)."""
    known = {f.name for f in fields(Incoming)}
    values = {key: value for key, value in data.items() if key in known}
    values["attachments"] = tuple(Attachment(**item) for item in data.get("attachments", ()))
    return Incoming(**values)


def _document_to_dict(document: Document | None) -> dict[str, str] | None:
    if document is None:
        return None
    content = base64.b64encode(document.content).decode("ascii")
    return {"file_name": document.file_name, "content": content, "mime_type": document.mime_type}


def _document_from_dict(data: dict[str, str] | None) -> Document | None:
    if data is None:
        return None
    content = base64.b64decode(data["content"])
    return Document(file_name=data["file_name"], content=content, mime_type=data["mime_type"])


def outgoing_to_dict(message: Outgoing) -> dict[str, Any]:
    """Every field of `message`; files as base64."""
    return {
        "text": message.text,
        "buttons": [[[b.label, b.data] for b in row] for row in message.buttons],
        "document": _document_to_dict(message.document),
        "photo": _document_to_dict(message.photo),
        "channel": message.channel,
        "chat_id": message.chat_id,
        "reply_to_message_id": message.reply_to_message_id,
        "edit": message.edit,
    }


def outgoing_from_dict(data: dict[str, Any]) -> Outgoing:
    """The `Outgoing` that `outgoing_to_dict` gave `data` for."""
    return Outgoing(
        text=data["text"],
        buttons=tuple(
            tuple(Button(label, value) for label, value in row) for row in data["buttons"]
        ),
        document=_document_from_dict(data["document"]),
        photo=_document_from_dict(data["photo"]),
        channel=data["channel"],
        chat_id=data["chat_id"],
        reply_to_message_id=data["reply_to_message_id"],
        edit=data["edit"],
    )
