"""The emulator's people, chats and messages, and their Bot API JSON shapes."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]
TAG = re.compile(r"<[^>]*>")


@dataclass
class User:
    """A person who talks to the bot."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "vi"
    blocked: bool = False

    def to_api(self) -> JSON:
        """The Bot API `User` object."""
        data: JSON = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        return data


@dataclass
class Chat:
    """A private chat (id = the user's id) or a group (negative id)."""

    id: int
    type: str  # "private" | "group" | "supergroup"
    title: str | None = None
    user: User | None = None

    def to_api(self) -> JSON:
        """The Bot API `Chat` object."""
        data: JSON = {"id": self.id, "type": self.type}
        if self.type == "private" and self.user is not None:
            data["first_name"] = self.user.first_name
            if self.user.username:
                data["username"] = self.user.username
        else:
            data["title"] = self.title or str(self.id)
        return data


@dataclass(frozen=True)
class InlineButton:
    """One inline keyboard button as the bot sent it."""

    text: str
    data: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class StoredFile:
    """A file someone uploaded: a user's document or photo, or the bot's export."""

    file_id: str
    unique_id: str
    content: bytes
    name: str | None = None
    mime_type: str | None = None
    path: str = ""


@dataclass
class Message:
    """A message in a chat, by a user or by the bot; bot messages are kept up to date on edit."""

    chat_id: int
    message_id: int
    text: str = ""  # as sent: HTML when `is_html` (the caption for a file)
    is_html: bool = False
    from_bot: bool = False
    user_id: int | None = None
    buttons: list[list[InlineButton]] = field(default_factory=list)
    reply_to: int | None = None
    document: StoredFile | None = None
    photo: StoredFile | None = None
    time: float = 0.0  # the event loop's clock when it was sent
    date: int = 0  # Unix time, as the API reports it
    edits: int = 0
    edit_date: int = 0
    method: str = "sendMessage"

    @property
    def plain(self) -> str:
        """The text as the reader sees it: tags removed, entities decoded."""
        return html.unescape(TAG.sub("", self.text)) if self.is_html else self.text

    @property
    def labels(self) -> list[str]:
        """Every button label, row by row."""
        return [button.text for row in self.buttons for button in row]

    def find_button(self, label_or_data: str) -> InlineButton:
        """The button with this exact label or callback data."""
        for row in self.buttons:
            for button in row:
                if label_or_data in (button.text, button.data):
                    return button
        raise LookupError(
            f"no button {label_or_data!r} on message {self.message_id}: {self.labels}"
        )


def file_json(stored: StoredFile) -> JSON:
    """The Bot API `Document` object."""
    data: JSON = {
        "file_id": stored.file_id,
        "file_unique_id": stored.unique_id,
        "file_size": len(stored.content),
    }
    if stored.name:
        data["file_name"] = stored.name
    if stored.mime_type:
        data["mime_type"] = stored.mime_type
    return data


def photo_json(stored: StoredFile) -> list[JSON]:
    """The Bot API list of `PhotoSize` (one size: we keep the bytes as given)."""
    return [
        {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "file_size": len(stored.content),
            "width": 1280,
            "height": 960,
        }
    ]


def keyboard_json(buttons: list[list[InlineButton]]) -> JSON:
    """The Bot API `InlineKeyboardMarkup` object."""
    rows = []
    for row in buttons:
        rows.append(
            [
                {"text": b.text, "callback_data": b.data}
                if b.data is not None
                else {"text": b.text, "url": b.url}
                for b in row
            ]
        )
    return {"inline_keyboard": rows}


def command_entities(text: str) -> list[JSON]:
    """A `bot_command` entity when the text starts with a command, as Telegram marks it."""
    if not text.startswith("/"):
        return []
    word = text.split(maxsplit=1)[0]
    return [{"type": "bot_command", "offset": 0, "length": len(word.encode("utf-16-le")) // 2}]
