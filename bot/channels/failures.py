"""A channel that cannot start, told in the operator's words (never the platform's, never the token)."""

from __future__ import annotations

import logging

from bot.messages import ChannelError, TokenRejected, Unreachable
from bot.texts import t

logger = logging.getLogger(__name__)
VARIABLES = {
    "telegram": ("Telegram", "TELEGRAM_BOT_TOKEN", "TELEGRAM_API_URL"),
    "zalo": ("Zalo", "ZALO_BOT_TOKEN", "ZALO_API_URL"),
}


def describe_channel_failure(channel: str, error: ChannelError, locale: str | None = None) -> str:
    """One line naming the variables to check; the platform's own text only in the debug log."""
    logger.debug("channel %s failed to start: %s", channel, error)
    platform, _, own_variable = channel.partition(":")
    title, token_variable, url_variable = VARIABLES.get(platform, (channel, "?", "?"))
    token_variable = own_variable or token_variable  # a committee's bot: the variable it names
    # At start-up a 404 means a wrong API address (or token), not a user who blocked the bot.
    key = (
        "channel.rejected"
        if isinstance(error, TokenRejected | Unreachable)
        else "channel.unavailable"
    )
    return t(key, locale, channel=title, token_variable=token_variable, url_variable=url_variable)
