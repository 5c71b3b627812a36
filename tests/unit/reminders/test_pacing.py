"""Flood limits as sliding windows, on a fake clock."""

from __future__ import annotations

import pytest

from bot.services.reminders.pacing import RateLimits
from tests.integration.reminders.fakes import FakeTimer

CHAT, OTHER, GROUP = ("telegram", "1"), ("telegram", "2"), ("telegram", "-100")


def test_one_message_per_second_per_chat():
    timer = FakeTimer()
    pacer = timer.pacer(RateLimits(slack=0))
    assert pacer.wait_for(CHAT, False) == 0
    pacer.sent(CHAT, False)
    assert pacer.wait_for(CHAT, False) == pytest.approx(1.0)
    assert pacer.wait_for(OTHER, False) == 0
    timer.now = 1.0
    assert pacer.wait_for(CHAT, False) == 0


def test_overall_limit_across_chats_of_one_bot_only():
    timer = FakeTimer()
    pacer = timer.pacer(RateLimits(overall_per_second=3, slack=0))
    for n in range(3):
        pacer.sent(("telegram", str(n)), False)
    assert pacer.wait_for(("telegram", "9"), False) == pytest.approx(1.0)
    # Another committee's bot has its own 30 a second: its chats go meanwhile.
    assert pacer.wait_for(("telegram:TG_XA_AN_BINH", "9"), False) == 0
    assert pacer.wait_for(("zalo", "9"), False) == 0


def test_group_chats_get_twenty_a_minute():
    timer = FakeTimer()
    pacer = timer.pacer(RateLimits(slack=0))
    for _ in range(20):
        assert pacer.wait_for(GROUP, True) == 0
        pacer.sent(GROUP, True)
        timer.now += 1.0
    assert pacer.wait_for(GROUP, True) == pytest.approx(40.0)


def test_slack_stretches_the_window():
    timer = FakeTimer()
    pacer = timer.pacer(RateLimits(slack=0.05))
    pacer.sent(CHAT, False)
    assert pacer.wait_for(CHAT, False) == pytest.approx(1.05)


def test_hold_delays_only_that_chat():
    timer = FakeTimer()
    pacer = timer.pacer()
    pacer.hold(CHAT, 7)
    assert pacer.wait_for(CHAT, False) == pytest.approx(7)
    assert pacer.wait_for(OTHER, False) == 0


def test_a_message_counts_from_its_answer_so_a_late_request_never_crowds_the_next():
    timer = FakeTimer()
    pacer = timer.pacer(RateLimits(overall_per_second=1, per_chat_per_second=1, slack=0))
    stamp = pacer.sent(CHAT, False)
    timer.now = 0.4  # the request left late, or took this long: the platform saw it about now
    pacer.answered(CHAT, False, stamp)
    assert pacer.wait_for(OTHER, False) == pytest.approx(1.0)  # the bot: a second from 0.4
    assert pacer.wait_for(CHAT, False) == pytest.approx(1.0)
    timer.now = 1.4
    assert pacer.wait_for(OTHER, False) == 0
    pacer.answered(CHAT, False, stamp)  # an event already out of the window stays out
    assert pacer.wait_for(OTHER, False) == 0
