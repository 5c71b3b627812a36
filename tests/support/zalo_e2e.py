"""The real bot (`dondoc run`'s runner) on the Zalo emulator over HTTP, in this process: its
settings and helpers (the Zalo e2e fixtures build on these)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.clock import FixedClock
from bot.config import Settings
from bot.core import Core
from bot.domain import Role
from bot.emulators.zalo import SentMessage, ZaloEmulator, ZaloUser
from bot.runner import Runner
from bot.services.invites import create_invite
from bot.services.reminders.settings import ReminderSettings
from bot.services.reminders.sweep import Sweeper, SweepResult
from bot.services.units import get_unit

TOKEN = "12345689:zalo-e2e-secret-token"


def zalo_bot_settings(emulator: ZaloEmulator, tmp_path: Path, **extra: str) -> Settings:
    """Settings of a Zalo-only bot on a temp SQLite file, talking to the emulator."""
    return Settings(
        _env_file=None,
        DATABASE_URL=f"sqlite:///{tmp_path / 'bot.db'}",
        ZALO_BOT_TOKEN=TOKEN,
        ZALO_API_URL=emulator.api_url,
        **extra,
    )


@dataclass
class ZaloBot:
    """The running bot and helpers to play its Zalo users."""

    emu: ZaloEmulator
    settings: Settings
    clock: FixedClock
    runner: Runner | None = None
    sweeper: Sweeper | None = None

    @property
    def core(self) -> Core:
        """The bot's core."""
        assert self.runner is not None and self.runner.core is not None
        return self.runner.core

    async def start(self) -> None:
        """Start `dondoc run`'s runner (no scheduler: tests sweep reminders themselves)."""
        self.runner = Runner(self.settings, clock=self.clock, scheduler=False)
        await self.runner.start()
        # What `dondoc remind` runs; pacing unthrottled so the test waits for no flood window.
        fast = ReminderSettings(_env_file=None, per_chat_per_second=1000.0)
        self.sweeper = Sweeper(self.core.deps, fast)

    async def stop(self) -> None:
        """Stop it as a process exit would, and wait until its long poll is gone."""
        if self.runner is not None:
            await self.runner.stop()
            self.runner = None
        await self.emu.wait_for(lambda: self.emu.polling == 0)

    async def remind(self) -> SweepResult:
        """Send every reminder due now (the operator's `dondoc remind`)."""
        assert self.sweeper is not None
        return await self.sweeper.sweep()

    async def invite(self, role: Role, unit: str | None = None) -> str:
        """A fresh invite code, as `dondoc invite` makes it."""
        async with self.core.db.transaction() as session:
            found = await get_unit(session, unit) if unit else None
            return (await create_invite(session, role, found, "test", self.clock.now())).code

    async def ask(self, user: ZaloUser, text: str) -> SentMessage:
        """Send a text as `user`; the bot's next message to them."""
        await self.emu.send_text(user, text)
        return await self.emu.next_message(user.id)
