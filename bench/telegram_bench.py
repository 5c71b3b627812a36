"""The Telegram channel against the emulator: send rate, flood limits, faults, inbound round trips.

    .venv/bin/python bench/telegram_bench.py --json [--database-url postgresql://postgres@127.0.0.1:5432/test]

- send: 150 messages to 50 chats through `TelegramChannel.send`, concurrently; PTB's
  AIORateLimiter should hold the whole bot to Telegram's 30 messages/s.
- flood: the emulator enforces 10/s per chat (scaled up from Telegram's 1/s) on 60 sends to
  3 chats; every message must arrive once, after honouring each 429's retry_after.
- faults: 200 sends with 20 % random 429/500/lost answers, retried by the caller on
  TransientError/RetryAfter but not on DeliveryUncertain (a lost answer), as the reminder
  engine does: every message is delivered, none twice.
- inbound: 100 users each send a message to the running bot (runner, core, SQLite);
  round trip from injecting the update to the bot's answer arriving (answers share the
  30 messages/s budget, so the last ones wait for it). With `--database-url`, inbound again
  on a database of its own on that PostgreSQL server (`"postgresql": {"inbound"}`; the runner
  takes a URL only, so a database rather than a schema).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.support import add_database_option, bench_database_url
from bot.channels.telegram import TelegramChannel
from bot.channels.telegram_service import build_application
from bot.emulators.seeding import emulator_settings
from bot.emulators.telegram import TelegramEmulator
from bot.messages import DeliveryUncertain, Outgoing, RetryAfter, TransientError
from bot.runner import Runner


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values fall (ms, rounded)."""
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000, 1)


async def timed_send(channel: TelegramChannel, chat: int, text: str) -> float:
    start = time.perf_counter()
    await channel.send(str(chat), Outgoing(text=text))
    return time.perf_counter() - start


async def bench_send(emu: TelegramEmulator, channel: TelegramChannel) -> dict:
    chats = [emu.user(10_000 + n, f"Người {n}").id for n in range(50)]
    start = time.perf_counter()
    latencies = await asyncio.gather(
        *(timed_send(channel, chats[n % 50], f"Tin số {n}") for n in range(150))
    )
    elapsed = time.perf_counter() - start
    return {
        "messages": 150,
        "seconds": round(elapsed, 2),
        "per_second": round(150 / elapsed, 1),
        "latency_ms_p50": percentile(latencies, 0.5),
        "latency_ms_p95": percentile(latencies, 0.95),
    }


async def bench_flood(emu: TelegramEmulator, channel: TelegramChannel) -> dict:
    emu.limits(per_chat_per_s=10)
    chats = [emu.user(20_000 + n, f"Nhóm {n}").id for n in range(3)]
    before = (len(emu.sent), emu.stats.rate_limited)
    start = time.perf_counter()
    await asyncio.gather(
        *(channel.send(str(chats[n % 3]), Outgoing(text=f"Lũ {n}")) for n in range(60))
    )
    elapsed = time.perf_counter() - start
    emu.limits()
    return {
        "messages": 60,
        "delivered": len(emu.sent) - before[0],
        "answered_429": emu.stats.rate_limited - before[1],
        "seconds": round(elapsed, 2),
    }


async def send_with_retries(channel: TelegramChannel, chat: int, text: str) -> str:
    """The outcome with the reminder engine's rule: retry what failed, never what may have arrived."""
    for _attempt in range(5):
        try:
            await channel.send(str(chat), Outgoing(text=text))
            return "sent"
        except DeliveryUncertain:
            return "uncertain"
        except (TransientError, RetryAfter):
            await asyncio.sleep(0.05)
    return "gave_up"


async def bench_faults(emu: TelegramEmulator, channel: TelegramChannel) -> dict:
    emu.faults(rate=0.2, kinds=("429", "500", "timeout"), seed=11, retry_after=1)
    chats = [emu.user(30_000 + n, f"Lỗi {n}").id for n in range(20)]
    duplicates_before, delivered_before = emu.stats.duplicates, len(emu.sent)
    start = time.perf_counter()
    outcomes = await asyncio.gather(
        *(send_with_retries(channel, chats[n % 20], f"Nhắc {n}") for n in range(200))
    )
    elapsed = time.perf_counter() - start
    emu.faults(rate=0)
    return {
        "messages": 200,
        "outcomes": {name: outcomes.count(name) for name in ("sent", "uncertain", "gave_up")},
        "delivered": len(emu.sent) - delivered_before,
        "faults": dict(emu.stats.faults),
        "duplicates": emu.stats.duplicates - duplicates_before,
        "seconds": round(elapsed, 2),
    }


async def bench_inbound(tmp: Path, server: str | None) -> dict:
    """Round trips to the running bot, on SQLite or, with `server`, on a database of its own there."""
    async with (
        TelegramEmulator() as emu,
        bench_database_url(tmp, "inbound", server) as database_url,
    ):
        settings = emulator_settings(emu, tmp / "inbound.db")
        runner = Runner(settings.model_copy(update={"database_url": database_url}), scheduler=False)
        await runner.start()
        try:
            users = [emu.user(40_000 + n, f"Khách {n}") for n in range(100)]
            clock = asyncio.get_running_loop().time  # the clock the emulator stamps messages with
            start = clock()
            sent_at = {}
            for user in users:
                sent_at[user.id] = clock()
                await emu.send_text(user, "/khongcolenhnay")
            trips = []
            for user in users:
                answer = await emu.next_message(user.id, timeout=60)
                trips.append(answer.time - sent_at[user.id])
            elapsed = clock() - start
        finally:
            await runner.stop()
    return {
        "users": 100,
        "seconds_until_all_answered": round(elapsed, 2),
        "round_trip_ms_p50": percentile(trips, 0.5),
        "round_trip_ms_p95": percentile(trips, 0.95),
    }


async def main(server: str | None) -> dict:
    results: dict = {}
    async with TelegramEmulator() as emu:
        application = build_application(emu.token, emu.api_url)
        async with application:
            channel = TelegramChannel(application.bot)
            results["send"] = await bench_send(emu, channel)
            results["flood"] = await bench_flood(emu, channel)
            results["faults"] = await bench_faults(emu, channel)
    with tempfile.TemporaryDirectory() as tmp:
        results["inbound"] = await bench_inbound(Path(tmp), None)
        if server:
            results["postgresql"] = {"inbound": await bench_inbound(Path(tmp), server)}
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON only")
    add_database_option(parser)
    arguments = parser.parse_args()
    outcome = asyncio.run(main(arguments.database_url))
    print(json.dumps(outcome, ensure_ascii=False, indent=None if arguments.json else 2))
