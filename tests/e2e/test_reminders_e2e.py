"""Reminders over HTTP against the Telegram emulator: faults ridden out, a crash mid-sweep, two processes."""

from __future__ import annotations

import asyncio
import json
import signal
import sqlite3
import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.engine import make_url

from bot.clock import SystemClock
from bot.domain import Role, SlotState
from bot.emulators.telegram import TelegramEmulator
from bot.plandoc import TaskDraft
from bot.services.units import get_unit
from db.engine import Database
from db.migrate import upgrade
from db.models import Contact, ContactEndpoint, Delivery, Plan, ReminderSlot
from tests.integration.reminders.fakes import FakeTimer
from tests.integration.reminders.helpers import make_sweeper, seed_tasks
from tests.support.database import POSTGRES_URL, migrated_sqlite
from tests.support.telegram_e2e import BotProcess, bot_settings, dondoc, process_env

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# Every task is due today and reminded at midnight: exactly one reminder per task is due, at any hour.
DUE_NOW = {"send_time": "00:00", "before_due_days": [], "escalate_after_days": None}


def code(unit: int, task: int) -> str:
    return f"{unit:03d}.{task}"


async def seed_due_reminders(
    db: Database, emu: TelegramEmulator, units: int, tasks: int, due: date
) -> None:
    """`units` units with one contact each (an emulator user) and `tasks` tasks each, all due `due`."""
    names = [f"Phòng thử số {n:03d}" for n in range(units)]
    drafts = [
        TaskDraft(code=code(u, k), title=f"Việc {k} của phòng {u}", lead_units=[names[u]], due=due)
        for u in range(units)
        for k in range(1, tasks + 1)
    ]
    await seed_tasks(db, *drafts, title="Kế hoạch kiểm thử nhắc việc")
    async with db.transaction() as session:
        await session.execute(update(Plan).values(policy=DUE_NOW))
    async with db.transaction() as session:
        for u, name in enumerate(names):
            user = emu.user(10_000 + u, f"Đầu mối {u}")
            contact = Contact(
                display_name=user.first_name,
                role=Role.CONTACT,
                unit_id=(await get_unit(session, name)).id,
            )
            session.add(contact)
            await session.flush()
            session.add(
                ContactEndpoint(
                    contact_id=contact.id,
                    channel="telegram",
                    user_id=str(user.id),
                    chat_id=str(user.id),
                )
            )


def task_codes(emu: TelegramEmulator, chat_id: int) -> list[str]:
    """Task codes of the reminders a chat received, in arrival order."""
    return [m.plain.split("Nhiệm vụ ", 1)[1].split(":", 1)[0] for m in emu.messages_to(chat_id)]


def assert_each_once_in_order(
    emu: TelegramEmulator, units: int, tasks: int, allowed_twice: int = 0
) -> None:
    twice = 0
    for u in range(units):
        received = task_codes(emu, 10_000 + u)
        first_seen = list(dict.fromkeys(received))
        assert first_seen == [code(u, k) for k in range(1, tasks + 1)], received
        twice += len(received) - len(first_seen)
    assert twice <= allowed_twice
    assert emu.stats.duplicates == twice


async def due_slot_states(db: Database, now: datetime) -> dict[str, int]:
    """How many slots due by `now` are in each state."""
    async with db.reading() as session:
        rows = await session.execute(
            select(ReminderSlot.state, func.count())
            .where(ReminderSlot.fire_at <= now)
            .group_by(ReminderSlot.state)
        )
        return dict(rows.all())


async def test_faults_in_flight_are_ridden_out_in_order_without_duplicates(bot_env):
    emu = bot_env.emu
    await seed_due_reminders(bot_env.core.db, emu, units=15, tasks=4, due=date(2025, 3, 24))
    emu.faults(rate=0.2, seed=20250324)
    timer = FakeTimer()  # the pacer's waits (flood limits, retry_after) pass on a fake timer
    result = await make_sweeper(bot_env.core, timer).sweep()
    assert set(emu.stats.faults) == {"429", "500", "timeout"}
    assert_each_once_in_order(emu, 15, 4)
    assert await due_slot_states(bot_env.core.db, bot_env.clock.now()) == {SlotState.SENT: 60}
    assert len(result.sent) == 60
    assert 1.0 in timer.sleeps  # the 429s' retry_after was waited out


async def test_a_crash_mid_sweep_loses_nothing_and_repeats_at_most_the_message_in_flight(
    emulator, tmp_path
):
    settings = bot_settings(emulator, tmp_path)
    db = migrated_sqlite(tmp_path / "bot.db")
    today = datetime.now(TZ).date()
    await seed_due_reminders(db, emulator, units=40, tasks=3, due=today)
    emulator.limits(overall_per_s=30, per_chat_per_s=1, group_per_min=20)
    # Batches of 50: the kill leaves slots claimed but unsent, and others not claimed yet.
    env = process_env(settings, DONDOC_LOG_LEVEL="DEBUG", DONDOC_REMINDER_BATCH_SIZE="50")
    bot = BotProcess(emulator, env, tmp_path)
    try:
        await bot.start()
        await emulator.wait_for(lambda: len(emulator.sent) >= 40, timeout=60)
        await bot.restart()  # kill -9 in the middle of the first batch, then start again
        assert 40 <= len(emulator.sent) < 50
        await emulator.wait_for(
            lambda: len({(m.chat_id, m.text) for m in emulator.sent}) == 120, timeout=90
        )
        await until(lambda: _all_sent(tmp_path), timeout=10)
    finally:
        if bot.child is not None:
            await bot.stop(signal.SIGKILL)
    # The restarted process does not know when its predecessor last wrote to a chat: a 429 may
    # come back once, and is waited out like any other.
    assert_each_once_in_order(emulator, 40, 3, allowed_twice=1)
    async with db.reading() as session:
        assert await session.scalar(select(func.count()).select_from(Delivery)) == 120
    assert await due_slot_states(db, SystemClock().now()) == {SlotState.SENT: 120}
    await db.dispose()


async def until(predicate, timeout: float) -> None:
    """Wait for another process's commit (no event crosses the process boundary, so look often)."""
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.05)


def _all_sent(tmp_path) -> bool:
    with sqlite3.connect(tmp_path / "bot.db") as connection:
        (sent,) = connection.execute(
            "select count(*) from reminder_slots where state = 'sent'"
        ).fetchone()
    return sent == 120


@pytest.mark.postgres
async def test_two_processes_on_postgresql_deliver_each_reminder_exactly_once(emulator, tmp_path):
    """The bot's reminders go out from the process holding its lease (its flood limit paced in
    one place); the other stands by. Claims racing across processes: tests/integration/reminders."""
    name = f"dondoc_e2e_{uuid.uuid4().hex[:10]}"
    admin = Database(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    async with admin.engine.connect() as connection:
        await connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    db = Database(url)
    bots: list[BotProcess] = []
    try:
        await upgrade(db)
        await seed_due_reminders(db, emulator, units=50, tasks=2, due=datetime.now(TZ).date())
        settings = bot_settings(emulator, tmp_path).model_copy(update={"database_url": url})
        for n in range(2):
            folder = tmp_path / f"bot{n}"
            folder.mkdir()
            env = process_env(settings, DONDOC_REMINDER_BATCH_SIZE="10")
            bots.append(BotProcess(emulator, env, folder))
        await asyncio.gather(*(bot.start() for bot in bots))
        await emulator.wait_for(lambda: len(emulator.sent) >= 100, timeout=60)
        async with db.reading() as session:
            claimed_by = await session.scalar(
                select(func.count(func.distinct(ReminderSlot.claimed_by)))
            )
    finally:
        for bot in bots:
            if bot.child is not None:
                await bot.stop(signal.SIGKILL)
        await db.dispose()
        async with admin.engine.connect() as connection:
            await connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.dispose()
    assert_each_once_in_order(emulator, 50, 2)
    assert claimed_by == 1, "one process sent through the bot it holds"


async def test_remind_now_sends_through_the_configured_channel_and_says_what_it_sent(
    emulator, tmp_path
):
    settings = bot_settings(emulator, tmp_path)
    db = migrated_sqlite(tmp_path / "bot.db")
    await seed_due_reminders(db, emulator, units=3, tasks=2, due=datetime.now(TZ).date())
    await db.dispose()
    exit_code, out, err = await dondoc("remind", "--json", env=process_env(settings), cwd=tmp_path)
    assert exit_code == 0, err
    report = json.loads(out)
    assert sorted((item["task"], item["chat_id"]) for item in report["sent"]) == [
        (code(u, k), str(10_000 + u)) for u in range(3) for k in (1, 2)
    ]
    assert_each_once_in_order(emulator, 3, 2)
    assert emulator.token not in out + err
    _exit_code, out, _err = await dondoc(
        "remind", "--json", env=process_env(settings), cwd=tmp_path
    )
    assert json.loads(out)["sent"] == []  # nothing twice
