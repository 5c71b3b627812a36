"""The real bot (`dondoc run`'s runner) on the Zalo emulator over HTTP, in this process."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.emulators.zalo import ZaloEmulator
from tests.support.zalo_e2e import TOKEN, ZaloBot, zalo_bot_settings


@pytest.fixture
async def zalo() -> AsyncIterator[ZaloEmulator]:
    """The Zalo Bot API emulator on a free loopback port."""
    emulator = ZaloEmulator(TOKEN)
    await emulator.start()
    yield emulator
    await emulator.stop()


@pytest.fixture
async def zalo_bot(zalo, tmp_path, clock) -> AsyncIterator[ZaloBot]:
    """The real bot polling the Zalo emulator; started, stopped at the end."""
    bot = ZaloBot(zalo, zalo_bot_settings(zalo, tmp_path), clock)
    await bot.start()
    try:
        yield bot
    finally:
        await bot.stop()
