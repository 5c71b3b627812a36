"""Bot leases: two processes' keepers on one database, one fake clock — each bot polled by one."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
from dataclasses import dataclass
from datetime import timedelta

from bot.lease_keeper import LeaseKeeper
from bot.services.bot_leases import hold_leases

BOTS = ("telegram", "telegram:TG_XA_AN_BINH", "zalo:ZL_XA_AN_BINH")


@dataclass
class FakeReceiver:
    """A bot's receiving side that records whether it receives."""

    name: str
    receiving: bool = False
    starts: int = 0

    async def start(self) -> None:
        self.receiving, self.starts = True, self.starts + 1

    async def pause(self) -> None:
        self.receiving = False


def keeper(db, clock, owner: str | None = None) -> tuple[LeaseKeeper, list[FakeReceiver]]:
    receivers = [FakeReceiver(name) for name in BOTS]
    return LeaseKeeper(db, clock, receivers, owner=owner), receivers


def receiving(receivers: list[FakeReceiver]) -> set[str]:
    return {receiver.name for receiver in receivers if receiver.receiving}


async def test_exactly_one_process_receives_each_bot(db, clock):
    first, first_bots = keeper(db, clock, "host-a:1:a")
    second, second_bots = keeper(db, clock, "host-b:1:b")
    await first.renew()
    await second.renew()
    for _ in range(3):
        clock.set(clock.now() + timedelta(seconds=15))
        await second.renew()
        await first.renew()
    assert receiving(first_bots) == set(BOTS) == first.held
    assert receiving(second_bots) == set() == second.held
    assert [bot.starts for bot in first_bots] == [1, 1, 1]


async def test_a_dead_holders_bots_are_taken_over_within_a_minute(db, clock):
    first, _first_bots = keeper(db, clock, "host-a:1:a")
    second, second_bots = keeper(db, clock, "host-b:1:b")
    await first.renew()
    died_at = clock.now()  # the first process stops renewing (killed), its leases stay
    while not receiving(second_bots):
        clock.set(clock.now() + timedelta(seconds=15))
        await second.renew()
    assert clock.now() - died_at <= timedelta(minutes=1)
    assert clock.now() - died_at > timedelta(seconds=30)  # not while the lease still ran
    assert receiving(second_bots) == set(BOTS)


async def test_a_process_that_lost_its_lease_stops_receiving(db, clock):
    first, first_bots = keeper(db, clock, "host-a:1:a")
    second, second_bots = keeper(db, clock, "host-b:1:b")
    await first.renew()
    clock.set(clock.now() + timedelta(seconds=50))  # the first stalled past its lease
    await second.renew()
    await first.renew()
    assert receiving(second_bots) == set(BOTS)
    assert receiving(first_bots) == set()
    # and it stops claiming their reminders: the sweep reads what the keeper holds
    assert second.held_bots.channels == frozenset(BOTS) and first.held_bots.channels == frozenset()


async def test_a_clean_stop_hands_the_bots_over_at_once(db, clock):
    first, first_bots = keeper(db, clock, "host-a:1:a")
    second, second_bots = keeper(db, clock, "host-b:1:b")
    await first.renew()
    await first.stop()
    await second.renew()
    assert receiving(first_bots) == set() and first.held_bots.channels == frozenset()
    assert receiving(second_bots) == set(BOTS)


async def test_a_restart_after_a_crash_on_this_host_does_not_wait_for_the_lease(db, clock):
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True
    )
    dead_owner = f"{socket.gethostname()}:{int(gone.stdout)}:0000dead"
    assert await hold_leases(db, BOTS, dead_owner, clock.now()) == set(BOTS)
    restarted, bots = keeper(db, clock)  # this process, its pid alive
    await restarted.renew()
    assert receiving(bots) == set(BOTS)


async def test_two_processes_starting_together_never_share_a_bot(db, clock):
    first, first_bots = keeper(db, clock, "host-a:1:a")
    second, second_bots = keeper(db, clock, "host-b:1:b")
    await asyncio.gather(first.renew(), second.renew())
    assert receiving(first_bots) | receiving(second_bots) == set(BOTS)
    assert not receiving(first_bots) & receiving(second_bots)
