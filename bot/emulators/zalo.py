"""A Zalo Bot API emulator on 127.0.0.1 for tests and the demo: the test plays the users.

The bot talks to it over HTTP as to bot-api.zaloplatforms.com (`ZALO_API_URL=emu.api_url`);
webhook deliveries are flat update bodies carrying `X-Bot-Api-Secret-Token`.
"""

from __future__ import annotations

import asyncio
import secrets
from collections import deque
from collections.abc import Callable
from typing import Any

import aiohttp
from aiohttp import web

from bot.emulators.zalo_api import JSON, Fault, SentMessage, ZaloPlatform, ZaloUser, now_ms

SECRET_HEADER = "X-Bot-Api-Secret-Token"


class ZaloEmulator(ZaloPlatform):
    """The emulated platform and the control API that plays its users."""

    def __init__(self, token: str, *, bot_id: str = "1234567890123456789"):
        super().__init__(token, bot_id=bot_id)
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self.port = 0

    # ---- lifecycle -------------------------------------------------------------------
    async def start(self) -> None:
        """Listen on a random loopback port."""
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self.dispatch)
        app.router.add_get("/files/{name}", self.serve_file)
        # A poll whose client went away must not swallow the next update; and no access
        # log, whose request lines would carry the token.
        self._runner = web.AppRunner(app, handler_cancellation=True, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self._session = aiohttp.ClientSession()

    async def stop(self) -> None:
        """Answer pending long polls and close."""
        self._closing = True
        await self._notify()
        if self._session:
            await self._session.close()
        if self._runner:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        """The value for ZALO_API_URL."""
        return f"http://127.0.0.1:{self.port}"

    # ---- people and what they send -------------------------------------------------------
    def user(self, user_id: str | int, display_name: str) -> ZaloUser:
        """A person (created on first use); Zalo ids are strings, a number is taken as one."""
        return self._users.setdefault(str(user_id), ZaloUser(str(user_id), display_name))

    def block(self, user: ZaloUser, blocked: bool = True) -> None:
        """The person blocks (or unblocks) the bot."""
        user.blocked = blocked

    def host_file(self, name: str, content: bytes, content_type: str = "image/jpeg") -> str:
        """Serve a file (an image a user sends) and return its URL."""
        self._files[name] = (content, content_type)
        return f"{self.api_url}/files/{name}"

    def text_update(self, user: ZaloUser, text: str) -> JSON:
        """A `message.text.received` update from `user` (not yet delivered)."""
        return self._update(user, "message.text.received", {"text": text})

    async def send_text(self, user: ZaloUser, text: str) -> str:
        """The person writes `text`; returns the message id."""
        return await self.deliver(self.text_update(user, text))

    async def send_image(self, user: ZaloUser, url: str, caption: str | None = None) -> str:
        """The person sends a photo (by URL, as Zalo delivers it) with an optional caption."""
        fields: JSON = {"photo": url}
        if caption:
            fields["caption"] = caption
        return await self.deliver(self._update(user, "message.image.received", fields))

    async def send_sticker(self, user: ZaloUser, sticker: str) -> str:
        """The person sends a sticker."""
        fields = {"sticker": sticker, "url": f"https://zalo.example/sticker/{sticker}"}
        return await self.deliver(self._update(user, "message.sticker.received", fields))

    async def deliver_twice(self, user: ZaloUser, text: str) -> str:
        """The platform delivers the same message (same message_id) two times."""
        message_id = await self.send_text(user, text)
        await self.redeliver(message_id)
        return message_id

    async def redeliver(self, message_id: str) -> None:
        """Deliver an earlier update again, unchanged."""
        await self.deliver(self._updates[message_id])

    async def deliver(self, update: JSON) -> str:
        """Push to the webhook if one is set, else queue for getUpdates."""
        message_id = update["message"]["message_id"]
        self._updates[message_id] = update
        if self.webhook.url:
            await self._post_webhook(update)
        else:
            self._queue.append(update)
            await self._notify()
        return message_id

    def _update(self, user: ZaloUser, event: str, fields: JSON) -> JSON:
        message = {
            "from": {"id": user.id, "display_name": user.display_name, "is_bot": False},
            "chat": {"id": user.id, "chat_type": "PRIVATE"},
            "message_id": secrets.token_hex(10),
            "date": now_ms(),
            **fields,
        }
        return {"event_name": event, "message": message}

    async def _post_webhook(self, update: JSON) -> None:
        assert self._session is not None
        headers = {SECRET_HEADER: self.webhook.secret}
        try:
            async with self._session.post(self.webhook.url, json=update, headers=headers) as answer:
                status = answer.status
        except aiohttp.ClientError:
            status = 0
        self.webhook_statuses.append(status)
        await self._notify()

    # ---- faults ------------------------------------------------------------------------
    def fail(self, method: str, error_code: int, description: str = "", **options: Any) -> None:
        """Make the next call(s) of `method` fail (times=, stall= seconds, parameters=)."""
        text = description or {429: "Quota exceeded", 500: "Internal server error"}.get(
            error_code, "Error"
        )
        self._faults.setdefault(method, deque()).append(Fault(error_code, text, **options))

    # ---- what the bot did ----------------------------------------------------------------
    def messages_to(self, chat_id: str) -> list[SentMessage]:
        """Everything sent to one chat, oldest first."""
        return [message for message in self.sent if message.chat_id == chat_id]

    def texts_to(self, chat_id: str) -> list[str]:
        """Texts (and captions) sent to one chat."""
        return [message.text for message in self.messages_to(chat_id)]

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        """Wait until `predicate()` holds, woken by every recorded change (no polling)."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(predicate), timeout)

    async def wait_idle(self, timeout: float = 10.0) -> None:
        """Wait until the bot took every queued update and is polling again (all handled)."""
        await self.wait_for(lambda: not self._queue and self.polling > 0, timeout)

    async def next_message(self, chat_id: str, timeout: float = 10.0) -> SentMessage:
        """The next message to `chat_id` that this method has not returned yet."""
        seen = self._read.get(chat_id, 0)
        await self.wait_for(lambda: len(self.messages_to(chat_id)) > seen, timeout)
        self._read[chat_id] = seen + 1
        return self.messages_to(chat_id)[seen]
