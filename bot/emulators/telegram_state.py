"""What the emulated Telegram server knows: people, chats, messages, files, pending updates."""

from __future__ import annotations

import asyncio
import itertools
import secrets
import time
from collections import Counter
from collections.abc import Callable
from typing import Any, TypeVar

from bot.emulators.telegram_limits import Faults, FloodLimits, Stats
from bot.emulators.telegram_objects import (
    JSON,
    Chat,
    Message,
    StoredFile,
    User,
    command_entities,
    file_json,
    keyboard_json,
    photo_json,
)

T = TypeVar("T")


class ApiError(Exception):
    """A Bot API error answer."""

    def __init__(self, code: int, description: str, retry_after: int | None = None):
        super().__init__(description)
        self.code, self.description, self.retry_after = code, description, retry_after

    def to_json(self) -> JSON:
        """The error body, shaped as Telegram's."""
        body: JSON = {"ok": False, "error_code": self.code, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


class EmulatorState:
    """The server's memory; every change wakes whoever waits on `changed`."""

    def __init__(self, token: str, username: str):
        self.token = token
        self.bot_user: JSON = {
            "id": int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 1,
            "is_bot": True,
            "first_name": "Đôn đốc",
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.users: dict[int, User] = {}
        self.chats: dict[int, Chat] = {}
        self.messages: dict[tuple[int, int], Message] = {}
        self.sent: list[Message] = []  # what the bot sent, oldest first
        self.sent_by_chat: dict[int, list[Message]] = {}  # the same, per chat
        self.log: list[tuple[str, Message]] = []  # ("sent" | "edited", message), in order
        self.updates: list[JSON] = []  # not yet confirmed by the bot
        self.files: dict[str, StoredFile] = {}
        self.callback_answers: dict[str, JSON | None] = {}  # query id → answer (None: not yet)
        self.commands: dict[tuple[str, int | None, str], list[JSON]] = {}
        self.chat_actions: list[tuple[int, str]] = []
        self.webhook: JSON = {"url": "", "secret_token": None}
        self.webhook_deliveries: list[tuple[int, int]] = []  # (update_id, HTTP status or 0)
        self.allowed_updates: list[str] = []
        self.stats = Stats()
        self.flood = FloodLimits()
        self.fault_plan = Faults()
        self.closing = False
        self.changed = asyncio.Condition()
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count] = {}
        self._file_ids = itertools.count(1)
        self._delivered: Counter[tuple[int, str, str]] = Counter()

    async def notify(self) -> None:
        """Wake every waiter (long polls, tests, the webhook pump)."""
        async with self.changed:
            self.changed.notify_all()

    async def wait_until(self, predicate: Callable[[], T], timeout: float | None) -> T:
        """The predicate's first truthy value; TimeoutError after `timeout` seconds."""
        async with self.changed:
            return await asyncio.wait_for(self.changed.wait_for(predicate), timeout)

    def chat(self, chat_id: Any) -> Chat:
        """A chat the bot may write to; 400/403 as Telegram answers otherwise."""
        try:
            chat = self.chats[int(chat_id)]
        except (TypeError, ValueError, KeyError):
            raise ApiError(400, "Bad Request: chat not found") from None
        if chat.user is not None and chat.user.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat

    def message(self, chat_id: int, message_id: Any) -> Message | None:
        """A message of this chat, if it exists."""
        try:
            return self.messages.get((chat_id, int(message_id)))
        except (TypeError, ValueError):
            return None

    def next_message_id(self, chat_id: int) -> int:
        """Message ids count up per chat, as in private chats and groups."""
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def store_message(self, message: Message) -> Message:
        """Keep a new message; count a bot message delivered twice to one chat."""
        message.date = int(time.time())
        message.time = asyncio.get_running_loop().time()
        self.messages[(message.chat_id, message.message_id)] = message
        if message.from_bot:
            name = message.document.name or "" if message.document else ""
            key = (message.chat_id, message.text, name)
            self._delivered[key] += 1
            if self._delivered[key] > 1:
                self.stats.duplicates += 1
            self.sent.append(message)
            self.sent_by_chat.setdefault(message.chat_id, []).append(message)
            self.log.append(("sent", message))
        return message

    def store_file(
        self, content: bytes, name: str | None, mime_type: str | None, folder: str
    ) -> StoredFile:
        """Keep uploaded bytes under a new file id and download path."""
        number = next(self._file_ids)
        suffix = f".{name.rsplit('.', 1)[1]}" if name and "." in name else ""
        stored = StoredFile(
            file_id=f"BQAC{number:04d}{secrets.token_hex(6)}",
            unique_id=f"AgAD{number:04d}",
            content=content,
            name=name,
            mime_type=mime_type,
            path=f"{folder}/file_{number}{suffix}",
        )
        self.files[stored.file_id] = stored
        return stored

    def file_by_path(self, path: str) -> StoredFile | None:
        """The file served at `/file/bot<token>/<path>`."""
        return next((f for f in self.files.values() if f.path == path), None)

    def message_json(self, message: Message, *, nested: bool = False) -> JSON:
        """The Bot API `Message` object (a replied-to message is nested one level deep)."""
        chat = self.chats[message.chat_id]
        data: JSON = {"message_id": message.message_id, "date": message.date, "chat": chat.to_api()}
        sender = None if message.from_bot else message.user_id
        data["from"] = self.bot_user if sender is None else self.users[sender].to_api()
        text_key = "text"
        if message.document is not None:
            data["document"], text_key = file_json(message.document), "caption"
        if message.photo is not None:
            data["photo"], text_key = photo_json(message.photo), "caption"
        if message.text:
            data[text_key] = message.plain
            if not message.from_bot and text_key == "text" and command_entities(message.text):
                data["entities"] = command_entities(message.text)
        if message.edit_date:
            data["edit_date"] = message.edit_date
        if message.buttons:
            data["reply_markup"] = keyboard_json(message.buttons)
        if message.reply_to is not None and not nested:
            replied = self.message(message.chat_id, message.reply_to)
            if replied is not None:
                data["reply_to_message"] = self.message_json(replied, nested=True)
        return data

    async def add_update(self, kind: str, payload: JSON) -> int:
        """Queue an update for getUpdates or the webhook; its id."""
        update_id = next(self._update_ids)
        if not self.allowed_updates or kind in self.allowed_updates:
            self.updates.append({"update_id": update_id, kind: payload})
        await self.notify()
        return update_id

    def apply_edit(self, message: Message, **changes: Any) -> Message:
        """Change a message in place (records held by tests stay current)."""
        for key, value in changes.items():
            setattr(message, key, value)
        message.edits += 1
        message.edit_date = int(time.time())
        if message.from_bot:
            self.log.append(("edited", message))
        return message
