"""The inbox at work: handled once, answered even after a failed send, a crash or an outage."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bench.crash_burst import scratch_postgres
from bot.core import Core
from bot.domain import Role
from bot.emulators.tcpproxy import CuttableProxy
from bot.inbox import Inbox
from bot.messages import Incoming, NewUpdate, Outgoing, Sent, TransientError
from bot.services import inbox as table
from bot.texts import t
from db.engine import Database
from db.migrate import upgrade
from db.models import InboxUpdate, ProgressReport
from tests.fakes import FakeChannel, bind_user, plan_from_expected, seed_plan
from tests.integration.inbox.test_inbox_table import dead_owner, set_claim
from tests.support.database import POSTGRES_URL
from tests.support.paths import SAMPLES

PLAN = SAMPLES / "ke-hoach-730-khcn.expected.json"
DELAYED = t("inbox.delayed", "vi")
FAST_SWEEP = 0.02


@dataclass
class WatchedChannel(FakeChannel):
    """A fake Telegram channel that fails its first `failures` sends with a 5xx and wakes
    whoever waits for a number of sent messages."""

    failures: int = 0
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def send(self, chat_id: str, message: Outgoing) -> Sent:
        """Fail (Bad Gateway) while failures are left; record and announce otherwise."""
        if self.failures:
            self.failures -= 1
            raise TransientError("Bad Gateway")
        sent = await super().send(chat_id, message)
        async with self.changed:
            self.changed.notify_all()
        return sent

    async def wait_sent(self, count: int, timeout: float = 10) -> list[str]:
        """The texts sent, once there are `count`."""
        async with self.changed:
            await asyncio.wait_for(self.changed.wait_for(lambda: len(self.sent) >= count), timeout)
        return [message.text for _chat, message, _id in self.sent]


def report(key: str, percent: int) -> NewUpdate:
    text = f"II.4 đạt {percent}%"
    return NewUpdate(
        key, Incoming(channel="telegram", chat_id="501", user_id="501", text=text, message_id=key)
    )


async def seeded_core(db: Database, clock, settings, channel: WatchedChannel) -> Core:
    await seed_plan(db, plan_from_expected(PLAN))
    await bind_user(db, clock.now(), role=Role.CONTACT, user_id="501", unit="UBND huyện")
    return Core(settings=settings, db=db, clock=clock, channels={"telegram": channel})


async def report_count(db: Database) -> int:
    async with db.reading() as session:
        return await session.scalar(select(func.count(ProgressReport.id)))


async def states(db: Database) -> list[str]:
    async with db.reading() as session:
        return list(await session.scalars(select(InboxUpdate.state).order_by(InboxUpdate.id)))


@pytest.fixture
async def running(sqlite_db, clock, settings):
    """A core on SQLite with a watched channel, and its started Telegram inbox."""
    channel = WatchedChannel()
    core = await seeded_core(sqlite_db, clock, settings, channel)
    inbox = Inbox(core, "telegram", sweep_every=FAST_SWEEP)
    inbox.start()
    yield core, inbox, channel
    await inbox.stop()


async def test_updates_are_handled_in_order_answered_and_marked_done(running):
    core, inbox, channel = running
    await inbox.accept([report("1", 30), report("2", 40)])
    await inbox.accept([report("2", 40)])  # redelivered: stored and handled once
    await inbox.wait_handled(2)
    texts = await channel.wait_sent(2)
    assert ["30%" in texts[0], "40%" in texts[1]] == [True, True]
    await inbox.stop()
    assert await states(core.db) == ["done", "done"]
    assert await report_count(core.db) == 2


async def test_an_acknowledgement_lost_to_a_5xx_is_sent_again_later(running, clock):
    core, inbox, channel = running
    channel.failures = 1
    await inbox.accept([report("1", 30)])
    while await states(core.db) != ["sending"]:  # handled; the reply is kept for later
        await asyncio.sleep(FAST_SWEEP)
    assert channel.sent == [] and await report_count(core.db) == 1
    clock.set(clock.now() + timedelta(seconds=2))  # past the first backoff
    [text] = await channel.wait_sent(1)
    assert "30%" in text
    await inbox.wait_handled(1)
    await inbox.stop()
    assert await states(core.db) == ["done"]
    assert await report_count(core.db) == 1


async def test_what_a_crashed_process_left_is_handled_at_start(sqlite_db, clock, settings):
    channel = WatchedChannel()
    core = await seeded_core(sqlite_db, clock, settings, channel)
    await table.store(sqlite_db, "telegram", [report("7", 70)], dead_owner(), clock.now())
    await set_claim(sqlite_db, "7", dead_owner(), clock.now() + timedelta(minutes=2))
    inbox = Inbox(core, "telegram", sweep_every=FAST_SWEEP)
    inbox.start()
    try:
        [text] = await channel.wait_sent(1)
    finally:
        await inbox.stop()
    assert "70%" in text
    assert await states(sqlite_db) == ["done"]


@pytest.mark.postgres
async def test_an_update_met_by_a_database_outage_is_recorded_once_it_is_back(clock, settings):
    async with scratch_postgres(POSTGRES_URL) as url:
        direct = Database(url)
        await upgrade(direct)
        channel = WatchedChannel()
        await seeded_core(direct, clock, settings, channel)
        await direct.dispose()
        proxy = await CuttableProxy("127.0.0.1", 5432).start()
        proxied = url.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}")
        db = Database(proxied)
        core = Core(settings=settings, db=db, clock=clock, channels={"telegram": channel})
        inbox = Inbox(core, "telegram", sweep_every=FAST_SWEEP)
        inbox.start()
        try:
            await inbox.accept([report("1", 55)])
            proxy.cut()  # before its handling begins
            assert await channel.wait_sent(1) == [DELAYED]
            proxy.restore()
            clock.set(clock.now() + timedelta(seconds=2))  # past the first backoff, if it was saved
            texts = await channel.wait_sent(2, timeout=30)
            assert "55%" in texts[1] and texts.count(DELAYED) == 1
            await inbox.wait_handled(1)
        finally:
            await inbox.stop()
            await db.dispose()
            await proxy.stop()
        checked = Database(url)
        assert await report_count(checked) == 1
        assert await states(checked) == ["done"]
        await checked.dispose()
