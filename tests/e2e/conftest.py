"""Fixtures of the end-to-end tests: the emulator, the real bot in-process or as `dondoc run`."""

from __future__ import annotations

import html
import signal
from collections.abc import AsyncIterator
from dataclasses import dataclass
from hashlib import sha256

import pytest

from bot.callback_data import CallbackData
from bot.emulators.telegram import TelegramEmulator
from bot.messages import Button
from bot.runner import Runner
from handlers import ROUTES
from handlers.context import Context
from handlers.router import EVERYONE, Router
from tests.support.database import copy_migrated_sqlite
from tests.support.telegram_e2e import (
    PROBE,
    TOKEN,
    BotEnv,
    BotProcess,
    bot_settings,
    process_env,
)


@pytest.fixture
async def emulator() -> AsyncIterator[TelegramEmulator]:
    """A Telegram Bot API emulator on a free port of 127.0.0.1."""
    async with TelegramEmulator(token=TOKEN) as emu:
        yield emu


@pytest.fixture
async def bot_env(emulator, tmp_path, clock) -> AsyncIterator[BotEnv]:
    """The real bot (runner, PTB, core, SQLite) polling the emulator, without the scheduler."""
    settings = bot_settings(emulator, tmp_path)
    copy_migrated_sqlite(tmp_path / "bot.db")  # the runner's own upgrade then finds nothing to do
    runner = Runner(settings, clock=clock, scheduler=False)
    await runner.start()
    try:
        yield BotEnv(emulator, runner, clock, settings, tmp_path)
    finally:
        await runner.stop()


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
