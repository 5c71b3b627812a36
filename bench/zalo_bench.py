"""Zalo adapter throughput: updates through the real adapter and core against the emulator; JSON.

    .venv/bin/python bench/zalo_bench.py --json [--database-url postgresql://postgres@127.0.0.1:5432/test]

A bound contact sends N reports naming a task (long polling, one update per getUpdates as
Zalo delivers them), then N strangers write once; timed until every answer has arrived.
Also the HTML → text render of a 20,000-character summary cut into 2,000-character parts.
SQLite in a temporary folder; with `--database-url`, the updates again on a schema of that
PostgreSQL server (`"postgresql"`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.support import SAMPLES, add_database_option, bench_database
from bot.channels.zalo import ZaloChannel
from bot.clock import FixedClock
from bot.domain import Role
from bot.emulators.seeding import bind_user, plan_from_expected, seed_plan
from bot.emulators.zalo import ZaloEmulator
from bot.emulators.zalo_harness import TOKEN, zalo_bot, zalo_settings
from bot.messages import Button, Outgoing
from db.engine import Database
from db.migrate import upgrade


async def through_the_bot(count: int, server: str | None) -> dict[str, float]:
    """Seconds for `count` reports and `count` stranger messages, answered; on SQLite or, with
    `server`, on a schema of that PostgreSQL server."""
    with tempfile.TemporaryDirectory() as folder:
        emulator = ZaloEmulator(TOKEN)
        await emulator.start()
        try:
            async with bench_database(Path(folder), "bench", server) as database:
                return await _through_the_bot(count, emulator, database, Path(folder))
        finally:
            await emulator.stop()


async def _through_the_bot(
    count: int, emulator: ZaloEmulator, database: Database, folder: Path
) -> dict[str, float]:
    await upgrade(database)
    clock = FixedClock(datetime(2025, 3, 24, 1, 0, tzinfo=UTC))
    await seed_plan(database, plan_from_expected(SAMPLES / "ke-hoach-730-khcn.expected.json"))
    await bind_user(
        database, clock.now(), role=Role.CONTACT, user_id="c1", unit="UBND huyện", channel="zalo"
    )
    contact = emulator.user("c1", "Đầu mối")
    async with zalo_bot(zalo_settings(folder, emulator), database, clock):
        started = time.perf_counter()
        for number in range(count):
            await emulator.send_text(contact, f"II.3 đã đạt {number % 100}%")
        await emulator.wait_for(lambda: len(emulator.texts_to("c1")) >= count, 300)
        reports = time.perf_counter() - started
        started = time.perf_counter()
        for number in range(count):
            await emulator.send_text(emulator.user(f"s{number}", "Người lạ"), "xin chào")
        await emulator.wait_for(lambda: len(emulator.sent) >= 2 * count, 300)
        strangers = time.perf_counter() - started
    return {"reports_per_second": count / reports, "strangers_per_second": count / strangers}


def render_seconds(repeat: int = 50) -> float:
    """Mean seconds to render a 20,000-character HTML summary with buttons for Zalo."""
    channel = ZaloChannel(client=None, choices=None)
    lines = [f"<b>{n}.</b> Nhiệm vụ số {n} &amp; đơn vị <i>chủ trì</i> — 70%" for n in range(400)]
    message = Outgoing(text="\n".join(lines), buttons=((Button("Trang sau ▶", "sum:1"),),))
    started = time.perf_counter()
    for _ in range(repeat):
        channel.render(message)
    return (time.perf_counter() - started) / repeat


def main() -> None:
    """Run and print."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument("--count", type=int, default=200)
    add_database_option(parser)
    args = parser.parse_args()
    result: dict[str, object] = {
        "updates": args.count,
        **rounded(asyncio.run(through_the_bot(args.count, None))),
    }
    result["render_20k_chars_ms"] = round(render_seconds() * 1000, 2)
    if args.database_url:
        result["postgresql"] = rounded(asyncio.run(through_the_bot(args.count, args.database_url)))
    print(json.dumps(result))


def rounded(figures: dict[str, float]) -> dict[str, float]:
    """`figures` to two decimals."""
    return {key: round(value, 2) for key, value in figures.items()}


if __name__ == "__main__":
    main()
