"""A Telegram Bot API server on 127.0.0.1 for tests, benchmarks and the demo.

The bot talks to it over HTTP exactly as to api.telegram.org (`TELEGRAM_API_URL=emu.api_url`);
the test, in the same process, plays the users and watches what the bot sends.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import mimetypes
from collections.abc import Callable
from typing import Any, TypeVar

from aiohttp import web

from bot.emulators.telegram_limits import FAULT_KINDS, SENDING_METHODS, Faults, FloodLimits
from bot.emulators.telegram_objects import JSON, Chat, Message, User
from bot.emulators.telegram_server import build_app, pump_webhook
from bot.emulators.telegram_state import EmulatorState

T = TypeVar("T")


class TelegramEmulator(EmulatorState):
    """The emulated server and the control API that plays its users."""

    def __init__(
        self, token: str = "123456789:TEST-emulator-token", *, username: str = "dondoc_test_bot"
    ):
        super().__init__(token, username)
        self.host, self.port = "127.0.0.1", 0
        self._runner: web.AppRunner | None = None
        self._pump: asyncio.Task[None] | None = None
        self._cursors: dict[int, int] = {}
        self._query_ids = itertools.count(4_000_000_001)
        self.bots: dict[str, EmulatorState] = {token: self}  # served at this address, by token

    @property
    def api_url(self) -> str:
        """The value for TELEGRAM_API_URL."""
        return f"http://{self.host}:{self.port}"

    async def start(self) -> TelegramEmulator:
        """Listen on a free port of 127.0.0.1."""
        self._runner = web.AppRunner(
            build_app(self.bots), handler_cancellation=True, access_log=None
        )
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, 0).start()
        self.port = self._runner.addresses[0][1]
        self._pump = asyncio.create_task(pump_webhook(self))
        return self

    async def stop(self) -> None:
        """Wake long polls, stop the webhook pump and close the server."""
        self.closing = True
        await self.notify()
        if self._pump is not None:
            self._pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pump
        if self._runner is not None:
            await self._runner.cleanup()

    def serve_too(self, other: TelegramEmulator) -> TelegramEmulator:
        """Serve `other` (a bot with its own token, users, messages and limits) at this server's
        address, as api.telegram.org serves every bot; `other` is stopped before this one."""
        self.bots[other.token] = other
        other.host, other.port = self.host, self.port
        other._pump = asyncio.create_task(pump_webhook(other))
        return other

    async def __aenter__(self) -> TelegramEmulator:
        return await self.start()

    async def __aexit__(self, *_exc: object) -> None:
        await self.stop()

    # --- the people ---------------------------------------------------------------------

    def user(
        self,
        user_id: int,
        first_name: str = "",
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "vi",
    ) -> User:
        """A Telegram user (created once) and their private chat with the bot."""
        if user_id not in self.users:
            person = User(
                user_id, first_name or f"User {user_id}", last_name, username, language_code
            )
            self.users[user_id] = person
            self.chats[user_id] = Chat(user_id, "private", user=person)
        return self.users[user_id]

    def group(self, chat_id: int, title: str) -> Chat:
        """A group chat the bot is a member of (negative id; -100… is a supergroup)."""
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        kind = "supergroup" if str(chat_id).startswith("-100") else "group"
        return self.chats.setdefault(chat_id, Chat(chat_id, kind, title=title))

    def block(self, user: User) -> None:
        """The user blocks the bot: sends to them answer 403."""
        user.blocked = True

    def unblock(self, user: User) -> None:
        """The user unblocks the bot."""
        user.blocked = False

    # --- what users do ------------------------------------------------------------------

    async def _from_user(self, user: User, chat: Chat | int | None, **fields: Any) -> Message:
        chat_id = user.id if chat is None else chat if isinstance(chat, int) else chat.id
        if chat_id not in self.chats:
            raise LookupError(f"unknown chat {chat_id}: create it with emu.group()")
        message = self.store_message(
            Message(chat_id, self.next_message_id(chat_id), user_id=user.id, **fields)
        )
        await self.add_update("message", self.message_json(message))
        return message

    async def send_text(self, user: User, text: str, chat: Chat | int | None = None) -> Message:
        """The user sends a text message (in their private chat unless `chat` is given)."""
        return await self._from_user(user, chat, text=text)

    async def reply(self, user: User, to_message: Message, text: str) -> Message:
        """The user replies to a message (swipe-reply) in that message's chat."""
        return await self._from_user(
            user, to_message.chat_id, text=text, reply_to=to_message.message_id
        )

    async def edit(self, user: User, message: Message, new_text: str) -> Message:
        """The user edits a message they sent."""
        if message.from_bot or message.user_id != user.id:
            raise ValueError("a user can only edit their own messages")
        self.apply_edit(message, text=new_text)
        await self.add_update("edited_message", self.message_json(message))
        return message

    async def press(self, user: User, message: Message, button: str) -> str:
        """The user presses a button (by label or data) under a bot message; the query id."""
        found = message.find_button(button)
        if found.data is None:
            raise ValueError(f"button {found.text!r} opens a URL, it sends no callback")
        query_id = str(next(self._query_ids))
        self.callback_answers[query_id] = None
        await self.add_update(
            "callback_query",
            {
                "id": query_id,
                "from": user.to_api(),
                "message": self.message_json(message),
                "chat_instance": str(message.chat_id),
                "data": found.data,
            },
        )
        return query_id

    async def send_document(
        self,
        user: User,
        filename: str,
        content: bytes,
        *,
        caption: str = "",
        chat: Chat | int | None = None,
        mime_type: str | None = None,
    ) -> Message:
        """The user sends a file."""
        mime = mime_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        stored = self.store_file(content, filename, mime, "documents")
        return await self._from_user(user, chat, text=caption, document=stored)

    async def send_photo(
        self, user: User, content: bytes, *, caption: str = "", chat: Chat | int | None = None
    ) -> Message:
        """The user sends a photo."""
        stored = self.store_file(content, None, "image/jpeg", "photos")
        return await self._from_user(user, chat, text=caption, photo=stored)

    # --- what the bot did ---------------------------------------------------------------

    def messages_to(self, chat_id: int) -> list[Message]:
        """What the bot sent to one chat, oldest first."""
        return list(self.sent_by_chat.get(chat_id, ()))

    async def wait_for(self, predicate: Callable[[], T], timeout: float = 5.0) -> T:
        """Wait (woken by each change, no polling) until `predicate()` is truthy; its value."""
        try:
            return await self.wait_until(predicate, timeout)
        except TimeoutError:
            recent = [f"{m.chat_id}: {m.plain[:80]!r}" for m in self.sent[-5:]]
            raise TimeoutError(
                f"nothing matched within {timeout}s; the bot last sent {recent}"
            ) from None

    async def next_message(self, chat_id: int, timeout: float = 5.0) -> Message:
        """The next message to this chat that this method has not returned yet."""
        position = self._cursors.get(chat_id, 0)
        await self.wait_for(lambda: len(self.sent_by_chat.get(chat_id, ())) > position, timeout)
        self._cursors[chat_id] = position + 1
        return self.sent_by_chat[chat_id][position]

    def answered(self, query_id: str) -> JSON | None:
        """How the bot answered a button press (None: not yet)."""
        return self.callback_answers.get(query_id)

    def menu(self, chat_id: int | None = None, language_code: str = "") -> list[tuple[str, str]]:
        """The command menu a chat sees: its own scope, else all private chats, else the default."""
        keys: list[tuple[str, int | None, str]] = (
            [("chat", chat_id, language_code)] if chat_id is not None else []
        )
        if chat_id is None or chat_id > 0:
            keys.append(("all_private_chats", None, language_code))
        keys.append(("default", None, language_code))
        for key in keys:
            if key in self.commands:
                return [(c["command"], c["description"]) for c in self.commands[key]]
        return []

    # --- faults and limits --------------------------------------------------------------

    def faults(
        self,
        rate: float = 0.2,
        kinds: tuple[str, ...] = FAULT_KINDS,
        seed: int | None = None,
        *,
        methods: frozenset[str] = SENDING_METHODS,
        retry_after: int = 1,
    ) -> None:
        """Fail this share of sending requests at random (rate 0 turns faults off)."""
        self.fault_plan = Faults(
            rate, tuple(kinds), seed, frozenset(m.lower() for m in methods), retry_after
        )

    def limits(
        self,
        overall_per_s: int | None = None,
        per_chat_per_s: int | None = None,
        group_per_min: int | None = None,
    ) -> None:
        """Answer 429 with a correct retry_after beyond these rates (None: no limit)."""
        self.flood = FloodLimits(overall_per_s, per_chat_per_s, group_per_min)
