"""The Telegram side of `dondoc run`: the PTB Bot, polling or a webhook, updates → the inbox."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import re
from collections import Counter
from collections.abc import Awaitable, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram import error as tg
from telegram.ext import AIORateLimiter, Application, BaseRateLimiter, BaseUpdateProcessor

from bot.channels import webhook_url_for
from bot.channels.polling import STOP_GRACE, stop_polling
from bot.channels.telegram import TelegramChannel, translated_errors
from bot.channels.telegram_translate import CHANNEL, to_incoming
from bot.channels.zalo import Backoff
from bot.messages import (
    ChannelError,
    Incoming,
    NewUpdate,
    StoreUnavailable,
    set_command_menu,
    stored_later,
)
from bot.outage_log import OutageLog

if TYPE_CHECKING:
    from bot.messages import UpdateHandler
    from bot.webserver import WebServer

logger = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
SECRET_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,256}")
POLL_TIMEOUT = 25
CONCURRENT_UPDATES = 16
RATE_LIMIT_RETRIES = 2
POLL_BACKOFF = Backoff(first=1.0, cap=10.0)


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Updates of one chat are handled in order; different chats side by side."""

    def __init__(self, max_concurrent_updates: int):
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: Counter[int] = Counter()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run the update once earlier updates of its chat are done."""
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        lock = self._locks.setdefault(chat.id, asyncio.Lock())
        self._users[chat.id] += 1
        try:
            async with lock:
                await coroutine
        finally:
            self._users[chat.id] -= 1
            if not self._users[chat.id]:
                del self._users[chat.id], self._locks[chat.id]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""


def rate_limiter(throttle: bool = True) -> AIORateLimiter:
    """Telegram's flood limits (30/s overall, 20/min per group) and retries after a 429.

    `throttle=False` keeps only the retries: benchmarks measure what a bot can do without it.
    """
    if throttle:
        return AIORateLimiter(max_retries=RATE_LIMIT_RETRIES)
    return AIORateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=RATE_LIMIT_RETRIES)


def build_application(
    token: str, api_url: str, limiter: BaseRateLimiter | None = None
) -> Application:
    """A PTB Application against `api_url` (Telegram or the emulator), rate-limited."""
    return (
        Application.builder()
        .token(token)
        .base_url(f"{api_url}/bot")
        .base_file_url(f"{api_url}/file/bot")
        .rate_limiter(limiter or rate_limiter())
        .concurrent_updates(PerChatUpdateProcessor(CONCURRENT_UPDATES))
        .job_queue(None)  # reminders run on our own scheduler, from the database
        .build()
    )


class TelegramService:
    """Receives Telegram updates (long polling, or a webhook when TELEGRAM_WEBHOOK_URL is set);
    each is stored in the inbox before Telegram is told it arrived."""

    def __init__(
        self,
        core: UpdateHandler,
        web_server: WebServer | None = None,
        *,
        limiter: BaseRateLimiter | None = None,
        poll_backoff: Backoff = POLL_BACKOFF,
        channel: str = CHANNEL,
        token: str | None = None,
    ):
        settings = core.settings
        if token is None:
            if settings.telegram_bot_token is None:
                raise ValueError("TELEGRAM_BOT_TOKEN is not set")
            token = settings.telegram_bot_token.get_secret_value()
        self.core = core
        self.name = channel
        self.application = build_application(token, settings.telegram_api_url, limiter)
        self.bot = self.application.bot
        self.channel = TelegramChannel(self.bot, channel)
        self.inbox = core.inbox(channel, finish=self._answer_press)
        self._store_outage = OutageLog(logger, f"{channel}: storing updates", stored_later)
        self.poll_backoff = poll_backoff
        self._poller: asyncio.Task | None = None
        self._request: asyncio.Future | None = None
        self._receiving = False
        self._stopping = asyncio.Event()
        self.webhook_url = settings.telegram_webhook_url and webhook_url_for(
            settings.telegram_webhook_url, channel
        )
        secret = settings.telegram_webhook_secret
        self._secret = secret.get_secret_value().encode() if secret else b""
        if self.webhook_url:
            if not SECRET_PATTERN.fullmatch(self._secret.decode()):
                raise ValueError(
                    "Cấu hình sai: khi đặt TELEGRAM_WEBHOOK_URL phải đặt TELEGRAM_WEBHOOK_SECRET "
                    "(1–256 ký tự A-Z, a-z, 0-9, _ hoặc -)"
                )
            if web_server is None:
                raise ValueError("webhook mode needs the runner's web server")
            web_server.add_post(urlsplit(self.webhook_url).path or "/", self.on_webhook)

    @property
    def receiving(self) -> bool:
        """Running, and polling or its webhook set (readiness)."""
        polling = self._poller is not None and not self._poller.done()
        return self._receiving and (bool(self.webhook_url) or polling)

    async def start(self) -> None:
        """Connect (getMe), show strangers their menu, take up what the inbox holds, receive
        (again after `pause`)."""
        self._stopping.clear()
        with translated_errors():
            await self.application.initialize()
        await set_command_menu(
            self.channel, None, self.core.command_menu(None, self.core.settings.locale)
        )
        with translated_errors():
            if self.webhook_url:
                await self.bot.set_webhook(
                    self.webhook_url,
                    secret_token=self._secret.decode(),
                    allowed_updates=ALLOWED_UPDATES,
                )
            elif self.application.updater is None:  # build_application always makes one
                raise RuntimeError("no updater to poll Telegram with")
            else:
                await self.bot.delete_webhook()
        self.inbox.start()
        self._receiving = True
        if not self.webhook_url:
            self._poller = asyncio.create_task(self._poll_forever(), name=f"{self.name}-poll")
        logger.info("%s: receiving updates as @%s", self.name, self.bot.username)

    async def stop(self) -> None:
        """Stop receiving, finish the updates in hand and close the HTTP clients."""
        await self.pause()
        await self.application.shutdown()

    async def pause(self) -> None:
        """Stop receiving (an update being stored is finished first) and finish the updates in
        hand; the bot still sends (another process polls it now)."""
        self._receiving = False
        await stop_polling(self._stopping, self._request, self._poller)
        self._poller = None
        await self.inbox.stop(STOP_GRACE)

    async def _poll_forever(self) -> None:
        """getUpdates with our own offset: a batch is confirmed (the next offset) only once stored."""
        offset: int | None = None
        delays = self.poll_backoff.delays()
        while self._receiving:
            # Only the wait for updates is cancelled on stop, never the storing of a batch.
            self._request = asyncio.ensure_future(self._get_updates(offset))
            try:
                updates = await self._request
            except asyncio.CancelledError:
                if not self._receiving:
                    return
                raise
            except ChannelError as error:
                logger.warning("telegram poll failed: %s", error)
                await self._pause(next(delays))
                continue
            if updates and not await self._store(updates):
                await self._pause(next(delays))  # not confirmed: Telegram gives them again
                continue
            delays = self.poll_backoff.delays()
            if updates:
                offset = updates[-1].update_id + 1

    async def _get_updates(self, offset: int | None) -> tuple[Update, ...]:
        with translated_errors():
            return await self.bot.get_updates(
                offset=offset, timeout=POLL_TIMEOUT, allowed_updates=ALLOWED_UPDATES
            )

    async def _store(self, updates: Sequence[Update]) -> bool:
        """Store what the core can handle (in one transaction); False if nothing could be."""
        received = [
            NewUpdate(str(update.update_id), incoming)
            for update in updates
            if (incoming := to_incoming(update, self.name)) is not None
        ]
        try:
            await self.inbox.accept(received)
        except StoreUnavailable as error:
            self._store_outage.failed(error)  # logged once per outage
            return False
        except Exception:
            logger.exception("telegram: updates not stored")
            return False
        self._store_outage.succeeded()
        return True

    async def _pause(self, seconds: float) -> None:
        """Wait before the next poll, but not past a stop."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)

    async def on_webhook(self, request: web.Request) -> web.Response:
        """Store one pushed update, then answer 200; 403 (and nothing stored) unless the secret
        matches; 503 when it cannot be stored now (Telegram delivers it again)."""
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            logger.warning("telegram webhook: request with a wrong secret refused")
            return web.Response(status=403)
        if not self._receiving:
            return web.Response(status=503)  # starting or stopping: Telegram retries later
        try:
            body = await request.json()
            update = Update.de_json(body, self.bot) if isinstance(body, dict) else None
        except (ValueError, KeyError, TypeError, AttributeError):
            update = None
        if update is None:
            # Not an update: redelivering it cannot help, so it is acknowledged, not retried.
            logger.warning("telegram webhook: a body that is not an update was ignored")
            return web.Response(status=200)
        if not await self._store([update]):
            return web.Response(status=503)
        return web.Response(status=200)

    async def wait_handled(self, count: int, timeout: float = 30) -> None:
        """Wait until `count` updates have been handled in all (the demo's pacing)."""
        await self.inbox.wait_handled(count, timeout)

    async def _answer_press(self, incoming: Incoming) -> None:
        """Stop the button's spinner (too late after a delay: Telegram then refuses, harmlessly)."""
        if incoming.callback_id:
            with contextlib.suppress(tg.TelegramError):
                await self.bot.answer_callback_query(incoming.callback_id)
