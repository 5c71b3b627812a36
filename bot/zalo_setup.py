"""Composition: the Zalo adapter wired into a core from the settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.channels import webhook_url_for
from bot.channels.zalo import Backoff, ZaloChannel
from bot.channels.zalo_client import ZaloBotClient
from bot.channels.zalo_service import WebhookConfig, ZaloService
from bot.channels.zalo_updates import CHANNEL
from bot.services.choices import StoredChoices

if TYPE_CHECKING:
    from bot.core import Core
    from bot.webserver import WebServer


def webhook_config(core: Core, channel: str = CHANNEL) -> WebhookConfig | None:
    """Webhook mode when ZALO_WEBHOOK_URL is set (a committee's bot on a path of its own); its
    secret is then required."""
    settings = core.settings
    if not settings.zalo_webhook_url:
        return None
    secret = settings.zalo_webhook_secret.get_secret_value() if settings.zalo_webhook_secret else ""
    if not 8 <= len(secret) <= 256:
        raise ValueError("Cấu hình sai: ZALO_WEBHOOK_SECRET phải dài từ 8 đến 256 ký tự")
    return WebhookConfig(webhook_url_for(settings.zalo_webhook_url, channel), secret)


def build_zalo(
    core: Core,
    web: WebServer | None = None,
    *,
    client_timeout: float = 20.0,
    default_retry_after: float = 30.0,
    send_backoff: Backoff | None = None,
    channel_name: str = CHANNEL,
    token: str | None = None,
    **service_options: Any,
) -> ZaloService:
    """Register the channel of one Zalo bot in `core` (the deployment's own "zalo" unless
    `channel_name` and `token` name a committee's); the service that receives its updates.

    In webhook mode the route goes on the runner's shared `web` server; without one (a
    command that only sends, like `dondoc remind`) nothing is served and `start()` is not called.
    """
    settings = core.settings
    if token is None:
        if settings.zalo_bot_token is None:
            raise ValueError("Cấu hình sai: thiếu ZALO_BOT_TOKEN")
        token = settings.zalo_bot_token.get_secret_value()
    webhook = webhook_config(core, channel_name)
    client = ZaloBotClient(
        settings.zalo_api_url,
        token,
        timeout=client_timeout,
        default_retry_after=default_retry_after,
    )
    choices = StoredChoices(core.db, core.clock, channel_name)
    channel = ZaloChannel(client, choices, settings.locale, send_backoff, channel_name)
    core.channels[channel.name] = channel
    service = ZaloService(core, channel, webhook=webhook, **service_options)
    if webhook is not None and web is not None:
        web.add_post(webhook.path, service.on_webhook)
    return service
