"""The Telegram side of `dondoc run`: the PTB Application, polling or a webhook, and updates → core."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import re
from collections import Counter
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram import error as tg
from telegram.ext import (
    AIORateLimiter,
    Application,
    BaseRateLimiter,
    BaseUpdateProcessor,
    ContextTypes,
    TypeHandler,
)

from bot.channels.replies import send_replies
from bot.channels.telegram import TelegramChannel, translated_errors
from bot.channels.telegram_translate import CHANNEL, to_incoming
from bot.messages import set_command_menu

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
    """Receives Telegram updates (long polling, or a webhook when TELEGRAM_WEBHOOK_URL is set)."""

    name = CHANNEL

    def __init__(
        self,
        core: UpdateHandler,
        web_server: WebServer | None = None,
        *,
        limiter: BaseRateLimiter | None = None,
    ):
        settings = core.settings
        if settings.telegram_bot_token is None:
            raise ValueError("TELEGRAM_BOT_TOKEN is not set")
        self.core = core
        self.application = build_application(
            settings.telegram_bot_token.get_secret_value(), settings.telegram_api_url, limiter
        )
        self.application.add_handler(TypeHandler(Update, self._on_update))
        self.application.add_error_handler(self._on_error)
        self.channel = TelegramChannel(self.application.bot)
        self.updates_handled = 0
        self._handled = asyncio.Condition()
        self.webhook_url = settings.telegram_webhook_url
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
        updater = self.application.updater
        polling = updater is not None and updater.running
        return self.application.running and (bool(self.webhook_url) or polling)

    async def start(self) -> None:
        """Connect (getMe), show strangers their menu, then start receiving updates."""
        with translated_errors():
            await self.application.initialize()
        await set_command_menu(
            self.channel, None, self.core.command_menu(None, self.core.settings.locale)
        )
        with translated_errors():
            if self.webhook_url:
                await self.application.bot.set_webhook(
                    self.webhook_url,
                    secret_token=self._secret.decode(),
                    allowed_updates=ALLOWED_UPDATES,
                )
            elif self.application.updater is None:  # build_application always makes one
                raise RuntimeError("no updater to poll Telegram with")
            else:
                await self.application.updater.start_polling(
                    timeout=POLL_TIMEOUT, allowed_updates=ALLOWED_UPDATES, bootstrap_retries=3
                )
        await self.application.start()
        logger.info("telegram: receiving updates as @%s", self.application.bot.username)

    async def stop(self) -> None:
        """Stop polling, finish updates in hand and close the HTTP clients."""
        if self.application.updater and self.application.updater.running:
            await self.application.updater.stop()
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()

    async def on_webhook(self, request: web.Request) -> web.Response:
        """Handle one pushed update; 403 (and nothing handled) unless the secret matches."""
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            logger.warning("telegram webhook: request with a wrong secret refused")
            return web.Response(status=403)
        if not self.application.running:
            return web.Response(status=503)  # starting or stopping: Telegram retries later
        try:
            update = Update.de_json(await request.json(), self.application.bot)
        except (ValueError, KeyError, TypeError):
            return web.Response(status=400)
        # Answer only once the update is handled (and stored): Telegram redelivers otherwise.
        await self.application.update_processor.process_update(
            update, self.application.process_update(update)
        )
        return web.Response(status=200)

    async def wait_handled(self, count: int, timeout: float = 30) -> None:
        """Wait until `count` updates have been handled in all (the demo's pacing)."""
        async with self._handled:
            await asyncio.wait_for(
                self._handled.wait_for(lambda: self.updates_handled >= count), timeout
            )

    async def _on_update(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """Translate, let the core handle it, send the answers; always answer a button press."""
        try:
            await self._answer(update)
        finally:
            self.updates_handled += 1
            async with self._handled:
                self._handled.notify_all()

    async def _answer(self, update: Update) -> None:
        incoming = to_incoming(update)
        if incoming is None:
            return
        try:
            replies = await self.core.handle(incoming)
            await send_replies(self.core.channels, incoming, replies)
        finally:
            if incoming.callback_id:
                with contextlib.suppress(tg.TelegramError):
                    await self.application.bot.answer_callback_query(incoming.callback_id)

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log a failed update with where it came from (never the token)."""
        chat = update.effective_chat if isinstance(update, Update) else None
        logger.error(
            "telegram update failed: update_id=%s chat=%s",
            getattr(update, "update_id", None),
            chat.id if chat else None,
            exc_info=context.error,
        )
