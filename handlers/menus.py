"""The commands a role may use: as text in a welcome or /help, and as the platform's menu."""

from __future__ import annotations

import html

from bot.messages import set_command_menu
from handlers.context import Context


def command_list(ctx: Context, role: str, locale: str) -> str:
    """One line per command the role may use: "/report — Báo cáo tiến độ"."""
    return "\n".join(
        f"/{name} — {html.escape(about, quote=False)}" for name, about in ctx.menu(role, locale)
    )


async def set_menu(ctx: Context, channel_name: str, chat_id: str, role: str, locale: str) -> None:
    """Give a chat's platform menu the role's commands, where the channel has one."""
    channel = ctx.deps.channels.get(channel_name)
    if channel is not None:
        await set_command_menu(channel, chat_id, ctx.menu(role, locale))
