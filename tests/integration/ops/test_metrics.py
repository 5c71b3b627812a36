"""The metrics count what happened: reminders by kind and outcome, reports by status, gauges."""

from __future__ import annotations

from prometheus_client import REGISTRY

from bot import metrics
from bot.domain import Role
from tests.fakes import FakeChannel, bind_user
from tests.integration.reminders.helpers import make_core, make_sweeper, report, seed_sample

COMMUNES = "UBND các xã, thị trấn"


def value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def gauge(text: str, name: str) -> float:
    [line] = [line for line in text.splitlines() if line.startswith(f"{name} ")]
    return float(line.split()[1])


async def test_a_sent_reminder_is_counted_under_its_kind(db, clock):
    await seed_sample(db)
    await bind_user(db, clock.now(), role=Role.CONTACT, user_id="501", unit=COMMUNES)
    before = value("dondoc_reminders_total", kind="before_due", outcome="sent")
    sweeps = value("dondoc_sweep_duration_seconds_count")
    await make_sweeper(make_core(db, clock, FakeChannel())).sweep()
    assert value("dondoc_reminders_total", kind="before_due", outcome="sent") == before + 1
    assert value("dondoc_sweep_duration_seconds_count") == sweeps + 1
    assert metrics.SWEPT_AT[db] == clock.now()


async def test_the_oldest_due_slot_is_measured_until_it_is_sent(db, clock):
    await seed_sample(db)
    await bind_user(db, clock.now(), role=Role.CONTACT, user_id="501", unit=COMMUNES)
    sweeper = make_sweeper(make_core(db, clock, FakeChannel()))
    await sweeper.replan(clock.now())
    later = clock.now().replace(minute=30)
    assert (
        gauge((await metrics.render(db, later)).decode(), "dondoc_oldest_due_slot_age_seconds")
        >= 1800
    )
    await sweeper.sweep(cutoff=later)
    after = (await metrics.render(db, later)).decode()
    assert gauge(after, "dondoc_oldest_due_slot_age_seconds") == 0


async def test_blocked_reports_are_open_obstacles_and_counted_by_status(db, clock):
    await seed_sample(db)
    blocked = value("dondoc_replies_recorded_total", status="blocked")
    await report(db, "1", COMMUNES, "vướng kinh phí, chưa triển khai được", clock.now())
    assert value("dondoc_replies_recorded_total", status="blocked") == blocked + 1
    text = (await metrics.render(db, clock.now())).decode()
    assert gauge(text, "dondoc_obstacles_open") == 1
    await report(db, "1", COMMUNES, "đã xong 100%", clock.now().replace(minute=5))
    text = (await metrics.render(db, clock.now())).decode()
    assert gauge(text, "dondoc_obstacles_open") == 0
