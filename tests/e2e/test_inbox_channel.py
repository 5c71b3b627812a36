"""The inbox through the real Telegram adapter: answers lost to a 5xx are sent again, and a
webhook update is answered 200 only once stored (503 while the database is away)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import aiohttp
import pytest

from bench.crash_burst import scratch_postgres
from bot.emulators.tcpproxy import CuttableProxy
from bot.runner import Runner
from bot.texts import t
from tests.inbox_rows import stored_keys
from tests.support.database import POSTGRES_URL
from tests.support.telegram_e2e import bot_settings, free_port

STRANGER = t("common.stranger", "vi")


def text_update(update_id: int, chat: int, text: str) -> dict:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id, "date": 1742778000, "text": text,
            "chat": {"id": chat, "type": "private", "first_name": "Webhook"},
            "from": {"id": chat, "is_bot": False, "first_name": "Webhook"},
        },
    }  # fmt: skip


async def test_an_answer_lost_to_a_server_error_is_sent_again(bot_env):
    user = bot_env.emu.user(560, "Mạng chập chờn")
    bot_env.emu.faults(rate=1.0, kinds=("500",), seed=4)
    await bot_env.emu.send_text(user, "/khongcolenhnay")
    async with asyncio.timeout(15):
        while await stored_keys(bot_env.core.db, "sending") == []:  # handled, answer kept
            await asyncio.sleep(0.02)
    assert bot_env.emu.messages_to(560) == []
    bot_env.emu.faults(rate=0)
    bot_env.clock.set(bot_env.clock.now() + timedelta(seconds=2))  # past the first backoff
    assert (await bot_env.emu.next_message(560, timeout=15)).text == STRANGER
    async with asyncio.timeout(15):
        while await stored_keys(bot_env.core.db, "done") == []:
            await asyncio.sleep(0.02)


@pytest.mark.postgres
async def test_a_webhook_update_is_refused_with_503_while_it_cannot_be_stored(
    emulator, tmp_path, clock
):
    port = free_port()
    secret = {"X-Telegram-Bot-Api-Secret-Token": "hook-secret"}
    url = f"http://127.0.0.1:{port}/tg"
    async with scratch_postgres(POSTGRES_URL) as database_url:
        proxy = await CuttableProxy("127.0.0.1", 5432).start()
        settings = bot_settings(
            emulator, tmp_path,
            DATABASE_URL=database_url.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}"),
            TELEGRAM_WEBHOOK_URL=url, TELEGRAM_WEBHOOK_SECRET="hook-secret",
            DONDOC_WEBHOOK_LISTEN=f"127.0.0.1:{port}",
        )  # fmt: skip
        runner = Runner(settings, clock=clock, scheduler=False)
        await runner.start()
        emulator.user(561, "Webhook")
        try:
            async with aiohttp.ClientSession() as http:
                proxy.cut()
                async with http.post(url, json=text_update(7001, 561, "/x"), headers=secret) as r:
                    assert r.status == 503  # not stored: Telegram delivers it again
                proxy.restore()
                async with http.post(url, json=text_update(7001, 561, "/x"), headers=secret) as r:
                    assert r.status == 200
            assert await stored_keys(runner.core.db) == ["7001"]
            assert (await emulator.next_message(561, timeout=15)).text == STRANGER
        finally:
            await runner.stop()
            await proxy.stop()
