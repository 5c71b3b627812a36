"""Our Zalo Bot API client against the emulator: typed answers, errors as channel errors."""

from __future__ import annotations

import logging

import pytest

from bot.channels.zalo_client import ZaloApiError, ZaloAuthError, ZaloBotClient
from bot.emulators.zalo_harness import TOKEN
from bot.messages import RetryAfter, TransientError, Unreachable


@pytest.fixture
async def client(emulator):
    client = ZaloBotClient(emulator.api_url, TOKEN, timeout=2.0, default_retry_after=3.0)
    yield client
    await client.aclose()


async def test_get_me_and_a_wrong_token(emulator, client):
    me = await client.get_me()
    assert me.id == emulator.bot_id
    wrong = ZaloBotClient(emulator.api_url, "999:wrong")
    with pytest.raises(ZaloAuthError):
        await wrong.get_me()
    await wrong.aclose()


async def test_one_update_per_poll_shaped_as_documented(emulator, client):
    person = emulator.user("e4ea2c0a1b", "Nguyễn Văn A")
    first = await emulator.send_text(person, "Xin chào")
    await emulator.send_text(person, "Lần hai")
    update = await client.get_update(timeout=5)
    assert update["event_name"] == "message.text.received"
    assert "update_id" not in update
    message = update["message"]
    assert message["message_id"] == first
    assert message["text"] == "Xin chào"
    assert message["chat"] == {"id": "e4ea2c0a1b", "chat_type": "PRIVATE"}
    assert message["from"]["display_name"] == "Nguyễn Văn A"
    assert isinstance(message["date"], int) and message["date"] > 10**12  # milliseconds
    assert (await client.get_update(timeout=5))["message"]["text"] == "Lần hai"


async def test_an_empty_long_poll_is_no_update(emulator, client):
    assert await client.get_update(timeout=0) is None
    assert emulator.calls == ["getUpdates"]


async def test_webhook_methods_and_get_updates_refused_while_set(emulator, client):
    with pytest.raises(ZaloApiError) as short:
        await client.set_webhook("https://bot.example/zalo", "short")
    assert short.value.error_code == 400
    info = await client.set_webhook("https://bot.example/zalo", "s" * 8)
    assert info.url == "https://bot.example/zalo"
    assert (await client.get_webhook_info()).url == "https://bot.example/zalo"
    with pytest.raises(ZaloApiError):
        await client.get_update(timeout=0)
    assert (await client.delete_webhook()).url == ""
    assert await client.get_update(timeout=0) is None


async def test_send_methods_are_recorded(emulator, client):
    person = emulator.user("u1", "A")
    sent = await client.send_message("u1", "x" * 2000)
    await client.send_photo("u1", "https://img.example/a.png", caption="Biểu đồ")
    await client.send_sticker("u1", "sticker-1")
    await client.send_chat_action("u1")
    assert [m.method for m in emulator.messages_to(person.id)] == [
        "sendMessage",
        "sendPhoto",
        "sendSticker",
    ]
    assert emulator.sent[0].message_id == sent.message_id and sent.date > 0
    assert emulator.sent[1].photo == "https://img.example/a.png"
    assert emulator.chat_actions == [("u1", "typing")]


@pytest.mark.parametrize("text", ["", "x" * 2001, "😀" * 1001])
async def test_text_outside_1_to_2000_is_refused(emulator, client, text):
    emulator.user("u1", "A")
    with pytest.raises(ZaloApiError) as refused:
        await client.send_message("u1", text)
    assert refused.value.error_code == 400
    assert emulator.sent == []


async def test_quota_server_errors_and_timeouts(emulator, client):
    emulator.user("u1", "A")
    emulator.fail("sendMessage", 429)
    with pytest.raises(RetryAfter) as quota:
        await client.send_message("u1", "a")
    assert quota.value.seconds == 3.0  # no hint from the platform: our default
    emulator.fail("sendMessage", 429, parameters={"retry_after": 11})
    with pytest.raises(RetryAfter) as hinted:
        await client.send_message("u1", "a")
    assert hinted.value.seconds == 11
    emulator.fail("sendMessage", 500)
    with pytest.raises(TransientError):
        await client.send_message("u1", "a")
    await client.send_message("u1", "finally")
    assert emulator.texts_to("u1") == ["finally"]


async def test_a_platform_that_hangs_is_a_transient_timeout(emulator):
    emulator.user("u1", "A")
    impatient = ZaloBotClient(emulator.api_url, TOKEN, timeout=0.2)
    emulator.fail("sendMessage", 500, stall=5.0)  # held far longer than the client waits
    with pytest.raises(TransientError, match="timed out"):
        await impatient.send_message("u1", "a")
    await impatient.send_message("u1", "again")
    assert emulator.texts_to("u1") == ["again"]
    await impatient.aclose()


async def test_a_user_who_blocked_the_bot_is_unreachable(emulator, client):
    person = emulator.user("u1", "A")
    emulator.block(person)
    with pytest.raises(Unreachable):
        await client.send_message("u1", "Nhắc việc")
    with pytest.raises(Unreachable):
        await client.send_message("never-wrote", "Nhắc việc")


async def test_download_an_image_a_user_sent(emulator, client):
    url = emulator.host_file("bien-ban.jpg", b"\xff\xd8jpeg")
    assert await client.download(url) == b"\xff\xd8jpeg"
    with pytest.raises(ZaloApiError):
        await client.download(emulator.api_url + "/files/missing.jpg")


async def test_the_token_is_never_logged(emulator, client, caplog):
    caplog.set_level(logging.DEBUG)
    emulator.user("u1", "A")
    emulator.fail("sendMessage", 500)
    errors = []
    for call in (lambda: client.send_message("u1", "a"), lambda: client.send_message("u1", "")):
        try:
            await call()
        except Exception as error:
            errors.append(error)
    await client.get_update(timeout=0)
    await client.send_message("u1", "ok")
    assert len(errors) == 2
    assert "sendMessage" in caplog.text
    assert TOKEN not in caplog.text
    assert all(TOKEN not in str(error) for error in errors)
