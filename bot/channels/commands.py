"""Command menus per role, from the router's registry (platforms without menus skip it)."""

from __future__ import annotations

import logging

from bot.channels.base import ChannelError, ChannelPort
from handlers.router import COMMANDS

logger = logging.getLogger(__name__)


def commands_for(role: str | None, locale: str = "vi") -> list[tuple[str, str]]:
    """(command, description) a person with this role may use; None is a stranger."""
    menu = []
    for name, route in COMMANDS.items():
        description = route.description_vi if locale == "vi" else route.description_en
        description = description or route.description_vi
        allowed = not route.roles or (role is not None and role in route.roles)
        if description and allowed:
            menu.append((name, description[:256]))
    return menu


async def register_commands(
    channel: ChannelPort, chat_id: str | None, role: str | None, locale: str = "vi"
) -> None:
    """Show this chat the commands of its role (chat None: the strangers' default menu)."""
    setter = getattr(channel, "set_commands", None)
    if setter is None:
        return
    try:
        await setter(chat_id, commands_for(role, locale))
    except ChannelError as error:
        logger.warning("command menu not set: chat=%s: %s", chat_id, error)
