"""The benches' accelerated clock, read by `dondoc run` from DONDOC_CLOCK_*."""

from __future__ import annotations

from datetime import UTC, datetime

import time_machine

from bot.clock import AcceleratedClock, SystemClock, clock_from_env

ORIGIN = datetime(2026, 1, 1, tzinfo=UTC)


def test_without_a_start_the_machine_clock_is_used():
    assert isinstance(clock_from_env({"DONDOC_CLOCK_SPEED": "1000"}), SystemClock)


def test_the_clock_runs_speed_times_faster_from_its_origin():
    env = {
        "DONDOC_CLOCK_START": "2025-03-03T06:00:00+07:00",
        "DONDOC_CLOCK_SPEED": "3600",
        "DONDOC_CLOCK_ORIGIN": str(ORIGIN.timestamp()),
    }
    clock = clock_from_env(env)
    assert isinstance(clock, AcceleratedClock)
    with time_machine.travel(ORIGIN.timestamp() + 2.5, tick=False):  # 2.5 s: 2.5 simulated hours
        assert clock.now() == datetime(2025, 3, 3, 1, 30, tzinfo=UTC)
