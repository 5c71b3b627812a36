"""The end-to-end tests' view of the bot: an in-process bot on the emulator and its helpers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.clock import FixedClock
from bot.config import Settings
from bot.core import Core
from bot.domain import Role
from bot.emulators.seeding import bind_user
from bot.emulators.telegram import TelegramEmulator
from bot.emulators.telegram_harness import (
    TOKEN,
    BotProcess,
    bot_settings,
    dondoc,
    free_port,
    process_env,
)
from bot.emulators.telegram_objects import Message, User
from bot.runner import Runner
from bot.services.invites import create_invite
from bot.services.units import get_unit

PROBE = "e2eprobe"
__all__ = ["TOKEN", "BotEnv", "BotProcess", "bot_settings", "dondoc", "free_port", "process_env"]


@dataclass
class BotEnv:
    """The emulator, the running bot (in this process and loop) and helpers to drive it."""

    emu: TelegramEmulator
    runner: Runner
    clock: FixedClock
    settings: Settings
    tmp_path: Path

    @property
    def core(self) -> Core:
        """The bot's core."""
        assert self.runner.core is not None
        return self.runner.core

    async def invite(self, role: Role, unit: str | None = None) -> str:
        """A fresh invite code, as `dondoc invite` makes it."""
        async with self.core.db.transaction() as session:
            found = await get_unit(session, unit) if unit else None
            invite = await create_invite(session, role, found, "test", self.clock.now())
            return invite.code

    async def join(self, user: User, role: Role, unit: str | None = None) -> Message:
        """Redeem a fresh invite through the bot (`/start <code>`); the bot's welcome."""
        return await self.ask(user, f"/start {await self.invite(role, unit)}")

    async def bind(self, user: User, role: Role, unit: str | None = None) -> int:
        """Bind a Telegram user straight in the registry (for tests not about onboarding)."""
        return await bind_user(
            self.core.db, self.clock.now(), role=role, user_id=str(user.id), unit=unit,
            name=user.first_name,
        )  # fmt: skip

    async def ask(self, user: User, text: str, chat: int | None = None) -> Message:
        """Send a text as `user` and return the bot's next message in that chat."""
        await self.emu.send_text(user, text, chat)
        return await self.emu.next_message(chat if chat is not None else user.id)

    async def dondoc(self, *args: str) -> tuple[int, str, str]:
        """Run a `dondoc` CLI command on the bot's database."""
        return await dondoc(*args, env=process_env(self.settings), cwd=self.tmp_path)
