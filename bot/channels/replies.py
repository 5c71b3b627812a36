"""Delivering a handler's answers through the channel ports (any platform)."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from bot.messages import ChannelError, ChannelPort, Incoming, Outgoing, RetryAfter, TransientError

logger = logging.getLogger(__name__)


async def send_replies(
    channels: Mapping[str, ChannelPort], incoming: Incoming, replies: Sequence[Outgoing]
) -> list[Outgoing]:
    """Send each answer to its chat (the update's unless addressed); `edit` replaces the pressed
    message. The answers left unsent by a passing failure (5xx, timeout, 429), to retry later."""
    for index, message in enumerate(replies):
        channel_name = message.channel or incoming.channel
        chat_id = message.chat_id or incoming.chat_id
        channel = channels.get(channel_name)
        if channel is None:
            logger.error("reply to unknown channel %s dropped", channel_name)
            continue
        pressed = (  # the message whose button was pressed, edited in place
            incoming.message_id
            if message.edit
            and incoming.callback_data is not None
            and (channel_name, chat_id) == (incoming.channel, incoming.chat_id)
            else None
        )
        try:
            if pressed is not None:
                await channel.edit(chat_id, pressed, message)
            else:
                await channel.send(chat_id, message)
        except (TransientError, RetryAfter) as error:
            logger.warning(
                "reply delayed: channel=%s chat=%s error=%s", channel_name, chat_id, error
            )
            return list(replies[index:])
        except ChannelError as error:
            logger.warning(
                "reply not delivered: channel=%s chat=%s error=%s: %s",
                channel_name,
                chat_id,
                type(error).__name__,
                error,
            )
    return []
