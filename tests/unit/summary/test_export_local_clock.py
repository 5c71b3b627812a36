"""Stored UTC moments turned into the local wall-clock times a spreadsheet shows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.services.exports.common import local_clock, naive_local

HANOI, BERLIN = ZoneInfo("Asia/Ho_Chi_Minh"), ZoneInfo("Europe/Berlin")
# Hourly over a week that holds Berlin's spring change (30 March 2025, 01:00 UTC).
MOMENTS = [datetime(2025, 3, 27, tzinfo=UTC) + timedelta(hours=n) for n in range(7 * 24)]


@pytest.mark.parametrize("tz", [HANOI, BERLIN])
@pytest.mark.parametrize("stored_naive", [True, False])
def test_every_moment_reads_as_its_local_time(tz, stored_naive):
    stored = [m.replace(tzinfo=None) for m in MOMENTS] if stored_naive else MOMENTS
    local = local_clock(stored, tz)
    assert [local(at) for at in stored] == [naive_local(at, tz) for at in MOMENTS]


def test_aware_moments_of_another_zone_read_as_their_local_time():
    stored = [at.astimezone(BERLIN) for at in MOMENTS]
    local = local_clock(stored, HANOI)
    assert [local(at) for at in stored] == [naive_local(at, HANOI) for at in MOMENTS]
