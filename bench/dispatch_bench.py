"""The reminder engine's throughput and idle cost.

    .venv/bin/python bench/dispatch_bench.py --json [--reminders 3000] [--chats 300] [--idle-slots 100000]
                                                [--database-url postgresql://postgres@127.0.0.1:5432/test]

- deliver: `--reminders` reminders (one per task, `--chats` units with one contact each), all
  due now, swept through `TelegramChannel` to the emulator, which answers 429 beyond a scaled
  flood limit (300 messages/s overall, 10/s per chat); the sweep paces itself to the same
  limits. Reports the achieved rate (first to last message), 429s received, duplicates and
  the process's peak memory. PTB's own AIORateLimiter (30/s) is left out: it would cap the
  scaled run at Telegram's real limit.
- idle: the cost of one sweep with `--idle-slots` future slots in the ledger and nothing due
  (median and p95 over 30 sweeps), and the query plan of the claim.

SQLite files in a temporary folder; with `--database-url`, deliver and idle again on schemas of
that PostgreSQL server (`"postgresql": {"deliver", "idle_sweep"}`; the peak memory is the
process's, so given once).
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import json
import resource
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import bindparam, func, select, text, update
from telegram import Bot

from bench.support import add_database_option, analyze, bench_database
from bot.channels.telegram import TelegramChannel
from bot.clock import FixedClock, SystemClock
from bot.config import Settings
from bot.core import Core
from bot.domain import Role, SlotState
from bot.emulators.recording_channel import FakeChannel
from bot.emulators.telegram import TelegramEmulator
from bot.messages import Outgoing
from bot.plandoc import PlanDocument, PlanHeader, TaskDraft
from bot.services.registry import import_plan
from bot.services.reminders.pacing import Pacer, RateLimits
from bot.services.reminders.recipients import Recipient
from bot.services.reminders.sending import Job, SendLoop
from bot.services.reminders.settings import ReminderSettings
from bot.services.reminders.sweep import Sweeper
from bot.services.units import get_unit
from db.engine import Database
from db.migrate import upgrade
from db.models import Contact, ContactEndpoint, Plan, ReminderSlot, Task

HANOI_0800 = datetime(2025, 3, 24, 1, 0, tzinfo=UTC)
LIMITS = {"overall_per_s": 300, "per_chat_per_s": 10}


async def seed(db: Database, units: int, tasks_per_unit: int, due: date, policy: dict) -> list[str]:
    """Units with `tasks_per_unit` tasks each; their names."""
    names = [f"Đơn vị số {n:04d}" for n in range(units)]
    drafts = [
        TaskDraft(code=f"{u}.{k}", title=f"Nhiệm vụ {k} của đơn vị {u}", lead_units=[name], due=due)
        for u, name in enumerate(names)
        for k in range(1, tasks_per_unit + 1)
    ]
    async with db.transaction() as session:
        await import_plan(
            session, PlanDocument(plan=PlanHeader(title="Kế hoạch đo"), tasks=drafts), "bench"
        )
        await session.execute(update(Plan).values(policy=policy))
    return names


async def serve_emulator() -> None:
    """Child-process mode: an emulator driven by JSON lines on stdin (the bot's process stays alone)."""
    loop = asyncio.get_running_loop()
    async with TelegramEmulator() as emu:
        print(json.dumps({"api_url": emu.api_url, "token": emu.token}), flush=True)
        while line := await loop.run_in_executor(None, sys.stdin.readline):
            command = json.loads(line)
            if "users" in command:
                for user_id in command["users"]:
                    emu.user(user_id, f"Đầu mối {user_id}")
            if "limits" in command:
                emu.limits(**command["limits"])
            times = [message.time for message in emu.sent]
            print(json.dumps({
                "sent": len(emu.sent),
                "distinct": len({(m.chat_id, m.text) for m in emu.sent}),
                "span": max(times) - min(times) if times else 0.0,
                "answered_429": emu.stats.rate_limited,
                "duplicates": emu.stats.duplicates,
            }), flush=True)  # fmt: skip


class EmulatorProcess:
    """The emulator in a child process, so it does not share the bot's event loop and CPU."""

    async def __aenter__(self) -> EmulatorProcess:
        self.child = await asyncio.create_subprocess_exec(
            sys.executable, __file__, "--emulator-server",
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        hello = json.loads(await self.child.stdout.readline())
        self.api_url, self.token = hello["api_url"], hello["token"]
        return self

    async def ask(self, **command) -> dict:
        self.child.stdin.write((json.dumps(command) + "\n").encode())
        await self.child.stdin.drain()
        return json.loads(await self.child.stdout.readline())

    async def __aexit__(self, *_exc) -> None:
        self.child.stdin.close()
        await self.child.wait()


async def bench_deliver(
    workdir: Path, reminders: int, chats: int, in_flight: int, server: str | None
) -> dict:
    """The sweep's delivery rate, on SQLite or, with `server`, a schema of that PostgreSQL server."""
    async with bench_database(workdir, f"deliver-{in_flight}", server) as db:
        return await _deliver(db, reminders, chats, in_flight)


async def _deliver(db: Database, reminders: int, chats: int, in_flight: int) -> dict:
    await upgrade(db)
    today = datetime.now(UTC).date()
    policy = {"send_time": "00:00", "before_due_days": [], "escalate_after_days": None}
    names = await seed(db, chats, reminders // chats, today, policy)
    users = [100_000 + n for n in range(chats)]
    async with db.transaction() as session:
        for user_id, name in zip(users, names, strict=True):
            unit = await get_unit(session, name)
            contact = Contact(
                display_name=f"Đầu mối {user_id}", role=Role.CONTACT.value, unit_id=unit.id
            )
            session.add(contact)
            await session.flush()
            endpoint = ContactEndpoint(
                contact_id=contact.id,
                channel="telegram",
                user_id=str(user_id),
                chat_id=str(user_id),
            )
            session.add(endpoint)
    async with EmulatorProcess() as emu:
        await emu.ask(users=users, limits=LIMITS)
        settings = Settings(
            _env_file=None,
            DATABASE_URL=db.url.render_as_string(hide_password=False),
            TELEGRAM_BOT_TOKEN=emu.token,
            TELEGRAM_API_URL=emu.api_url,
        )
        async with Bot(emu.token, base_url=f"{emu.api_url}/bot") as bot:
            core = Core(
                settings=settings,
                db=db,
                clock=SystemClock(),
                channels={"telegram": TelegramChannel(bot)},
            )
            knobs = ReminderSettings(
                _env_file=None, overall_per_second=300, per_chat_per_second=10, in_flight=in_flight
            )
            started = time.perf_counter()
            result = await Sweeper(core.deps, knobs).sweep()
            sweep_seconds = time.perf_counter() - started
        seen = await emu.ask()
    rate = (seen["sent"] - 1) / seen["span"] if seen["span"] else 0.0
    return {
        "in_flight": in_flight,
        "reminders": reminders,
        "chats": chats,
        "delivered": seen["distinct"],
        "sent_by_sweep": len(result.sent),
        "enforced_limit_per_s": LIMITS["overall_per_s"],
        "achieved_per_s": round(rate, 1),
        "share_of_limit": round(rate / LIMITS["overall_per_s"], 3),
        "answered_429": seen["answered_429"],
        "duplicates": seen["duplicates"],
        "sweep_seconds": round(sweep_seconds, 2),
    }


async def bench_pacer(reminders: int, chats: int) -> dict:
    """The send loop alone, real clock, a channel that answers at once: what the pacing allows."""
    channel = FakeChannel()
    stamps: list[tuple[float, str]] = []

    async def on_sent(job: Job, _message_id: str | None, _uncertain: bool) -> None:
        stamps.append((time.monotonic(), job.recipient.chat_id))

    async def ignore(*_args) -> None:
        return None

    limits = RateLimits(per_chat_per_second=10, overall_per_second=300)
    loop = SendLoop({"telegram": channel}, Pacer(limits), on_sent, ignore, ignore)
    for n in range(reminders):
        chat = str(n % chats)
        loop.add(Job(Recipient("telegram", chat, False, chat), Outgoing(text=f"Nhắc việc {n}")))
    await loop.run()
    times = [at for at, _chat in stamps]
    busiest = max(bisect.bisect_right(times, at + 1.0) - i for i, at in enumerate(times))
    per_chat: dict[str, list[float]] = {}
    for at, chat in stamps:
        per_chat.setdefault(chat, []).append(at)
    busiest_chat = max(
        bisect.bisect_right(ts, at + 1.0) - i for ts in per_chat.values() for i, at in enumerate(ts)
    )
    # A sliding window lets the first second's worth go at once; the sustained rate is what follows.
    first_window = bisect.bisect_right(times, times[0] + 1.0)
    rate = (len(times) - first_window) / (times[-1] - times[0])
    return {
        "messages": len(times),
        "seconds": round(times[-1] - times[0], 2),
        "sustained_per_s": round(rate, 1),
        "share_of_limit": round(rate / limits.overall_per_second, 3),
        "most_in_any_second": busiest,
        "most_to_one_chat_in_any_second": busiest_chat,
    }


async def bench_idle(workdir: Path, slots: int, server: str | None) -> dict:
    """One sweep's cost with nothing due, on SQLite or, with `server`, a PostgreSQL schema."""
    async with bench_database(workdir, "idle", server) as db:
        return await _idle(db, slots)


async def _idle(db: Database, slots: int) -> dict:
    await upgrade(db)
    clock = FixedClock(HANOI_0800 + timedelta(hours=2))  # Monday 10:00: the 08:00 slots are done
    per_task, per_unit = 50, 10  # 100,000 slots: 2,000 tasks of 200 units, 50 slots each
    units = max(1, slots // (per_task * per_unit))
    await seed(db, units, per_unit, date(2026, 1, 1), {})
    async with db.transaction() as session:
        task_rows = (await session.execute(select(Task.id, Task.updated_at))).all()
        unit_of = dict(
            (await session.execute(text("select task_id, unit_id from assignments"))).all()
        )
        start = clock.now() + timedelta(hours=22)
        rows = [
            {
                "task_id": task_id,
                "unit_id": unit_of[task_id],
                "kind": "overdue",
                "occurrence": f"future-{k}",
                "fire_at": start + timedelta(days=k),
                "expires_at": start + timedelta(days=k + 7),
                "state": SlotState.PENDING.value,
                "attempts": 0,
            }
            for task_id, _stamp in task_rows
            for k in range(per_task)
        ]
        await session.execute(ReminderSlot.__table__.insert(), rows)
        # Planned already: the sweep has no task to replan (the hourly full replan is not due).
        await session.execute(
            update(Task).values(slots_planned_at=Task.updated_at, updated_at=Task.updated_at)
        )
    await analyze(db)
    core = Core(
        settings=Settings(_env_file=None), db=db, clock=clock, channels={"telegram": FakeChannel()}
    )
    sweeper = Sweeper(core.deps, ReminderSettings(_env_file=None))
    sweeper.note_full_replan(clock.now())
    durations = []
    for _ in range(30):
        started = time.perf_counter()
        result = await sweeper.sweep()
        durations.append(time.perf_counter() - started)
        assert result.claimed == 0
    async with db.reading() as session:
        pending = await session.scalar(select(func.count()).where(ReminderSlot.state == "pending"))
        explain = "EXPLAIN" if db.is_postgres else "EXPLAIN QUERY PLAN"
        due = text(
            f"{explain} SELECT id FROM reminder_slots WHERE state = 'pending' AND fire_at <= :now"
        ).bindparams(bindparam("now", clock.now(), type_=ReminderSlot.__table__.c.fire_at.type))
        plan = (await session.execute(due)).all()
    return {
        "future_slots": pending,
        "sweep_ms_median": round(statistics.median(durations) * 1000, 2),
        "sweep_ms_p95": round(sorted(durations)[int(len(durations) * 0.95) - 1] * 1000, 2),
        "due_query_plan": " | ".join(str(row[-1]) for row in plan),
    }


async def main(args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        pacer = await bench_pacer(args.reminders, args.chats)
        deliver = [
            await bench_deliver(workdir, args.reminders, args.chats, n, None) for n in (1, 4)
        ]
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        report = {
            "pacer_only": pacer,
            "deliver": deliver,
            "peak_memory_mb": round(peak_mb, 1),
            "idle_sweep": await bench_idle(workdir, args.idle_slots, None),
        }
        if args.database_url:
            report["postgresql"] = {
                "deliver": [
                    await bench_deliver(workdir, args.reminders, args.chats, n, args.database_url)
                    for n in (1, 4)
                ],
                "idle_sweep": await bench_idle(workdir, args.idle_slots, args.database_url),
            }
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--reminders", type=int, default=3000)
    parser.add_argument("--chats", type=int, default=300)
    parser.add_argument("--idle-slots", type=int, default=100_000)
    add_database_option(parser)
    parser.add_argument("--emulator-server", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.emulator_server:
        asyncio.run(serve_emulator())
        sys.exit()
    report = asyncio.run(main(arguments))
    if arguments.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for section, values in report.items():
            print(section, values)
