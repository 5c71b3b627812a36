"""The emulator answers as Telegram does: shapes, errors, long polling, limits, files."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
from telegram import Bot
from telegram.error import BadRequest, Conflict, InvalidToken

from bot.emulators.telegram import TelegramEmulator


@pytest.fixture
async def bot(emulator):
    """A bare python-telegram-bot `Bot` against the emulator."""
    async with Bot(
        emulator.token,
        base_url=f"{emulator.api_url}/bot",
        base_file_url=f"{emulator.api_url}/file/bot",
    ) as client:
        yield client


async def call(emu: TelegramEmulator, method: str, **params) -> tuple[int, dict]:
    """One raw Bot API call with a JSON body: (HTTP status, answer)."""
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{emu.api_url}/bot{emu.token}/{method}", json=params) as answer,
    ):
        return answer.status, await answer.json()


async def test_a_sent_message_is_a_real_message_object(emulator):
    emulator.user(1, "An")
    status, answer = await call(
        emulator, "sendMessage", chat_id=1, text="<b>Đậm</b> &amp; thường", parse_mode="HTML",
        reply_markup={"inline_keyboard": [[{"text": "Có", "callback_data": "y:1"}]]},
    )  # fmt: skip
    assert status == 200 and answer["ok"] is True
    message = answer["result"]
    assert message["text"] == "Đậm & thường"
    assert message["chat"] == {"id": 1, "type": "private", "first_name": "An"}
    assert message["from"]["is_bot"] is True
    assert message["reply_markup"] == {
        "inline_keyboard": [[{"text": "Có", "callback_data": "y:1"}]]
    }
    assert emulator.sent[0].labels == ["Có"]


@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("<b>mở mà không đóng", 'Can\'t find end tag corresponding to start tag "b"'),
        (
            "<b>chéo <i>nhau</b></i>",
            'Unmatched end tag at byte offset 16, expected "</i>", found "</b>"',
        ),
        ("<p>đoạn</p>", 'Unsupported start tag "p" at byte offset 0'),
        ("a < b", "Unsupported start tag at byte offset 2"),
    ],
)
async def test_bad_html_is_refused_like_telegram(emulator, text, description):
    emulator.user(2, "Bình")
    status, answer = await call(emulator, "sendMessage", chat_id=2, text=text, parse_mode="HTML")
    assert status == 400
    assert answer == {
        "ok": False,
        "error_code": 400,
        "description": f"Bad Request: can't parse entities: {description}",
    }
    assert emulator.sent == []


async def test_text_length_is_checked_after_parsing(emulator):
    emulator.user(3, "Chi")
    fits = "<b>" + "x" * 4096 + "</b>"  # 4103 characters, 4096 visible
    assert (await call(emulator, "sendMessage", chat_id=3, text=fits, parse_mode="HTML"))[0] == 200
    status, answer = await call(emulator, "sendMessage", chat_id=3, text="x" * 4097)
    assert (status, answer["description"]) == (400, "Bad Request: message is too long")
    status, answer = await call(emulator, "sendMessage", chat_id=3, text="  ")
    assert (status, answer["description"]) == (400, "Bad Request: message text is empty")


async def test_unknown_chat_blocked_user_and_wrong_token(emulator):
    user = emulator.user(4, "Dũng")
    status, answer = await call(emulator, "sendMessage", chat_id=404, text="x")
    assert (status, answer["description"]) == (400, "Bad Request: chat not found")
    emulator.block(user)
    status, answer = await call(emulator, "sendMessage", chat_id=4, text="x")
    assert (status, answer["description"]) == (403, "Forbidden: bot was blocked by the user")
    stranger = Bot("123:wrong", base_url=f"{emulator.api_url}/bot")
    with pytest.raises(InvalidToken):
        await stranger.initialize()


async def test_long_poll_wakes_when_an_update_arrives_and_offset_confirms(emulator, bot):
    user = emulator.user(5, "Giang")
    polling = asyncio.ensure_future(bot.get_updates(timeout=30))
    await emulator.wait_for(lambda: emulator.stats.methods["getUpdates"] == 1)
    assert not polling.done()
    await emulator.send_text(user, "/tasks")
    (update,) = await asyncio.wait_for(polling, 5)
    assert update.message.text == "/tasks"
    assert update.message.entities[0].type == "bot_command"
    again = await bot.get_updates(timeout=0)
    assert [u.update_id for u in again] == [update.update_id]  # not confirmed yet
    assert await bot.get_updates(offset=update.update_id + 1, timeout=0) == ()


async def test_get_updates_conflicts_with_a_webhook(emulator, bot):
    await bot.set_webhook("https://example.invalid/hook", secret_token="abc_DEF-1")
    assert (await bot.get_webhook_info()).url == "https://example.invalid/hook"
    with pytest.raises(Conflict):
        await bot.get_updates(timeout=0)
    await bot.delete_webhook()
    assert await bot.get_updates(timeout=0) == ()


async def test_edits_replace_in_place_and_refuse_no_change(emulator, bot):
    emulator.user(6, "Hải")
    sent = await bot.send_message(6, "trước")
    edited = await bot.edit_message_text("sau", chat_id=6, message_id=sent.message_id)
    assert edited.text == "sau" and edited.edit_date is not None
    assert (emulator.sent[0].text, emulator.sent[0].edits) == ("sau", 1)
    with pytest.raises(BadRequest, match=r"(?i)not modified"):
        await bot.edit_message_text("sau", chat_id=6, message_id=sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", chat_id=6, message_id=999)


async def test_a_button_press_can_be_answered_once(emulator, bot):
    user = emulator.user(7, "Khánh")
    await call(
        emulator, "sendMessage", chat_id=7, text="Chọn",
        reply_markup={"inline_keyboard": [[{"text": "Một", "callback_data": "n:1"}]]},
    )  # fmt: skip
    query = await emulator.press(user, emulator.sent[0], "Một")
    (update,) = await bot.get_updates(timeout=0)
    assert (update.callback_query.id, update.callback_query.data) == (query, "n:1")
    assert update.callback_query.message.message_id == emulator.sent[0].message_id
    assert await bot.answer_callback_query(query, text="Đã ghi")
    assert emulator.answered(query) == {"text": "Đã ghi", "show_alert": False}
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(query)


async def test_files_go_both_ways(emulator, bot):
    user = emulator.user(8, "Lâm")
    await emulator.send_document(user, "kế hoạch.pdf", b"%PDF-1.7 ...")
    (update,) = await bot.get_updates(timeout=0)
    file = await bot.get_file(update.message.document.file_id)
    assert bytes(await file.download_as_bytearray()) == b"%PDF-1.7 ..."
    assert update.message.document.file_name == "kế hoạch.pdf"
    await bot.send_document(8, b"a,b\n1,2\n", filename="bang.csv", caption="Bảng")
    assert (emulator.sent[0].document.name, emulator.sent[0].document.content) == (
        "bang.csv",
        b"a,b\n1,2\n",
    )
    with pytest.raises(BadRequest, match=r"(?i)invalid file_id"):
        await bot.get_file("no-such-file")


async def test_flood_limits_answer_429_with_retry_after(emulator):
    group = emulator.group(-42, "Nhóm")
    emulator.limits(group_per_min=2)
    for n in range(2):
        assert (await call(emulator, "sendMessage", chat_id=group.id, text=f"tin {n}"))[0] == 200
    status, answer = await call(emulator, "sendMessage", chat_id=group.id, text="tin 3")
    assert status == 429
    assert answer["parameters"]["retry_after"] in range(59, 61)
    assert (
        answer["description"]
        == f"Too Many Requests: retry after {answer['parameters']['retry_after']}"
    )
    assert emulator.stats.rate_limited == 1 and emulator.stats.errors[429] == 1


async def test_duplicates_and_seeded_faults_are_counted(emulator):
    emulator.user(9, "Mai")
    for _ in range(2):
        await call(emulator, "sendMessage", chat_id=9, text="cùng một tin")
    assert emulator.stats.duplicates == 1
    emulator.faults(rate=0.5, kinds=("500",), seed=7)
    statuses = [(await call(emulator, "sendMessage", chat_id=9, text=f"{n}"))[0] for n in range(20)]
    emulator.faults(rate=0.5, kinds=("500",), seed=7)
    again = [(await call(emulator, "sendMessage", chat_id=9, text=f"{n}"))[0] for n in range(20)]
    assert statuses == again and {500, 200} == set(statuses)
    assert emulator.stats.faults["500"] == 2 * statuses.count(500)


async def test_command_menus_by_scope(emulator, bot):
    from telegram import BotCommand, BotCommandScopeChat

    emulator.user(10, "Nam")
    await bot.set_my_commands([BotCommand("start", "Bắt đầu")])
    await bot.set_my_commands([BotCommand("tasks", "Nhiệm vụ")], scope=BotCommandScopeChat(10))
    assert emulator.menu(10) == [("tasks", "Nhiệm vụ")]
    assert emulator.menu(11) == [("start", "Bắt đầu")]
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand("Nhiệm_vụ", "có dấu")])
