"""Zalo's plain text: our HTML stripped, long text cut at 2,000, buttons as numbered choices."""

from __future__ import annotations

import html

import pytest

from bot.channels.textsplit import units
from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_choices import answer_number
from bot.channels.zalo_text import MAX_TEXT, html_to_text, plain_parts
from bot.messages import Button, Choice, Document, Outgoing


class NoStore:
    """The channel's choice store is not used by `render`."""

    async def remember(self, chat_id, choices):
        raise AssertionError("render must not store anything")

    async def take(self, chat_id, number):
        raise AssertionError("render must not store anything")


def channel() -> ZaloChannel:
    return ZaloChannel(client=None, choices=NoStore(), locale="vi")


def test_our_tags_are_stripped_and_entities_unescaped():
    text = "<b>II.3</b> — <i>Nâng cao</i> <code>70%</code> &amp; tiếp tục"
    assert html_to_text(text) == "II.3 — Nâng cao 70% & tiếp tục"


def test_escaped_user_text_comes_back_literally():
    user_text = "Báo cáo <b>gấp</b> & đủ"
    assert html_to_text(f"<b>Đơn vị:</b> {html.escape(user_text)}") == f"Đơn vị: {user_text}"


def test_short_text_is_one_part():
    assert plain_parts("<b>Xin chào</b>\nDòng hai") == ["Xin chào\nDòng hai"]


def test_long_text_is_cut_on_line_ends_within_the_limit():
    lines = [f"{number}. Nhiệm vụ số {number} của đơn vị " + "x" * 40 for number in range(1, 120)]
    parts = plain_parts("\n".join(f"<b>{line}</b>" for line in lines))
    assert len(parts) > 1
    assert all(units(part) <= MAX_TEXT for part in parts)
    assert "\n".join(parts).split("\n") == lines  # every line whole, in order


def test_limit_counts_emoji_as_two_units():
    text = "\n".join(["✅😀 " + "a" * 95] * 40)
    parts = plain_parts(text)
    assert all(units(part) <= MAX_TEXT for part in parts)
    assert sum(len(part.split("\n")) for part in parts) == 40


def test_a_line_longer_than_the_limit_is_cut_at_spaces():
    words = " ".join(f"từ{number}" for number in range(900))
    parts = plain_parts(words)
    assert len(parts) >= 2
    assert all(units(part) <= MAX_TEXT for part in parts)
    assert " ".join(parts).split() == words.split()


def test_buttons_become_numbered_choices():
    message = Outgoing(
        text="<b>II.3</b>: cập nhật tiến độ?",
        buttons=(
            (Button("Hoàn thành", "st:1:done"), Button("Đang thực hiện", "st:1:doing")),
            (Button("Gặp vướng mắc", "st:1:blocked"),),
        ),
    )
    parts, choices = channel().render(message)
    assert parts == [
        "II.3: cập nhật tiến độ?\n\n"
        "1. Hoàn thành\n2. Đang thực hiện\n3. Gặp vướng mắc\nTrả lời 1, 2 hoặc 3"
    ]
    assert choices == [
        Choice("Hoàn thành", "st:1:done"),
        Choice("Đang thực hiện", "st:1:doing"),
        Choice("Gặp vướng mắc", "st:1:blocked"),
    ]


def test_two_choices_and_one_choice_hints():
    two = Outgoing(text="Chọn", buttons=((Button("A & B", "a"), Button("C", "c")),))
    one = Outgoing(text="Chọn", buttons=((Button("Nhắc lại sau", "snooze:1"),),))
    assert channel().render(two)[0] == ["Chọn\n\n1. A & B\n2. C\nTrả lời 1 hoặc 2"]
    assert channel().render(one)[0] == ["Chọn\n\n1. Nhắc lại sau\nTrả lời 1"]


def test_choices_stay_at_the_end_of_a_long_message():
    long_text = "\n".join(["Một dòng dài của bản tổng hợp " + "y" * 60] * 60)
    message = Outgoing(text=long_text, buttons=((Button("Xem tiếp", "more"),),))
    parts, _choices = channel().render(message)
    assert len(parts) >= 2
    assert parts[-1].endswith("1. Xem tiếp\nTrả lời 1")


def test_a_file_becomes_a_note():
    message = Outgoing(text="Báo cáo tổng hợp", document=Document("tong-hop.xlsx", b"x"))
    parts, _choices = channel().render(message)
    assert parts[0].startswith("Báo cáo tổng hợp\n\n(Tệp “tong-hop.xlsx” không gửi được qua Zalo")


@pytest.mark.parametrize(
    ("text", "number"), [("2", 2), (" 3 ", 3), ("1.", 1), ("2)", 2), ("12", 12)]
)
def test_numbered_answers(text, number):
    assert answer_number(text) == number


@pytest.mark.parametrize("text", ["", "II.3 đã xong 70%", "2 ngày nữa", "1,5", "abc", "123"])
def test_other_text_is_not_an_answer(text):
    assert answer_number(text) is None
