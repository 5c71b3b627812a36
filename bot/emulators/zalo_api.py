"""The Zalo Bot API as the emulator serves it: state, the documented methods, their errors.

It follows bot.zaloplatforms.com: `POST /bot<TOKEN>/<method>` with JSON, answers
`{"ok": true, "result": …}` or `{"ok": false, "error_code": …, "description": …}`;
getUpdates hands out ONE update per call (no update_id) and 408 when a long poll finds
nothing. Error codes are the documented ones: 400 bad request, 401 bad token, 404 "invalid
access request" (our stand-in for a user who blocked the bot or never wrote to it), 408,
429 quota.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from aiohttp import web

JSON = dict[str, Any]
MAX_TEXT = 2000


@dataclass
class ZaloUser:
    """A person chatting with the bot in a private chat."""

    id: str
    display_name: str
    blocked: bool = False


@dataclass(frozen=True)
class SentMessage:
    """Something the bot sent (sendMessage, sendPhoto or sendSticker)."""

    method: str
    chat_id: str
    message_id: str
    date: int
    text: str = ""
    photo: str | None = None
    sticker: str | None = None


@dataclass
class Fault:
    """An error the next `times` calls of a method answer with, optionally after a stall."""

    error_code: int
    description: str
    times: int = 1
    stall: float = 0.0
    parameters: JSON | None = None


@dataclass
class Webhook:
    """The webhook set on the platform ("" when none)."""

    url: str = ""
    secret: str = ""
    updated_at: int = 0


def now_ms() -> int:
    """The platform's timestamps: milliseconds."""
    return int(time.time() * 1000)


def _ok(result: Any = None) -> web.Response:
    body: JSON = {"ok": True} if result is None else {"ok": True, "result": result}
    return web.json_response(body)


def _error(code: int, description: str, parameters: JSON | None = None) -> web.Response:
    body: JSON = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=code)


def utf16_len(text: str) -> int:
    """Length as Zalo (JavaScript) counts it."""
    return len(text.encode("utf-16-le")) // 2


class ZaloPlatform:
    """What the bot talks to: users, queued updates, the webhook, faults, what was sent."""

    def __init__(self, token: str, *, bot_id: str = "1234567890123456789"):
        self.token = token
        self.bot_id = bot_id
        self.sent: list[SentMessage] = []
        self.calls: list[str] = []
        self.chat_actions: list[tuple[str, str]] = []
        self.webhook_statuses: list[int] = []
        self.polling = 0
        self.webhook = Webhook()
        self._users: dict[str, ZaloUser] = {}
        self._queue: deque[JSON] = deque()
        self._updates: dict[str, JSON] = {}
        self._faults: dict[str, deque[Fault]] = {}
        self._files: dict[str, tuple[bytes, str]] = {}
        self._read: dict[str, int] = {}
        self._changed = asyncio.Condition()
        self._closing = False

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def dispatch(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return _error(400, "Bad request: invalid path or API name")
        self.calls.append(method)
        fault = self._take_fault(method)
        if fault is not None:
            await asyncio.sleep(fault.stall)  # a hung platform: the client's timeout fires
            return _error(fault.error_code, fault.description, fault.parameters)
        body = await self._params(request)
        return await handler(body)

    def _take_fault(self, method: str) -> Fault | None:
        faults = self._faults.get(method)
        if not faults:
            return None
        fault = faults[0]
        fault.times -= 1
        if fault.times <= 0:
            faults.popleft()
        return fault

    @staticmethod
    async def _params(request: web.Request) -> JSON:
        params: JSON = dict(request.query)
        if request.can_read_body:
            if request.content_type == "application/json":
                params.update(await request.json())
            else:
                params.update(await request.post())
        return params

    async def _api_getMe(self, _body: JSON) -> web.Response:
        return _ok(
            {
                "id": self.bot_id,
                "account_name": "bot.dondoc",
                "account_type": "BASIC",
                "can_join_groups": False,
            }
        )

    async def _api_getUpdates(self, body: JSON) -> web.Response:
        if self.webhook.url:
            return _error(400, "Bad request: getUpdates is unavailable while a webhook is set")
        timeout = float(body.get("timeout", 30))
        self.polling += 1
        await self._notify()
        try:
            async with self._changed:
                try:
                    await asyncio.wait_for(self._changed.wait_for(self._poll_ready), timeout)
                except TimeoutError:
                    return _error(408, "Request timeout")
                if not self._queue:
                    return _error(408, "Request timeout")
                return _ok(self._queue.popleft())
        finally:
            self.polling -= 1
            await self._notify()

    def _poll_ready(self) -> bool:
        return bool(self._queue) or self._closing

    async def _api_setWebhook(self, body: JSON) -> web.Response:
        url, secret = str(body.get("url", "")), str(body.get("secret_token", ""))
        if not url.startswith(("https://", "http://127.0.0.1")):
            return _error(400, "Bad request: url must be HTTPS")
        if not 8 <= len(secret) <= 256:
            return _error(400, "Bad request: secret_token must be 8 to 256 characters")
        self.webhook = Webhook(url, secret, now_ms())
        return _ok({"url": url, "updated_at": self.webhook.updated_at})

    async def _api_deleteWebhook(self, _body: JSON) -> web.Response:
        self.webhook = Webhook(updated_at=now_ms())
        return _ok({"url": "", "updated_at": self.webhook.updated_at})

    async def _api_getWebhookInfo(self, _body: JSON) -> web.Response:
        return _ok({"url": self.webhook.url, "updated_at": self.webhook.updated_at})

    async def _api_sendMessage(self, body: JSON) -> web.Response:
        text = str(body.get("text") or "")
        if not 1 <= utf16_len(text) <= MAX_TEXT:
            return _error(400, "Bad request: text must be 1 to 2000 characters")
        return await self._record(body, "sendMessage", text=text)

    async def _api_sendPhoto(self, body: JSON) -> web.Response:
        photo, caption = str(body.get("photo") or ""), str(body.get("caption") or "")
        if not photo:
            return _error(400, "Bad request: photo is required")
        if utf16_len(caption) > MAX_TEXT:
            return _error(400, "Bad request: caption must be at most 2000 characters")
        return await self._record(body, "sendPhoto", text=caption, photo=photo)

    async def _api_sendSticker(self, body: JSON) -> web.Response:
        sticker = str(body.get("sticker") or "")
        if not sticker:
            return _error(400, "Bad request: sticker is required")
        return await self._record(body, "sendSticker", sticker=sticker)

    async def _api_sendChatAction(self, body: JSON) -> web.Response:
        refused = self._unreachable(str(body.get("chat_id") or ""))
        if refused is not None:
            return refused
        self.chat_actions.append((str(body["chat_id"]), str(body.get("action", "typing"))))
        return _ok()

    def _unreachable(self, chat_id: str) -> web.Response | None:
        user = self._users.get(chat_id)
        if user is None or user.blocked:
            return _error(404, "Not found: invalid access request")
        return None

    async def _record(self, body: JSON, method: str, **content: Any) -> web.Response:
        chat_id = str(body.get("chat_id") or "")
        refused = self._unreachable(chat_id)
        if refused is not None:
            return refused
        message = SentMessage(method, chat_id, secrets.token_hex(10), now_ms(), **content)
        self.sent.append(message)
        await self._notify()
        return _ok({"message_id": message.message_id, "date": message.date})

    async def serve_file(self, request: web.Request) -> web.Response:
        found = self._files.get(request.match_info["name"])
        if found is None:
            raise web.HTTPNotFound()
        content, content_type = found
        return web.Response(body=content, content_type=content_type)
