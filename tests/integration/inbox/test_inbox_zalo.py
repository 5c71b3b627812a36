"""Zalo does not deliver an update twice: one polled while the database is cut is kept in memory
and stored (then answered) once the database is back."""

from __future__ import annotations

import pytest

from bench.crash_burst import scratch_postgres
from bot.emulators.tcpproxy import CuttableProxy
from bot.emulators.zalo import ZaloEmulator
from bot.emulators.zalo_harness import TOKEN, zalo_bot, zalo_settings
from db.engine import Database
from db.migrate import upgrade
from tests.inbox_rows import stored_keys
from tests.support.database import POSTGRES_URL


@pytest.mark.postgres
async def test_a_zalo_update_polled_during_an_outage_is_stored_when_it_ends(tmp_path, clock):
    emulator = ZaloEmulator(TOKEN)
    await emulator.start()
    proxy = await CuttableProxy("127.0.0.1", 5432).start()
    try:
        async with scratch_postgres(POSTGRES_URL) as url:
            direct = Database(url)
            await upgrade(direct)
            await direct.dispose()
            db = Database(url.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}"))
            settings = zalo_settings(tmp_path, emulator)
            try:
                async with zalo_bot(settings, db, clock):
                    await emulator.wait_for(lambda: emulator.polling > 0)
                    proxy.cut()
                    await emulator.send_text(emulator.user("z1", "Khách"), "xin chào")
                    # Taken by the poll (Zalo forgets it now); not stored, so no poll follows.
                    await emulator.wait_for(lambda: emulator.polling == 0)
                    assert emulator.texts_to("z1") == []
                    proxy.restore()
                    answer = await emulator.next_message("z1", timeout=20)
                    assert answer.text.startswith("Xin chào!")  # a stranger's welcome
                    assert len(await stored_keys(db)) == 1
            finally:
                await db.dispose()
    finally:
        await proxy.stop()
        await emulator.stop()
