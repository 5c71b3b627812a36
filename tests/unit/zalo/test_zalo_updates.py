"""Zalo updates into neutral `Incoming`; error answers into channel errors."""

from __future__ import annotations

import pytest

from bot.channels.zalo_client import PollTimeout, ZaloApiError, ZaloAuthError, error_for
from bot.channels.zalo_updates import to_incoming, unwrap
from bot.messages import RetryAfter, TransientError, Unreachable


def update(event="message.text.received", **message):
    base = {
        "chat": {"id": "e4ea2c01", "chat_type": "PRIVATE"},
        "message_id": "16f63601",
        "date": 1766619597466,
        "from": {"id": "e4ea2c01", "display_name": "Nguyễn Văn A"},
    }
    return {"event_name": event, "message": {**base, **message}}


def test_text_message():
    incoming = to_incoming(update(text=" II.3 đã đạt 70% "))
    assert incoming.channel == "zalo"
    assert (incoming.chat_id, incoming.user_id) == ("e4ea2c01", "e4ea2c01")
    assert incoming.display_name == "Nguyễn Văn A"
    assert incoming.text == "II.3 đã đạt 70%"
    assert incoming.message_id == "16f63601"
    assert incoming.reply_to_message_id is None


def test_first_name_is_read_when_display_name_is_missing():
    raw = update(text="xin chào")
    raw["message"]["from"] = {"id": "e4ea2c01", "first_name": "Trần Thị B"}
    assert to_incoming(raw).display_name == "Trần Thị B"


def test_image_with_caption_is_an_attachment():
    raw = update("message.image.received", photo="https://f.zalo/a.jpg", caption="Biên bản")
    incoming = to_incoming(raw)
    assert incoming.text == "Biên bản"
    assert [(a.kind, a.file_id) for a in incoming.attachments] == [
        ("photo", "https://f.zalo/a.jpg")
    ]


@pytest.mark.parametrize(
    "raw",
    [
        update("message.sticker.received", sticker="abc"),
        update("message.unsupported.received"),
        update(text="hi", chat={"id": "g1", "chat_type": "GROUP"}),
        update(text="echo", **{"from": {"id": "bot", "is_bot": True}}),
    ],
)
def test_other_updates_are_not_incoming(raw):
    assert to_incoming(raw) is None


def test_wrapped_and_flat_bodies_are_the_same_update():
    flat = update(text="x")
    assert unwrap({"ok": True, "result": flat}) == flat
    assert unwrap(flat) == flat


@pytest.mark.parametrize(
    ("code", "description", "kind"),
    [
        (429, "Quota exceeded", RetryAfter),
        (408, "Request timeout", PollTimeout),
        (500, "Internal server error", TransientError),
        (403, "Internal server error", TransientError),
        (403, "Forbidden: user blocked the bot", Unreachable),
        (404, "Not found: invalid access request", Unreachable),
        (401, "Unauthorized", ZaloAuthError),
        (400, "Bad request", ZaloApiError),
    ],
)
def test_error_codes(code, description, kind):
    error = error_for("sendMessage", code, description, retry_after=7)
    assert type(error) is kind
    if kind is RetryAfter:
        assert error.seconds == 7
