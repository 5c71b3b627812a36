"""Leases that cannot cause duplicates: renewed every third of the lease, own claims taken back at once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bench.crash_burst import scratch_postgres
from bot.config import SettingsError
from bot.domain import Role, SlotState
from bot.emulators.tcpproxy import CuttableProxy
from bot.messages import Outgoing, Sent
from bot.plandoc import TaskDraft
from bot.services.reminders.settings import ReminderSettings
from db.engine import Database
from db.migrate import upgrade
from db.models import Delivery
from db.unavailable import database_unavailable
from tests.fakes import FakeChannel, bind_user
from tests.integration.reminders.fakes import FakeTimer
from tests.integration.reminders.helpers import local, make_core, make_sweeper, seed_tasks, slots
from tests.support.database import BACKENDS, POSTGRES_URL, drop_schema, make_database

SEND_SECONDS = 2.0  # a slow platform: each message takes this long


@dataclass
class TimerClock:
    """Wall-clock time that moves with the fake timer, so leases age as sends take their time."""

    start: datetime
    timer: FakeTimer

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self.timer.now)


class SlowChannel(FakeChannel):
    """Each send takes SEND_SECONDS of fake time; every `every` seconds of it, `meanwhile` runs first.

    Time moves only with the sends, and `meanwhile` (another process's sweep) runs to its end at
    each of those moments, so neither side's clock can race ahead while the other waits on a write.
    """

    def __init__(
        self, timer: FakeTimer, every: float, meanwhile: Callable[[], Awaitable[object]]
    ) -> None:
        super().__init__()
        self.timer = timer
        self.every = every
        self.meanwhile = meanwhile
        self.next_moment = every
        self.inside = False

    async def send(self, chat_id: str, message: Outgoing) -> Sent:
        await self.timer.sleep(SEND_SECONDS)
        if self.timer.now >= self.next_moment and not self.inside:
            self.next_moment += self.every
            self.inside = True
            try:
                await self.meanwhile()
            finally:
                self.inside = False
        return await super().send(chat_id, message)


class CutOnce(FakeChannel):
    """The first send fails with an error nobody handles, as a dropped database connection does."""

    def __init__(self) -> None:
        super().__init__()
        self.cut = False

    async def send(self, chat_id: str, message: Outgoing) -> Sent:
        if not self.cut:
            self.cut = True
            raise ConnectionResetError("connection lost")
        return await super().send(chat_id, message)


UNITS = [f"Phòng số {n} huyện" for n in range(20)]


async def seed_units(db: Database, clock) -> None:
    drafts = [
        TaskDraft(code=str(n), title=f"Việc {n}", lead_units=[unit], due=date(2025, 3, 31))
        for n, unit in enumerate(UNITS)
    ]
    await seed_tasks(db, *drafts)
    for n, unit in enumerate(UNITS):
        await bind_user(db, clock.now(), role=Role.CONTACT, user_id=str(n), unit=unit)


@pytest.mark.parametrize("backend", BACKENDS)
async def test_two_dispatchers_with_a_short_lease_send_nothing_twice(backend, tmp_path):
    first, url, schema = await make_database(backend, tmp_path)
    second = Database(url, schema=schema)
    try:
        timer = FakeTimer()
        clock = TimerClock(local(date(2025, 3, 31)), timer)
        await seed_units(first, clock)
        sweeps: list[int] = []

        async def other_sweeps() -> None:
            sweeps.append((await other.sweep()).claimed)

        # The first takes every unit at once: 20 sends of 2 s outlast the 15 s lease many times
        # over, while the other sweeps every 4 s of that time.
        channel = SlowChannel(timer, every=4, meanwhile=other_sweeps)
        busy = make_sweeper(make_core(first, clock, channel), timer, claim_lease_seconds=15)
        other = make_sweeper(make_core(second, clock, channel), timer, claim_lease_seconds=15)
        await busy.sweep()
        assert len(sweeps) >= 9 and sweeps == [0] * len(sweeps)
        chats = [chat for chat, _message, _id in channel.sent]
        assert sorted(chats, key=int) == [str(n) for n in range(20)]
        async with first.reading() as session:
            assert await session.scalar(select(func.count()).select_from(Delivery)) == 20
    finally:
        await second.dispose()
        await first.dispose()
        if schema:
            await drop_schema(schema)


async def test_a_sweeper_resumes_its_own_claims_at_once_after_an_outage(db, clock):
    clock.set(local(date(2025, 3, 31)))
    await seed_units(db, clock)
    channel = CutOnce()
    sweeper = make_sweeper(make_core(db, clock, channel), claim_lease_seconds=180)
    with pytest.raises(ConnectionResetError):
        await sweeper.sweep()
    held = [slot for unit in range(20) for slot in await slots(db, str(unit), kind="due")]
    assert {slot.state for slot in held} == {SlotState.CLAIMED}
    await sweeper.sweep()  # same moment: no lease has run out
    assert sorted((chat for chat, _m, _id in channel.sent), key=int) == [str(n) for n in range(20)]


def test_renewal_is_a_third_of_the_lease_and_never_rarer_than_30_seconds():
    assert ReminderSettings(_env_file=None, claim_lease_seconds=15).renew_seconds == 5
    assert ReminderSettings(_env_file=None, claim_lease_seconds=60).renew_seconds == 20
    assert ReminderSettings(_env_file=None, claim_lease_seconds=600).renew_seconds == 30


def test_a_lease_too_short_to_renew_is_one_vietnamese_line(monkeypatch):
    monkeypatch.setenv("DONDOC_REMINDER_CLAIM_LEASE_SECONDS", "9")
    with pytest.raises(SettingsError) as caught:
        ReminderSettings.load()
    assert str(caught.value) == (
        "Cấu hình sai: biến DONDOC_REMINDER_CLAIM_LEASE_SECONDS — phải từ 15 giây trở lên "
        "(lượt gửi được gia hạn sau mỗi 1/3 thời hạn, tối thiểu 5 giây)"
    )


class CutsDatabaseAfter(FakeChannel):
    """Delivers every message; after `count` of them the database goes away (a TCP proxy cut)."""

    def __init__(self, proxy: CuttableProxy, count: int) -> None:
        super().__init__()
        self.proxy = proxy
        self.left = count

    async def send(self, chat_id: str, message: Outgoing) -> Sent:
        if self.left == 0:
            self.proxy.cut()
        self.left -= 1
        return await super().send(chat_id, message)


@pytest.mark.postgres
async def test_a_slot_sent_before_an_outage_counts_as_sent_when_a_newer_one_supersedes_it(clock):
    async with scratch_postgres(POSTGRES_URL) as url:
        proxy = await CuttableProxy("127.0.0.1", 5432).start()
        db = Database(url.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}"))
        try:
            await upgrade(db)
            clock.set(local(date(2025, 3, 24)))  # 7 days before the deadline
            await seed_units(db, clock)
            channel = CutsDatabaseAfter(proxy, 5)
            sweeper = make_sweeper(make_core(db, clock, channel))
            with pytest.raises(Exception) as caught:
                await sweeper.sweep()  # 5 sent and recorded, their slots not marked; a 6th sent
            assert database_unavailable(caught.value)
            proxy.restore()
            clock.set(local(date(2025, 3, 28)))  # back when the next reminder is due
            await sweeper.sweep()
            rows = [s for unit in range(20) for s in await slots(db, str(unit), kind="before_due")]
            week_before = [slot for slot in rows if slot.fire_at == local(date(2025, 3, 24))]
            states = Counter(slot.state for slot in week_before)
            assert states == {SlotState.SENT: 5, SlotState.SKIPPED: 15}
            assert len(channel.sent) == 6 + 20  # none sent twice; every unit hears the newer one
        finally:
            await db.dispose()
            await proxy.stop()
