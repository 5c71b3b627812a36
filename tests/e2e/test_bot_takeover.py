"""Two `dondoc run` on one database: one polls the bot; when it dies the other takes over."""

from __future__ import annotations

from datetime import timedelta

from bot.runner import Runner
from bot.texts import t
from tests.inbox_rows import stored_keys
from tests.support.telegram_e2e import bot_settings

STRANGER = t("common.stranger", "vi")


async def test_the_other_process_takes_over_a_dead_ones_bot_and_no_update_is_handled_twice(
    emulator, tmp_path, clock
):
    settings = bot_settings(emulator, tmp_path)
    first = Runner(settings, clock=clock, scheduler=False)
    second = Runner(settings, clock=clock, scheduler=False)
    await first.start()
    await second.start()
    try:
        assert first.leases is not None and second.leases is not None
        assert (first.leases.receiving, second.leases.receiving) == ({"telegram"}, set())
        user = emulator.user(601, "Lan")
        await emulator.send_text(user, "/khongcolenhnay 1")
        assert (await emulator.next_message(601)).text == STRANGER
        for service in first.services:  # the first dies: no more polling, renewing or release
            await service.pause()
        await emulator.send_text(user, "/khongcolenhnay 2")  # waits for a poller
        clock.set(clock.now() + timedelta(seconds=30))
        await second.leases.renew()
        assert second.leases.receiving == set()  # the lease still runs
        clock.set(clock.now() + timedelta(seconds=16))
        await second.leases.renew()
        assert second.leases.receiving == {"telegram"}
        assert (await emulator.next_message(601)).text == STRANGER
        await emulator.send_text(user, "/khongcolenhnay 3")
        assert (await emulator.next_message(601)).text == STRANGER
        assert second.core is not None
        assert len(await stored_keys(second.core.db, "done")) == 3
        assert len(emulator.messages_to(601)) == 3
    finally:
        await second.stop()
        await first.stop()
