"""The real bot over HTTP against the Telegram emulator: in-process, or as a `dondoc run` process."""

from __future__ import annotations

import asyncio
import html
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from hashlib import sha256
from pathlib import Path

import pytest

from bot.callback_data import CallbackData
from bot.clock import FixedClock
from bot.config import Settings
from bot.core import Core
from bot.domain import Role
from bot.emulators.telegram import TelegramEmulator
from bot.emulators.telegram_objects import Message, User
from bot.messages import Button
from bot.runner import Runner
from bot.services.invites import create_invite
from bot.services.units import get_unit
from handlers import ROUTES
from handlers.context import Context
from handlers.router import EVERYONE, Router
from tests.fakes import bind_user

TOKEN = "7000000001:e2e-secret-token-ABCdef"
PROBE = "e2eprobe"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def bot_settings(emu: TelegramEmulator, tmp_path: Path, **extra: str) -> Settings:
    """Settings for a bot on a temp SQLite file (unless `extra` names another), talking to the
    emulator."""
    defaults = {"DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}", "TELEGRAM_WEBHOOK_URL": None}
    return Settings(
        _env_file=None,
        TELEGRAM_BOT_TOKEN=emu.token,
        TELEGRAM_API_URL=emu.api_url,
        TELEGRAM_BOT_USERNAME=emu.bot_user["username"],
        **{**defaults, "ZALO_BOT_TOKEN": None, **extra},
    )


def process_env(settings: Settings, **extra: str) -> dict[str, str]:
    """The environment for a `dondoc` process with these settings (nothing from the developer's)."""
    env = {
        key: os.environ[key] for key in ("PATH", "HOME", "LANG", "SYSTEMROOT") if key in os.environ
    }
    env.update(
        DATABASE_URL=settings.database_url,
        TELEGRAM_API_URL=settings.telegram_api_url,
        DONDOC_LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    if settings.telegram_bot_token is not None:
        env["TELEGRAM_BOT_TOKEN"] = settings.telegram_bot_token.get_secret_value()
    env.update(extra)
    return env


async def dondoc(
    *args: str, env: dict[str, str], cwd: Path, timeout: float = 60
) -> tuple[int, str, str]:
    """Run the `dondoc` CLI in a child process; (exit code, stdout, stderr)."""
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", *args, env=env, cwd=cwd,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(child.communicate(), timeout)
    return child.returncode, out.decode(), err.decode()


@pytest.fixture
async def emulator() -> AsyncIterator[TelegramEmulator]:
    """A Telegram Bot API emulator on a free port of 127.0.0.1."""
    async with TelegramEmulator(token=TOKEN) as emu:
        yield emu


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


@pytest.fixture
async def bot_env(emulator, tmp_path, clock) -> AsyncIterator[BotEnv]:
    """The real bot (runner, PTB, core, SQLite) polling the emulator, without the scheduler."""
    settings = bot_settings(emulator, tmp_path)
    runner = Runner(settings, clock=clock, scheduler=False)
    await runner.start()
    try:
        yield BotEnv(emulator, runner, clock, settings, tmp_path)
    finally:
        await runner.stop()


@dataclass
class BotProcess:
    """A real `dondoc run` child process against the emulator (for kill -9 and restarts)."""

    emu: TelegramEmulator
    env: dict[str, str]
    cwd: Path
    child: asyncio.subprocess.Process | None = None
    run_args: tuple[str, ...] = ()  # options of `dondoc run`, e.g. ("--no-scheduler",)
    starts: int = 0
    logs: list[Path] = field(default_factory=list)

    async def start(self, timeout: float = 30) -> None:
        """Start it and wait until it long-polls the emulator."""
        polls = self.emu.stats.methods["getUpdates"]
        log = self.cwd / f"dondoc-run-{self.starts}.log"
        self.starts += 1
        self.logs.append(log)
        with log.open("wb") as sink:
            self.child = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.cli", "run", *self.run_args, env=self.env, cwd=self.cwd,
                stdout=sink, stderr=sink,
            )  # fmt: skip
        waiting = asyncio.ensure_future(
            self.emu.wait_for(lambda: self.emu.stats.methods["getUpdates"] > polls, timeout)
        )
        exited = asyncio.ensure_future(self.child.wait())
        await asyncio.wait({waiting, exited}, return_when=asyncio.FIRST_COMPLETED)
        exited.cancel()
        if not waiting.done():
            waiting.cancel()
            raise RuntimeError(f"dondoc run exited early:\n{self.log_text()}")
        waiting.result()

    def log_text(self) -> str:
        """Everything the process(es) printed."""
        return "".join(path.read_text(errors="replace") for path in self.logs if path.exists())

    async def stop(self, signum: int = signal.SIGTERM, timeout: float = 30) -> int:
        """Send a signal (SIGKILL for a crash) and wait for the exit code."""
        assert self.child is not None
        if self.child.returncode is None:
            self.child.send_signal(signum)
        code = await asyncio.wait_for(self.child.wait(), timeout)
        self.child = None
        return code

    async def restart(self) -> None:
        """Crash it (kill -9) and start it again on the same database."""
        await self.stop(signal.SIGKILL)
        await self.start()


@pytest.fixture
async def bot_process(emulator, tmp_path) -> AsyncIterator[BotProcess]:
    """A `dondoc run` process factory; call `await bot_process.start()`."""
    settings = bot_settings(emulator, tmp_path)
    process = BotProcess(emulator, process_env(settings, DONDOC_LOG_LEVEL="DEBUG"), tmp_path)
    try:
        yield process
    finally:
        if process.child is not None and process.child.returncode is None:
            await process.stop(signal.SIGKILL)


@dataclass(frozen=True)
class ProbePress(CallbackData, prefix=PROBE):
    """The probe message's button."""

    action: str


@pytest.fixture
def probe():
    """A test-only command `/e2eprobe` that echoes what the adapter delivered, and its button."""
    router = Router(PROBE)

    @router.command(PROBE, EVERYONE, in_menu=False)
    async def probe_command(ctx: Context) -> None:
        incoming = ctx.incoming
        lines = [
            f"text={html.escape(incoming.args)}",
            f"edited={incoming.edited}",
            f"reply_to={incoming.reply_to_message_id}",
            f"chat_type={incoming.chat_type}",
        ]
        for attachment in incoming.attachments:
            content = await ctx.deps.channels[incoming.channel].download(attachment.file_id)
            lines.append(f"{attachment.kind} {attachment.file_name} {sha256(content).hexdigest()}")
        ctx.reply("\n".join(lines), [[Button("Đổi", ProbePress("edit").pack())]])

    @router.callback(ProbePress, EVERYONE)
    async def probe_press(ctx: Context, _pressed: ProbePress) -> None:
        ctx.reply(f"<b>pressed</b> {html.escape(ctx.incoming.callback_data or '')}", edit=True)

    ROUTES.commands.update(router.commands)
    ROUTES.callbacks.update(router.callbacks)
    yield PROBE
    ROUTES.commands.pop(PROBE, None)
    ROUTES.callbacks.pop(PROBE, None)
