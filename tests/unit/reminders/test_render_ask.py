"""The reminder's ask line per channel: reply to it on Telegram, write in the chat on Zalo."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.channels.telegram import TelegramChannel
from bot.channels.zalo import ZaloChannel, zalo_capabilities
from bot.domain import SlotKind
from bot.messages import Outgoing
from bot.services.reminders.claims import ClaimedSlot
from bot.services.reminders.render import SlotFacts, unit_reminder
from db.models import Plan, Task

TODAY = date(2025, 3, 24)
TELEGRAM = TelegramChannel(bot=None).capabilities  # the flags only; no Bot is reached
ZALO = zalo_capabilities()

ASK_PROGRESS_TELEGRAM = (
    "Đề nghị đơn vị <b>trả lời (reply) tin nhắn này</b> để báo cáo tiến độ, ví dụ: "
    "“Đã hoàn thành 70%, đang …” hoặc “Đã hoàn thành”."
)
ASK_REPORT_TELEGRAM = (
    "Đề nghị đơn vị <b>trả lời (reply) tin nhắn này</b> với kết quả thực hiện trong kỳ."
)
ASK_PROGRESS_ZALO = (
    "Đề nghị đơn vị <b>nhắn tin báo cáo tiến độ</b> ngay trong cuộc trò chuyện này, ví dụ: "
    "“Đã hoàn thành 70%, đang …” hoặc “Đã hoàn thành”."
)
ASK_REPORT_ZALO = (
    "Đề nghị đơn vị <b>nhắn tin báo cáo kết quả thực hiện trong kỳ</b> "
    "ngay trong cuộc trò chuyện này."
)
PROGRESS = (SlotKind.DUE, "2025-03-24")
REPORT = (SlotKind.REPORT_REQUEST, "2025-03-request-0")


class NoStore:
    """`ZaloChannel.render` stores no choices."""

    async def remember(self, chat_id, choices):
        raise AssertionError("render must not store anything")

    async def take(self, chat_id, number):
        raise AssertionError("render must not store anything")


def facts(kind: SlotKind, occurrence: str) -> SlotFacts:
    """A slot of task 1 (due today, monthly reports) for unit 3."""
    plan = Plan(number="112/KH-UBND", title="Kế hoạch chuyển đổi số")
    task = Task(id=7, code="1", title="Xây dựng Kế hoạch", due=TODAY, plan=plan)
    fire_at = datetime(2025, 3, 24, 1, tzinfo=UTC)
    slot = ClaimedSlot(11, task.id, 3, kind.value, occurrence, fire_at, 0)
    return SlotFacts(slot, task, "Phòng Nội vụ huyện", report_day=25)


def reminder(slot: tuple[SlotKind, str], capabilities, locale: str = "vi") -> Outgoing:
    return unit_reminder(facts(*slot), TODAY, locale, capabilities)


@pytest.mark.parametrize(
    ("slot", "ask"), [(PROGRESS, ASK_PROGRESS_TELEGRAM), (REPORT, ASK_REPORT_TELEGRAM)]
)
def test_on_telegram_the_unit_is_asked_to_reply_to_the_message(slot, ask):
    assert reminder(slot, TELEGRAM).text.endswith(f"\n\n{ask}")


@pytest.mark.parametrize(
    ("slot", "ask"), [(PROGRESS, ASK_PROGRESS_ZALO), (REPORT, ASK_REPORT_ZALO)]
)
def test_on_zalo_the_unit_is_asked_for_a_plain_message_in_the_chat(slot, ask):
    text = reminder(slot, ZALO).text
    assert text.endswith(f"\n\n{ask}")
    assert "trả lời (reply)" not in text and "reply" not in text.lower()


@pytest.mark.parametrize("slot", [PROGRESS, REPORT])
def test_only_the_ask_line_differs_between_channels(slot):
    telegram, zalo = reminder(slot, TELEGRAM), reminder(slot, ZALO)
    assert telegram.text.splitlines()[:-1] == zalo.text.splitlines()[:-1]
    assert telegram.buttons == zalo.buttons


def test_on_zalo_the_only_answer_by_number_is_the_choices_hint():
    channel = ZaloChannel(client=None, choices=NoStore(), locale="vi")
    [text], choices = channel.render(reminder(PROGRESS, ZALO))
    assert text.endswith(
        "Đề nghị đơn vị nhắn tin báo cáo tiến độ ngay trong cuộc trò chuyện này, ví dụ: "
        "“Đã hoàn thành 70%, đang …” hoặc “Đã hoàn thành”.\n\n"
        "1. 📝 Báo cáo\n2. ⏰ Nhắc lại sau\n3. 📅 Đề nghị gia hạn\nTrả lời 1, 2 hoặc 3"
    )
    assert text.count("Trả lời") == 1 and len(choices) == 3


@pytest.mark.parametrize(
    ("slot", "telegram", "zalo"),
    [
        (
            PROGRESS,
            "Please <b>reply to this message</b> with your progress, e.g. “70% done, now …” "
            "or “Done”.",
            "Please <b>send your progress as a message</b> in this chat, e.g. “70% done, now …” "
            "or “Done”.",
        ),
        (
            REPORT,
            "Please <b>reply to this message</b> with this period's results.",
            "Please <b>send this period's results as a message</b> in this chat.",
        ),
    ],
)
def test_english_asks_per_channel(slot, telegram, zalo):
    assert reminder(slot, TELEGRAM, "en").text.endswith(f"\n\n{telegram}")
    english_zalo = reminder(slot, ZALO, "en").text
    assert english_zalo.endswith(f"\n\n{zalo}") and "reply" not in english_zalo.lower()
