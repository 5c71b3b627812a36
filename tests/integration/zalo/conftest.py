"""Fixtures: a Zalo emulator on loopback."""

from __future__ import annotations

import pytest

from bot.emulators.zalo import ZaloEmulator
from bot.emulators.zalo_harness import TOKEN


@pytest.fixture
async def emulator():
    """The Zalo Bot API emulator, started on a random port."""
    emulator = ZaloEmulator(TOKEN)
    await emulator.start()
    yield emulator
    await emulator.stop()
