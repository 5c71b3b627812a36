"""A small typed client for the Zalo Bot API; platform errors become our channel errors.

The token is part of every URL, so nothing here logs a URL: only method names.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import httpx

from bot.messages import ChannelError, RetryAfter, TokenRejected, TransientError, Unreachable

logger = logging.getLogger(__name__)
# httpx logs every request URL at INFO, and ours contain the token.
logging.getLogger("httpx").setLevel(logging.WARNING)
logging.getLogger("httpcore").setLevel(logging.WARNING)

MAX_DOWNLOAD = 20 * 1024 * 1024


class ZaloApiError(ChannelError):
    """The platform refused the request for good (400: a bad request of ours)."""

    def __init__(self, method: str, error_code: int, description: str):
        super().__init__(f"{method}: {error_code} {description}")
        self.error_code = error_code
        self.description = description


class ZaloAuthError(ZaloApiError, TokenRejected):
    """401: the token is wrong or was reset."""


class PollTimeout(TransientError):
    """408: the long poll found nothing (or the platform took too long)."""


@dataclass(frozen=True)
class BotInfo:
    """What getMe says about the bot."""

    id: str
    account_name: str


@dataclass(frozen=True)
class SentMessage:
    """sendMessage/sendPhoto/sendSticker's answer."""

    message_id: str
    date: int


@dataclass(frozen=True)
class WebhookInfo:
    """The webhook currently set ("" when none)."""

    url: str
    updated_at: int | None


def error_for(method: str, code: int, description: str, retry_after: float) -> ChannelError:
    """Our channel error for an `{"ok": false}` answer, by the documented error codes."""
    lowered = description.lower()
    if code == 429:
        return RetryAfter(retry_after)
    if code == 408:
        return PollTimeout(f"{method}: request timeout")
    if code == 401:
        return ZaloAuthError(method, code, description)
    if code == 404 or (code == 403 and ("block" in lowered or "forbidden" in lowered)):
        return Unreachable(f"{method}: {code} {description}")
    if code == 403 or code >= 500:  # the docs list 403 as "Internal server error"
        return TransientError(f"{method}: {code} {description}")
    return ZaloApiError(method, code, description)


class ZaloBotClient:
    """`ZaloBotClient(api_url, token)`: one method per Bot API call we use."""

    def __init__(
        self,
        api_url: str,
        token: str,
        *,
        timeout: float = 20.0,
        default_retry_after: float = 30.0,
    ):
        self._base = f"{api_url.rstrip('/')}/bot{token}"
        self._timeout = timeout
        self._default_retry_after = default_retry_after
        self._http = httpx.AsyncClient(timeout=timeout)

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    async def call(self, method: str, payload: dict[str, Any], timeout: float | None = None) -> Any:
        """POST one method; the `result` on success, else a `ChannelError`."""
        logger.debug("zalo call %s", method)
        try:
            response = await self._http.post(
                f"{self._base}/{method}", json=payload, timeout=timeout or self._timeout
            )
        except httpx.TimeoutException:
            raise TransientError(f"{method}: timed out") from None
        except httpx.HTTPError as error:
            raise TransientError(f"{method}: {type(error).__name__}") from None
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            code = response.status_code
            raise error_for(method, code, "answer is not JSON", self._default_retry_after)
        if body.get("ok"):
            return body.get("result")
        parameters = body.get("parameters") or {}
        raise error_for(
            method,
            int(body.get("error_code") or response.status_code),
            str(body.get("description") or ""),
            float(parameters.get("retry_after") or self._default_retry_after),
        )

    async def get_me(self) -> BotInfo:
        """Check the token; who the bot is."""
        result = await self.call("getMe", {})
        return BotInfo(id=str(result["id"]), account_name=str(result.get("account_name", "")))

    async def get_update(self, timeout: int = 30) -> dict[str, Any] | None:
        """Long-poll for ONE update; None when nothing came within `timeout` seconds."""
        try:
            return await self.call("getUpdates", {"timeout": str(timeout)}, timeout=timeout + 10)
        except PollTimeout:
            return None

    async def set_webhook(self, url: str, secret_token: str) -> WebhookInfo:
        """Have the platform POST updates to `url` with `secret_token` in a header."""
        result = await self.call("setWebhook", {"url": url, "secret_token": secret_token})
        return _webhook_info(result)

    async def delete_webhook(self) -> WebhookInfo:
        """Switch back to getUpdates."""
        return _webhook_info(await self.call("deleteWebhook", {}))

    async def get_webhook_info(self) -> WebhookInfo:
        """The webhook currently set."""
        return _webhook_info(await self.call("getWebhookInfo", {}))

    async def send_message(self, chat_id: str, text: str) -> SentMessage:
        """Send plain text (1 to 2,000 characters)."""
        return _sent(await self.call("sendMessage", {"chat_id": chat_id, "text": text}))

    async def send_photo(self, chat_id: str, photo_url: str, caption: str = "") -> SentMessage:
        """Send a photo by URL, with an optional caption."""
        payload = {"chat_id": chat_id, "photo": photo_url}
        if caption:
            payload["caption"] = caption
        return _sent(await self.call("sendPhoto", payload))

    async def send_sticker(self, chat_id: str, sticker: str) -> SentMessage:
        """Send a sticker by its id."""
        return _sent(await self.call("sendSticker", {"chat_id": chat_id, "sticker": sticker}))

    async def send_chat_action(self, chat_id: str, action: str = "typing") -> None:
        """Show "typing…" in the chat."""
        await self.call("sendChatAction", {"chat_id": chat_id, "action": action})

    async def download(self, url: str) -> bytes:
        """Fetch a file a user sent (Zalo gives images as URLs), at most 20 MB."""
        if not url.startswith(("https://", "http://")):
            raise ZaloApiError("download", 400, "not an http(s) URL")
        try:
            async with self._http.stream("GET", url) as response:
                if response.status_code >= 500:
                    raise TransientError(f"download: HTTP {response.status_code}")
                if response.status_code != 200:
                    raise ZaloApiError("download", response.status_code, "file not available")
                content = bytearray()
                async for chunk in response.aiter_bytes():
                    content.extend(chunk)
                    if len(content) > MAX_DOWNLOAD:
                        raise ZaloApiError("download", 413, "file larger than 20 MB")
                return bytes(content)
        except httpx.HTTPError as error:
            raise TransientError(f"download: {type(error).__name__}") from None


def _sent(result: dict[str, Any]) -> SentMessage:
    return SentMessage(message_id=str(result["message_id"]), date=int(result.get("date") or 0))


def _webhook_info(result: dict[str, Any] | None) -> WebhookInfo:
    result = result or {}
    return WebhookInfo(url=str(result.get("url") or ""), updated_at=result.get("updated_at"))
