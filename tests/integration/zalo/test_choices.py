"""Pending numbered choices in the database: replaced, taken once, expiring (both backends)."""

from __future__ import annotations

from datetime import timedelta

from bot.messages import Choice
from bot.services.choices import CHOICE_LIFETIME, StoredChoices

FIRST = [Choice("Hoàn thành", "st:1:d"), Choice("Đang thực hiện", "st:1:p")]
SECOND = [
    Choice("Nhắc lại sau", "snz:7"),
    Choice("Đề nghị gia hạn", "ext:7"),
    Choice("Báo cáo", "rep:7"),
]


async def test_the_latest_choices_replace_the_earlier_ones(db, clock):
    store = StoredChoices(db, clock, "zalo")
    await store.remember("u1", FIRST)
    await store.remember("u1", SECOND)
    await store.remember("u2", FIRST)
    assert await store.take("u1", 3) == Choice("Báo cáo", "rep:7")
    assert await store.take("u2", 2) == Choice("Đang thực hiện", "st:1:p")


async def test_a_choice_is_taken_once_and_a_wrong_number_keeps_them(db, clock):
    store = StoredChoices(db, clock, "zalo")
    await store.remember("u1", FIRST)
    assert await store.take("u1", 3) is None
    assert await store.take("u1", 0) is None
    assert await store.take("u1", 1) == Choice("Hoàn thành", "st:1:d")
    assert await store.take("u1", 1) is None


async def test_choices_expire_and_are_per_channel(db, clock):
    store = StoredChoices(db, clock, "zalo")
    await store.remember("u1", FIRST)
    assert await StoredChoices(db, clock, "other").take("u1", 1) is None
    clock.set(clock.now() + CHOICE_LIFETIME + timedelta(seconds=1))
    assert await store.take("u1", 1) is None
