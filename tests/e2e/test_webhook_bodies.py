"""Webhook bodies of the wrong shape: acknowledged with 200 and a log line, never a 500."""

from __future__ import annotations

import logging

import aiohttp

from bot.runner import Runner
from bot.texts import t
from tests.support.telegram_e2e import bot_settings, free_port

SECRET = "right-secret_123"
HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
# Each is JSON (or not) that no platform would send; none may crash the handler.
BAD_BODIES = [
    b"{",
    b"[]",
    b'"update"',
    b"null",
    b"42",
    b'{"update_id": 1, "message": "text"}',
    b'{"update_id": "x", "message": {"chat": 5, "from": []}}',
    b'{"update_id": 2, "callback_query": {"id": [], "from": "nobody"}}',
    b'{"update_id": 3, "message": {"message_id": 1, "date": 1, "chat": {"id": {}}}}',
]
GOOD = {
    "update_id": 90001,
    "message": {
        "message_id": 1, "date": 1742778000, "text": "/khongcolenhnay",
        "chat": {"id": 520, "type": "private", "first_name": "Webhook"},
        "from": {"id": 520, "is_bot": False, "first_name": "Webhook"},
    },
}  # fmt: skip


async def test_telegram_webhook_answers_200_to_bodies_of_the_wrong_shape(
    emulator, tmp_path, clock, caplog
):
    port = free_port()
    url = f"http://127.0.0.1:{port}/tg-hook"
    settings = bot_settings(
        emulator, tmp_path,
        TELEGRAM_WEBHOOK_URL=url, TELEGRAM_WEBHOOK_SECRET=SECRET,
        DONDOC_WEBHOOK_LISTEN=f"127.0.0.1:{port}",
    )  # fmt: skip
    emulator.user(520, "Webhook")
    runner = Runner(settings, clock=clock, scheduler=False)
    await runner.start()
    try:
        async with aiohttp.ClientSession() as http:
            for body in BAD_BODIES:
                caplog.clear()
                with caplog.at_level(logging.WARNING):
                    async with http.post(url, data=body, headers=HEADERS) as answer:
                        assert answer.status == 200, body
                assert caplog.records, body  # each is logged, once handled or ignored
            async with http.post(url, json=GOOD, headers=HEADERS) as answer:
                assert answer.status == 200  # still serving
        [telegram] = [service for service in runner.services if service.name == "telegram"]
        await telegram.wait_handled(1)  # stored, then handled from the inbox
        assert [m.text for m in emulator.messages_to(520)] == [t("common.stranger", "vi")]
    finally:
        await runner.stop()
