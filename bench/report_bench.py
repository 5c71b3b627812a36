"""Progress replies: reading speed of the text reader and replies recorded per second; prints JSON.

    .venv/bin/python bench/report_bench.py --json [--database-url postgresql://postgres@127.0.0.1:5432/test]

Reads typical replies and 10,000-character ones with `read_progress`, then sends replies to
reminders through `core.handle` (SQLite file, a fake channel) and counts reports stored per second;
with `--database-url`, the same on a schema of that PostgreSQL server (`"postgresql": {"record"}`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.support import SAMPLES, add_database_option, bench_database
from bot.clock import FixedClock
from bot.config import Settings
from bot.core import Core
from bot.domain import Role
from bot.emulators.recording_channel import FakeChannel
from bot.emulators.seeding import bind_user, plan_from_expected, record_sent_reminder, seed_plan
from bot.messages import Incoming
from bot.reading import read_progress
from bot.services.tasks import get_task
from bot.services.units import get_unit
from db.engine import Database
from db.migrate import upgrade

REPLIES = [
    "Đã triển khai được 70%, đang hoàn thiện hồ sơ",
    "xong",
    "vướng kinh phí, đề nghị gia hạn đến 30/6",
    "II.3 đã xong 70%",
    "NV 4: đang làm",
    "Chưa hoàn thành do thiếu nhân lực, phấn đấu xong trước cuối tháng 7",
]
TODAY = date(2025, 3, 24)


def reading_speed(count: int) -> dict[str, float]:
    """Replies read per second, typical and 10,000 characters long."""
    started = time.perf_counter()
    for index in range(count):
        read_progress(REPLIES[index % len(REPLIES)], TODAY)
    typical = count / (time.perf_counter() - started)
    long_texts = [(reply + " ") * (10_000 // (len(reply) + 1)) for reply in REPLIES]
    started = time.perf_counter()
    for index in range(count // 100):
        read_progress(long_texts[index % len(long_texts)], TODAY)
    long = (count // 100) / (time.perf_counter() - started)
    return {"typical_per_s": round(typical), "long_10k_per_s": round(long, 1)}


async def recording_speed(replies: int, server: str | None) -> dict[str, float]:
    """Replies to reminders handled end to end (read, authorize, store, acknowledge) per second,
    on SQLite or, with `server`, on a schema of that PostgreSQL server."""
    with tempfile.TemporaryDirectory() as folder:
        async with bench_database(Path(folder), "bench", server) as database:
            return await _recording_speed(database, replies)


async def _recording_speed(database: Database, replies: int) -> dict[str, float]:
    await upgrade(database)
    clock = FixedClock(datetime(2025, 3, 24, 1, 0, tzinfo=UTC))
    await seed_plan(
        database, plan_from_expected(SAMPLES / "ke-hoach-112-chuyen-doi-so.expected.json")
    )
    unit = "Phòng Văn hóa và Thông tin huyện"
    await bind_user(database, clock.now(), role=Role.CONTACT, user_id="a", unit=unit)
    async with database.transaction() as session:
        task_id = (await get_task(session, "2")).id
        unit_id = (await get_unit(session, unit)).id
        for index in range(replies):
            await record_sent_reminder(
                session,
                task_id=task_id,
                unit_id=unit_id,
                channel="telegram",
                chat_id="a",
                message_id=f"r{index}",
                at=clock.now(),
                occurrence=str(index),
            )
    url = database.url.render_as_string(hide_password=False)
    settings = Settings(_env_file=None, DATABASE_URL=url)
    core = Core(settings=settings, db=database, clock=clock, channels={"telegram": FakeChannel()})
    started = time.perf_counter()
    for index in range(replies):
        incoming = Incoming(
            channel="telegram",
            chat_id="a",
            user_id="a",
            message_id=f"m{index}",
            text=REPLIES[index % len(REPLIES)],
            reply_to_message_id=f"r{index}",
        )
        await core.handle(incoming)
    elapsed = time.perf_counter() - started
    return {
        "replies": replies,
        "replies_per_s": round(replies / elapsed, 1),
        "ms_per_reply": round(1000 * elapsed / replies, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print JSON (the only output)")
    parser.add_argument("--replies", type=int, default=300)
    add_database_option(parser)
    arguments = parser.parse_args()
    result = {
        "read_progress": reading_speed(20_000),
        "record": asyncio.run(recording_speed(arguments.replies, None)),
    }
    if arguments.database_url:
        result["postgresql"] = {
            "record": asyncio.run(recording_speed(arguments.replies, arguments.database_url))
        }
    print(json.dumps(result, indent=None if arguments.json else 2))


if __name__ == "__main__":
    main()
