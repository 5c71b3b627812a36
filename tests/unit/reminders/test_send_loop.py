"""The paced send loop: per-chat order, waits on 429, bounded backoff, unreachable chats, no blind resends."""

from __future__ import annotations

import asyncio
import itertools

from bot.messages import DeliveryUncertain, Outgoing, RetryAfter, TransientError, Unreachable
from bot.services.reminders.pacing import RateLimits
from bot.services.reminders.recipients import Recipient
from bot.services.reminders.sending import Job, RetryRules, SendLoop
from tests.integration.reminders.fakes import FakeTimer, ScriptedChannel


def job(chat: str, text: str) -> Job:
    return Job(Recipient("telegram", chat, False, f"user {chat}"), Outgoing(text=text))


class Outcomes:
    def __init__(self):
        self.sent: list[tuple[str, str | None, bool]] = []
        self.failed: list[tuple[str, str, bool]] = []
        self.unreachable: list[str] = []

    async def on_sent(self, job, message_id, uncertain):
        self.sent.append((job.message.text, message_id, uncertain))

    async def on_failed(self, job, reason, permanent):
        self.failed.append((job.message.text, reason, permanent))

    async def on_unreachable(self, job):
        self.unreachable.append(job.recipient.chat_id)


def make_loop(channel, timer, outcomes, rules=None, limits=None):
    channel.timer = timer
    return SendLoop(
        {"telegram": channel},
        timer.pacer(limits or RateLimits(slack=0)),
        outcomes.on_sent,
        outcomes.on_failed,
        outcomes.on_unreachable,
        rules=rules or RetryRules(),
    )


async def test_messages_to_a_chat_keep_their_order_and_are_spaced():
    timer, channel, outcomes = FakeTimer(), ScriptedChannel(), Outcomes()
    loop = make_loop(channel, timer, outcomes)
    for n in range(3):
        loop.add(job("1", f"a{n}"))
        loop.add(job("2", f"b{n}"))
    stats = await loop.run()
    assert channel.texts_to("1") == ["a0", "a1", "a2"] and channel.texts_to("2") == [
        "b0",
        "b1",
        "b2",
    ]
    times = [t for chat, t in channel.attempts if chat == "1"]
    assert all(later - earlier >= 1.0 for earlier, later in itertools.pairwise(times))
    assert stats.sent == 6 and [s[2] for s in outcomes.sent] == [False] * 6


async def test_retry_after_waits_then_resends_that_chat_only():
    timer, channel, outcomes = FakeTimer(), ScriptedChannel(), Outcomes()
    channel.script["1"] = [RetryAfter(5)]
    loop = make_loop(channel, timer, outcomes)
    loop.add(job("1", "first"))
    loop.add(job("1", "second"))
    loop.add(job("2", "other"))
    stats = await loop.run()
    assert channel.texts_to("1") == ["first", "second"] and channel.texts_to("2") == ["other"]
    first_tries = [t for chat, t in channel.attempts if chat == "1"]
    assert first_tries[1] - first_tries[0] >= 5
    other = next(t for chat, t in channel.attempts if chat == "2")
    assert other < 5  # the other chat did not wait for chat 1's penalty
    assert stats.rate_limited == 1


async def test_transient_errors_back_off_exponentially_then_succeed():
    timer, channel, outcomes = FakeTimer(), ScriptedChannel(), Outcomes()
    channel.script["1"] = [TransientError("500"), TransientError("500"), None]
    loop = make_loop(channel, timer, outcomes)
    loop.add(job("1", "x"))
    await loop.run()
    tries = [t for _chat, t in channel.attempts]
    assert tries[1] - tries[0] >= 1 and tries[2] - tries[1] >= 2
    assert channel.texts_to("1") == ["x"]


async def test_persistent_failure_leaves_the_chat_in_order_for_later():
    timer, channel, outcomes = FakeTimer(), ScriptedChannel(), Outcomes()
    channel.fail_always["1"] = lambda: TransientError("down")
    loop = make_loop(channel, timer, outcomes, rules=RetryRules(max_failures=3))
    loop.add(job("1", "x"))
    loop.add(job("1", "y"))
    loop.add(job("2", "z"))
    stats = await loop.run()
    assert len([c for c, _t in channel.attempts if c == "1"]) == 3
    assert [(text, permanent) for text, _r, permanent in outcomes.failed] == [
        ("x", False),
        ("y", False),
    ]
    assert channel.texts_to("2") == ["z"] and stats.given_up == 2


async def test_unreachable_chat_is_reported_once_and_its_queue_dropped():
    timer, channel, outcomes = FakeTimer(), ScriptedChannel(), Outcomes()
    channel.fail_always["1"] = lambda: Unreachable("403 blocked")
    loop = make_loop(channel, timer, outcomes)
    loop.add(job("1", "x"))
    loop.add(job("1", "y"))
    await loop.run()
    assert outcomes.unreachable == ["1"]
    assert [(text, permanent) for text, _r, permanent in outcomes.failed] == [
        ("x", True),
        ("y", True),
    ]
    assert len(channel.attempts) == 1


async def test_uncertain_delivery_is_not_resent():
    timer, channel, outcomes = FakeTimer(), ScriptedChannel(), Outcomes()
    channel.script["1"] = [DeliveryUncertain("read timeout")]
    loop = make_loop(channel, timer, outcomes)
    loop.add(job("1", "x"))
    loop.add(job("1", "y"))
    stats = await loop.run()
    assert outcomes.sent[0] == ("x", None, True)
    assert channel.texts_to("1") == ["y"] and len(channel.attempts) == 2
    assert stats.uncertain == 1


async def test_jobs_added_while_running_are_sent():
    timer, channel, outcomes = FakeTimer(), ScriptedChannel(), Outcomes()
    loop = make_loop(channel, timer, outcomes)

    async def add_notice(job_, _message_id, _uncertain):
        outcomes.sent.append((job_.message.text, None, False))
        if job_.recipient.chat_id == "1":
            loop.add(job("9", "notice"))

    loop.on_sent = add_notice
    loop.add(job("1", "x"))
    await loop.run()
    assert channel.texts_to("9") == ["notice"]


async def test_several_in_flight_never_overlap_in_one_chat_and_keep_its_order():
    busy: set[str] = set()
    overlaps: list[str] = []

    class SlowChannel(ScriptedChannel):
        async def send(self, chat_id, message):
            if chat_id in busy:
                overlaps.append(chat_id)
            busy.add(chat_id)
            for _ in range(3):
                await asyncio.sleep(0)
            busy.discard(chat_id)
            return await super().send(chat_id, message)

    timer, channel, outcomes = FakeTimer(), SlowChannel(), Outcomes()
    channel.script["2"] = [TransientError("500")]
    loop = make_loop(channel, timer, outcomes, limits=RateLimits(per_chat_per_second=100, slack=0))
    loop.in_flight = 3
    for n in range(5):
        for chat in ("1", "2", "3", "4"):
            loop.add(job(chat, f"{chat}-{n}"))
    await loop.run()
    assert overlaps == []
    for chat in ("1", "2", "3", "4"):
        assert channel.texts_to(chat) == [f"{chat}-{n}" for n in range(5)]


def two_bots(timer, outcomes, per_second, **knobs):
    """A loop over two bots ("telegram", "telegram:TG_XA"), each at `per_second`; and the bots."""
    busy, other = ScriptedChannel(timer=timer), ScriptedChannel(timer=timer)
    loop = SendLoop(
        {"telegram": busy, "telegram:TG_XA": other},
        timer.pacer(RateLimits(overall_per_second=per_second, slack=0)),
        outcomes.on_sent,
        outcomes.on_failed,
        outcomes.on_unreachable,
        **knobs,
    )
    return loop, busy, other


async def test_a_bot_at_its_limit_does_not_hold_up_another_bots_chats():
    timer, outcomes = FakeTimer(), Outcomes()
    loop, busy, other = two_bots(timer, outcomes, 2)
    for n in range(6):  # the first bot's six chats fill three of its seconds
        loop.add(Job(Recipient("telegram", f"a{n}", False, "a"), Outgoing(text=f"a{n}")))
    for n in range(2):
        loop.add(Job(Recipient("telegram:TG_XA", f"b{n}", False, "b"), Outgoing(text=f"b{n}")))
    await loop.run()
    assert [t for _chat, t in other.attempts] == [0.0, 0.0]
    assert max(t for _chat, t in busy.attempts) == 2.0


async def test_the_loop_is_refilled_while_it_sends_so_no_bot_waits_for_another():
    timer, outcomes = FakeTimer(), Outcomes()
    later = [["b0"], ["b1"]]  # the next batches: one chat of the other bot each
    calls: list[float] = []

    async def refill() -> bool:
        calls.append(timer.now)
        if not later:
            return False
        for chat in later.pop(0):
            loop.add(Job(Recipient("telegram:TG_XA", chat, False, "b"), Outgoing(text=chat)))
        return True

    loop, busy, other = two_bots(timer, outcomes, 1, refill=refill, refill_below=5)
    for n in range(4):  # the first batch: four seconds of the first bot
        loop.add(Job(Recipient("telegram", f"a{n}", False, "a"), Outgoing(text=f"a{n}")))
    await loop.run()
    assert [t for _chat, t in other.attempts] == [0.0, 1.0]  # not after the first bot's 3 s
    assert [t for _chat, t in busy.attempts] == [0.0, 1.0, 2.0, 3.0]
    assert len(calls) == 3  # two batches, then the call that found nothing
    assert len(outcomes.sent) == 6


async def test_a_loop_fed_only_by_its_refill_sends_until_the_refill_has_nothing():
    timer, channel, outcomes = FakeTimer(), ScriptedChannel(), Outcomes()
    batches = [["1", "2"], ["3"], []]

    async def refill() -> bool:
        chats = batches.pop(0)
        for chat in chats:
            loop.add(job(chat, f"m{chat}"))
        return bool(chats)

    loop = make_loop(channel, timer, outcomes)
    loop.refill, loop.refill_below = refill, 1
    await loop.run()
    assert sorted(text for text, _id, _uncertain in outcomes.sent) == ["m1", "m2", "m3"]
    assert batches == []
