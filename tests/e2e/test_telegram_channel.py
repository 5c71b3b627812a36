"""The Telegram adapter, proven over HTTP: PTB ⇄ emulator ⇄ core."""

from __future__ import annotations

import json
import signal
from hashlib import sha256

import aiohttp
import pytest

from bot.config import Settings
from bot.domain import Role
from bot.emulators.telegram_html import parse_html
from bot.messages import (
    Button,
    DeliveryUncertain,
    Document,
    Outgoing,
    RetryAfter,
    TransientError,
    Unreachable,
    set_command_menu,
)
from bot.runner import Runner, RunnerError
from bot.texts import t
from handlers import ROUTES
from tests.conftest import SAMPLES
from tests.e2e.conftest import bot_settings, dondoc, free_port, process_env
from tests.fakes import plan_from_expected, seed_plan
from tests.inbox_rows import stored_keys

STRANGER = t("common.stranger", "vi")
UNKNOWN = "/khongcolenhnay"  # no route: a stranger gets the router's polite refusal


def plain(html_text: str) -> str:
    return parse_html(html_text)


async def test_a_message_reaches_the_core_and_the_answer_arrives(bot_env):
    user = bot_env.emu.user(501, "Lan")
    answer = await bot_env.ask(user, UNKNOWN)
    assert answer.chat_id == 501
    assert answer.text == STRANGER
    assert answer.is_html and answer.plain == plain(STRANGER)


async def test_probe_sees_text_reply_and_chat_type(bot_env, probe):
    user = bot_env.emu.user(502, "Minh")
    first = await bot_env.ask(user, f"/{probe} xin <chào>")
    assert first.plain.splitlines()[:4] == [
        "text=xin <chào>",
        "edited=False",
        "reply_to=None",
        "chat_type=private",
    ]
    await bot_env.emu.reply(user, first, f"/{probe} trả lời")
    second = await bot_env.emu.next_message(502)
    assert f"reply_to={first.message_id}" in second.plain


async def test_group_messages_are_group_updates_answered_in_the_group(bot_env, probe):
    user = bot_env.emu.user(503, "Hà")
    group = bot_env.emu.group(-1001234, "Văn phòng")
    answer = await bot_env.ask(user, f"/{probe}@dondoc_test_bot nhóm", chat=group.id)
    assert answer.chat_id == group.id
    assert "chat_type=group" in answer.plain and "text=nhóm" in answer.plain


async def test_an_edited_message_arrives_edited(bot_env, probe):
    user = bot_env.emu.user(504, "Tú")
    sent = await bot_env.emu.send_text(user, f"/{probe} 50%")
    await bot_env.emu.next_message(504)
    await bot_env.emu.edit(user, sent, f"/{probe} 70%")
    answer = await bot_env.emu.next_message(504)
    assert "text=70%" in answer.plain and "edited=True" in answer.plain


async def test_a_button_press_edits_the_message_and_is_answered(bot_env, probe):
    user = bot_env.emu.user(505, "Nga")
    message = await bot_env.ask(user, f"/{probe}")
    assert message.labels == ["Đổi"]
    query = await bot_env.emu.press(user, message, "Đổi")
    await bot_env.emu.wait_for(lambda: bot_env.emu.answered(query))
    assert message.edits == 1
    assert message.text == f"<b>pressed</b> {probe}:edit"
    assert message.buttons == []
    assert len(bot_env.emu.messages_to(505)) == 1


async def test_an_edit_to_the_same_content_is_not_an_error(bot_env, probe):
    user = bot_env.emu.user(515, "Hai lần")
    message = await bot_env.ask(user, f"/{probe}")
    channel = bot_env.core.channels["telegram"]
    same = Outgoing(text=message.text, buttons=((Button("Đổi", f"{probe}:edit"),),))
    await channel.edit("515", str(message.message_id), same)  # Telegram: "message is not modified"
    assert message.edits == 0
    assert bot_env.emu.stats.errors[400] == 1


async def test_a_document_a_user_sent_can_be_downloaded(bot_env, probe):
    user = bot_env.emu.user(506, "Quang")
    content = b"PK\x03\x04 bao cao quy I " * 1000
    await bot_env.emu.send_document(user, "báo cáo.docx", content, caption=f"/{probe} tệp")
    answer = await bot_env.emu.next_message(506)
    assert f"document báo cáo.docx {sha256(content).hexdigest()}" in answer.plain


async def test_a_photo_arrives_as_an_attachment(bot_env, probe):
    user = bot_env.emu.user(507, "Vy")
    content = b"\xff\xd8 jpeg bytes"
    await bot_env.emu.send_photo(user, content, caption=f"/{probe}")
    answer = await bot_env.emu.next_message(507)
    assert f"photo None {sha256(content).hexdigest()}" in answer.plain


async def test_long_text_is_split_on_lines_with_tags_kept_whole(bot_env):
    bot_env.emu.user(508, "Long")
    lines = [
        f"<b>{n}.</b> Nhiệm vụ số {n}: <i>đang thực hiện</i> &amp; báo cáo" for n in range(400)
    ]
    text = "<b>Tổng hợp</b>\n<i>" + "\n".join(lines) + "</i>"
    buttons = ((Button("Xem tiếp", "more:1"),),)
    channel = bot_env.core.channels["telegram"]
    await channel.send("508", Outgoing(text=text, buttons=buttons))
    parts = bot_env.emu.messages_to(508)
    assert len(parts) >= 5
    assert all(len(part.plain) <= 4096 for part in parts)
    assert [part.plain for part in parts] == [
        plain(part.text) for part in parts
    ]  # each is valid HTML
    assert "\n".join(part.plain for part in parts).splitlines() == plain(text).splitlines()
    assert [bool(part.buttons) for part in parts] == [False] * (len(parts) - 1) + [True]


async def test_a_document_is_sent_with_its_caption(bot_env):
    bot_env.emu.user(509, "Xuất")
    channel = bot_env.core.channels["telegram"]
    document = Document("tong-hop.xlsx", b"xlsx bytes", "application/vnd.ms-excel")
    sent = await channel.send("509", Outgoing(text="<b>Tổng hợp</b> tháng 3", document=document))
    record = bot_env.emu.messages_to(509)[0]
    assert sent.message_id == str(record.message_id)
    assert (record.document.name, record.document.content) == ("tong-hop.xlsx", b"xlsx bytes")
    assert record.plain == "Tổng hợp tháng 3"


async def test_429_retry_after_is_honoured(bot_env):
    bot_env.emu.user(510, "Nhanh")
    bot_env.emu.limits(per_chat_per_s=1)
    channel = bot_env.core.channels["telegram"]
    for n in range(3):
        await channel.send("510", Outgoing(text=f"tin {n}"))
    times = [message.time for message in bot_env.emu.messages_to(510)]
    assert [m.text for m in bot_env.emu.messages_to(510)] == ["tin 0", "tin 1", "tin 2"]
    assert bot_env.emu.stats.rate_limited >= 2
    assert times[1] - times[0] >= 1.0 and times[2] - times[1] >= 1.0  # waited as told, never early
    assert bot_env.emu.stats.duplicates == 0


async def test_429_beyond_the_retries_raises_retry_after(bot_env):
    bot_env.emu.user(511, "Chờ")
    bot_env.emu.faults(rate=1.0, kinds=("429",), seed=1)
    with pytest.raises(RetryAfter) as raised:
        await bot_env.core.channels["telegram"].send("511", Outgoing(text="không qua"))
    assert raised.value.seconds == 1.0
    assert bot_env.emu.stats.faults["429"] == 3  # the first try and two retries
    assert bot_env.emu.messages_to(511) == []


async def test_blocked_user_and_unknown_chat_raise_unreachable(bot_env):
    user = bot_env.emu.user(512, "Chặn")
    bot_env.emu.block(user)
    channel = bot_env.core.channels["telegram"]
    with pytest.raises(Unreachable, match="blocked"):
        await channel.send("512", Outgoing(text="nhắc việc"))
    with pytest.raises(Unreachable, match="not found"):
        await channel.send("999999", Outgoing(text="nhắc việc"))


async def test_server_errors_are_transient_and_lost_answers_uncertain(bot_env):
    bot_env.emu.user(513, "Mạng")
    channel = bot_env.core.channels["telegram"]
    bot_env.emu.faults(rate=1.0, kinds=("500",), seed=2)
    with pytest.raises(TransientError) as raised:
        await channel.send("513", Outgoing(text="lỗi máy chủ"))
    assert not isinstance(raised.value, DeliveryUncertain)
    assert bot_env.emu.messages_to(513) == []
    bot_env.emu.faults(rate=1.0, kinds=("timeout",), seed=3)
    with pytest.raises(DeliveryUncertain):
        await channel.send("513", Outgoing(text="mất trả lời"))
    assert [m.text for m in bot_env.emu.messages_to(513)] == [
        "mất trả lời"
    ]  # delivered all the same


async def test_command_menus_follow_the_role(bot_env, probe):
    channel = bot_env.core.channels["telegram"]
    bot_env.emu.user(514, "Đầu mối")
    await set_command_menu(channel, "514", ROUTES.menu(Role.CONTACT))
    menu = bot_env.emu.menu(514)
    assert menu == ROUTES.menu(Role.CONTACT)
    assert probe not in dict(menu)  # a command kept out of the menu stays hidden
    assert bot_env.emu.menu() == ROUTES.menu(None)
    assert set(dict(ROUTES.menu(None))) <= set(dict(menu))


async def test_webhook_refuses_a_wrong_secret_and_handles_the_right_one(emulator, tmp_path, clock):
    port = free_port()
    settings = bot_settings(
        emulator, tmp_path,
        TELEGRAM_WEBHOOK_URL=f"http://127.0.0.1:{port}/tg-hook",
        TELEGRAM_WEBHOOK_SECRET="right-secret_123",
        DONDOC_WEBHOOK_LISTEN=f"127.0.0.1:{port}",
    )  # fmt: skip
    runner = Runner(settings, clock=clock, scheduler=False)
    await runner.start()
    try:
        assert emulator.webhook == {
            "url": f"http://127.0.0.1:{port}/tg-hook",
            "secret_token": "right-secret_123",
        }
        user = emulator.user(520, "Webhook")
        update = {
            "update_id": 90001,
            "message": {
                "message_id": 1, "date": 1742778000, "text": UNKNOWN,
                "chat": {"id": 520, "type": "private", "first_name": "Webhook"},
                "from": {"id": 520, "is_bot": False, "first_name": "Webhook"},
            },
        }  # fmt: skip
        url = f"http://127.0.0.1:{port}/tg-hook"
        async with aiohttp.ClientSession() as http:
            for secret in (None, "wrong-secret"):
                headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
                async with http.post(url, json=update, headers=headers) as answer:
                    assert answer.status == 403
            assert emulator.messages_to(520) == []
            headers = {"X-Telegram-Bot-Api-Secret-Token": "right-secret_123"}
            async with http.post(url, json=update, headers=headers) as answer:
                assert answer.status == 200
                assert await stored_keys(runner.core.db) == ["90001"]  # stored before the 200
        assert (await emulator.next_message(520)).text == STRANGER
        await emulator.send_text(user, UNKNOWN)  # the emulator pushes it to the webhook
        delivered = await emulator.wait_for(lambda: emulator.webhook_deliveries)
        assert [status for _update, status in delivered] == [200]
        answers = await emulator.wait_for(lambda: emulator.messages_to(520)[1:])
        assert [m.text for m in answers] == [STRANGER]
    finally:
        await runner.stop()


async def test_webhook_mode_without_a_secret_does_not_start(emulator, tmp_path, clock):
    settings = bot_settings(emulator, tmp_path, TELEGRAM_WEBHOOK_URL="https://bot.example.vn/tg")
    with pytest.raises(RunnerError, match="TELEGRAM_WEBHOOK_SECRET"):
        await Runner(settings, clock=clock, scheduler=False).start()


async def test_dondoc_run_answers_then_stops_on_sigterm_without_leaking_the_token(bot_process):
    await bot_process.start()
    user = bot_process.emu.user(530, "Tiến trình")
    await bot_process.emu.send_text(user, UNKNOWN)
    answer = await bot_process.emu.next_message(530, timeout=15)
    assert answer.text == STRANGER
    assert await bot_process.stop(signal.SIGTERM) == 0
    logs = bot_process.log_text()
    assert "getUpdates" in logs  # DEBUG logging was on
    assert bot_process.emu.token not in logs
    assert bot_process.emu.token.split(":")[1] not in logs


async def test_dondoc_run_without_a_token_says_so_and_exits_2(tmp_path):
    settings = Settings(_env_file=None, DATABASE_URL=f"sqlite:///{tmp_path / 'bot.db'}")
    code, _out, err = await dondoc("run", env=process_env(settings), cwd=tmp_path)
    assert code == 2
    assert "TELEGRAM_BOT_TOKEN" in err and "Chưa có token" in err


async def test_a_message_sent_while_the_bot_was_killed_is_answered_after_restart(bot_process):
    await bot_process.start()
    user = bot_process.emu.user(531, "Khởi động lại")
    await bot_process.stop(signal.SIGKILL)
    await bot_process.emu.send_text(user, UNKNOWN)  # queued by Telegram while nobody polls
    await bot_process.start()
    answer = await bot_process.emu.next_message(531, timeout=15)
    assert answer.text == STRANGER


async def test_an_invite_from_the_cli_binds_the_user_and_sets_their_menu(bot_env):
    code, out, err = await bot_env.dondoc("invite", "--role", "leader", "--json")
    assert code == 0, err
    user = bot_env.emu.user(540, "Lãnh đạo")
    await bot_env.ask(user, f"/start {json.loads(out)['code']}")
    assert bot_env.emu.menu(540) == ROUTES.menu(Role.LEADER)
    assert "summary" in dict(bot_env.emu.menu(540))
    assert bot_env.emu.menu() == ROUTES.menu(None)


async def test_a_bound_user_is_no_stranger(bot_env):
    user = bot_env.emu.user(541, "Văn phòng")
    await bot_env.bind(user, Role.ADMIN)
    answer = await bot_env.ask(user, UNKNOWN)
    assert answer.text == t("common.unknown_command", "vi", command=UNKNOWN[1:])


async def test_a_contact_who_joins_through_the_bot_gets_the_contact_menu(bot_env):
    await seed_plan(
        bot_env.core.db, plan_from_expected(SAMPLES / "ke-hoach-112-chuyen-doi-so.expected.json")
    )
    user = bot_env.emu.user(542, "Đầu mối")
    welcome = await bot_env.join(user, Role.CONTACT, "Phòng Văn hóa và Thông tin huyện")
    assert "Phòng Văn hóa và Thông tin huyện" in welcome.plain
    assert bot_env.emu.menu(542) == ROUTES.menu(Role.CONTACT)
    assert "report" in dict(bot_env.emu.menu(542))
