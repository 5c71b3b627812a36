"""Receives Zalo updates (long polling or a webhook) and stores each in the inbox once."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from aiohttp import web

from bot.channels.polling import STOP_GRACE, stop_polling
from bot.channels.zalo import Backoff, ZaloChannel
from bot.channels.zalo_client import ZaloAuthError
from bot.channels.zalo_updates import sender, to_incoming, unwrap
from bot.messages import (
    ChannelError,
    Incoming,
    NewUpdate,
    Outgoing,
    RetryAfter,
    StoreUnavailable,
    stored_later,
)
from bot.outage_log import OutageLog
from bot.texts import t

if TYPE_CHECKING:
    from bot.messages import UpdateHandler

logger = logging.getLogger(__name__)
SECRET_HEADER = "X-Bot-Api-Secret-Token"
POLL_BACKOFF = Backoff(first=1.0, cap=60.0)


@dataclass(frozen=True)
class WebhookConfig:
    """The public URL the platform posts to, and the secret it sends back."""

    url: str
    secret: str

    @property
    def path(self) -> str:
        """Our route: the public URL's path (a reverse proxy forwards it unchanged)."""
        return urlsplit(self.url).path or "/"


class ZaloService:
    """The runner's Zalo service: `start()` begins receiving, `pause()` ends it for a while,
    `stop()` for good."""

    def __init__(
        self,
        core: UpdateHandler,
        channel: ZaloChannel,
        *,
        webhook: WebhookConfig | None = None,
        poll_timeout: int = 30,
        poll_backoff: Backoff = POLL_BACKOFF,
    ):
        self.core = core
        self.name = channel.name
        self.channel = channel
        self.client = channel.client
        self.webhook = webhook
        self.poll_timeout = poll_timeout
        self.poll_backoff = poll_backoff
        # The inbox's unique key (channel, message id) drops a redelivered message.
        self.inbox = core.inbox(self.name, prepare=self._pick_choice)
        self._store_outage = OutageLog(logger, f"{self.name}: storing updates", stored_later)
        self._poller: asyncio.Task | None = None
        self._request: asyncio.Future | None = None
        self._stopping = asyncio.Event()
        self._stopping.set()  # not receiving until `start()`

    @property
    def receiving(self) -> bool:
        """Its webhook set, or its poller alive (readiness)."""
        polling = self._poller is not None and not self._poller.done()
        return not self._stopping.is_set() and (self.webhook is not None or polling)

    async def start(self) -> None:
        """Check the token, take up what the inbox holds, then set the webhook (its route is
        already served) or poll (again after `pause`)."""
        self._stopping.clear()
        me = await self.client.get_me()
        logger.info("zalo bot %s connected", me.account_name or me.id)
        self.inbox.start()
        if self.webhook is not None:
            await self.client.set_webhook(self.webhook.url, self.webhook.secret)
            return
        await self.client.delete_webhook()
        self._poller = asyncio.create_task(self._poll_forever(), name=f"{self.name}-poll")

    async def stop(self) -> None:
        """Stop receiving and close the client."""
        await self.pause()
        await self.client.aclose()

    async def pause(self) -> None:
        """Stop polling (an update being handled is finished first) and finish the updates in
        hand; the bot still sends (another process polls it now)."""
        await stop_polling(self._stopping, self._request, self._poller)
        self._poller = None
        await self.inbox.stop(STOP_GRACE)

    async def _poll_forever(self) -> None:
        delays = self.poll_backoff.delays()
        while not self._stopping.is_set():
            # Only the wait for an update is cancelled on stop, never the handling of one.
            self._request = asyncio.ensure_future(self.client.get_update(self.poll_timeout))
            try:
                update = await self._request
            except asyncio.CancelledError:
                if self._stopping.is_set():
                    return
                raise
            except RetryAfter as error:
                await self._pause(min(error.seconds, self.poll_backoff.cap))
                continue
            except ChannelError as error:
                if isinstance(error, ZaloAuthError):
                    logger.error("zalo refused the bot token: check ZALO_BOT_TOKEN")
                else:
                    logger.warning("zalo poll failed: %s", error)
                await self._pause(next(delays))
                continue
            delays = self.poll_backoff.delays()
            if update is not None:
                await self._keep(update)

    async def _keep(self, update: dict[str, Any]) -> None:
        """Store a polled update, retrying while the database is away: Zalo will not resend it."""
        delays = self.poll_backoff.delays()
        while not await self.receive(update):
            if self._stopping.is_set():
                logger.error("zalo: stopping with an update not stored")
                return
            await self._pause(next(delays))

    async def _pause(self, seconds: float) -> None:
        """Wait before the next poll, but not past a stop."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)

    async def on_webhook(self, request: web.Request) -> web.Response:
        """A platform POST: a wrong secret is refused before the body is read."""
        assert self.webhook is not None
        secret = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(secret.encode(), self.webhook.secret.encode()):
            logger.warning("zalo webhook call with a wrong secret refused")
            return web.json_response({"ok": False}, status=403)
        try:
            body = await request.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):  # redelivering it cannot help: acknowledged, not retried
            logger.warning("zalo webhook: a body that is not an update was ignored")
        elif not await self.receive(body):
            return web.json_response({"ok": False}, status=503)  # not stored: sent again
        return web.json_response({"ok": True})

    async def receive(self, body: dict[str, Any]) -> bool:
        """Store a message (answer an unsupported one at once); False if it could not be stored."""
        update = unwrap(body)
        origin = sender(update)
        if origin is None:  # redelivering it cannot help: acknowledged, not stored
            event = str(update.get("event_name"))[:40]
            logger.info("zalo update ignored: not a private message from a person (%s)", event)
            return True
        incoming = to_incoming(update, self.name)
        if incoming is None:
            event = str(update.get("event_name"))[:40]
            logger.info("zalo update not supported (%s): chat=%s", event, origin[0])
            text = t("zalo.unsupported", self.channel.locale)
            with contextlib.suppress(ChannelError):
                await self.channel.send(origin[0], Outgoing(text=text))
            return True
        try:
            await self.inbox.accept([NewUpdate(origin[1], incoming)])
        except StoreUnavailable as error:
            self._store_outage.failed(error)  # logged once per outage
            return False
        except Exception:
            logger.exception("zalo: update not stored: chat=%s", origin[0])
            return False
        self._store_outage.succeeded()
        return True

    async def wait_handled(self, count: int, timeout: float = 30) -> None:
        """Wait until `count` updates have been handled in all (the demo's pacing)."""
        await self.inbox.wait_handled(count, timeout)

    async def _pick_choice(self, incoming: Incoming) -> Incoming:
        """A bare number answering numbered choices becomes the button it stands for."""
        choice = await self.channel.chosen(incoming.chat_id, incoming.text)
        return incoming if choice is None else replace(incoming, callback_data=choice.data)
