"""Progress replies through Telegram: dondoc against a bare python-telegram-bot echo bot; JSON.

    .venv/bin/python bench/replies_bench.py --json [--n 300] [--chats 100] [--rounds 9]
                                               [--limiter off|telegram]
                                               [--database-url postgresql://postgres@127.0.0.1:5432/test]

Both bots run in this process against one Telegram emulator (its flood limits off), each built
by dondoc's `build_application` (same PTB Application, per-chat update processor, HTTP client)
with the same rate limiter: `off` (no throttling, the default: what each bot can do) or
`telegram` (PTB's AIORateLimiter at Telegram's 30 messages/s, as dondoc runs in production).

- dondoc: the runner (core, handlers, SQLite file) with the 730 plan seeded and one contact
  per chat bound, each having received a reminder; half the messages reply to that reminder
  ("Đã triển khai được N%, …"), half name a task ("II.4 đạt N%"); every one is recorded.
- echo: Application + MessageHandler answering each text with itself.

The N messages go out spread over the chats, in two ways:
- burst: all injected at once; `rate` = N / (first injection → last answer received). The bots
  take turns, one burst each per round (a bot is started for its turn and stopped after it), so
  a slow spell of the machine hits both alike; `ratio` is the median of the rounds' ratios
  (`rounds` lists them), `rate` each bot's median;
- one at a time, once per bot after the rounds: the next message is injected once the previous
  answer arrived; `p50_ms`, `p95_ms` = injection → answer (what a user waits when the bot is not
  queueing others); `burst_p50_ms`, `burst_p95_ms` are the same over all bursts (queueing
  included).

dondoc's `sql_per_message` counts the SQL statements it ran per message over everything
(transaction BEGIN/COMMIT not included).

With `--database-url`, the whole comparison again with dondoc on a database of its own on that
PostgreSQL server (`"postgresql"`: dondoc, echo, rounds, ratio, targets_met).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine, event, func, select
from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bench.support import SAMPLES, add_database_option, bench_database_url
from bot.channels.telegram_service import TelegramService, build_application, rate_limiter
from bot.clock import FixedClock
from bot.config import Settings
from bot.domain import Role
from bot.emulators.seeding import (
    bind_user,
    emulator_settings,
    plan_from_expected,
    record_sent_reminder,
    seed_plan,
)
from bot.emulators.telegram import TelegramEmulator
from bot.emulators.telegram_objects import Message, User
from bot.messages import Outgoing
from bot.runner import Runner
from bot.services.tasks import get_task
from bot.services.units import get_unit
from db.engine import Database
from db.models import ProgressReport

PLAN = SAMPLES / "ke-hoach-730-khcn.expected.json"
# (unit, the task its reminder is about, the task its other messages name)
UNITS = [("UBND huyện", "II.3", "II.4"), ("Ban Tuyên giáo Huyện ủy", "II.2", "II.2")]
NOW = datetime(2025, 3, 24, 1, 0, tzinfo=UTC)  # Monday 08:00 in Hà Nội
TIMEOUT = 120.0
TARGETS = {"ratio_min": 0.5, "p95_ms_max": 50.0}


@dataclass
class Chat:
    """A user, the reminder in their chat and the task code their other reports name."""

    user: User
    reminder: Message
    code: str


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values fall, in ms."""
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000, 1)


def now() -> float:
    """The clock the emulator stamps messages with."""
    return asyncio.get_running_loop().time()


async def inject(emu: TelegramEmulator, chats: list[Chat], index: int) -> int:
    """Message `index`: in chat `index % len(chats)`, a reply to the reminder or a report naming
    a task, by turns; the chat's id."""
    chat = chats[index % len(chats)]
    turn = index // len(chats)
    percent = 10 + turn % 90
    if turn % 2 == 0:
        await emu.reply(
            chat.user, chat.reminder, f"Đã triển khai được {percent}%, đang nhân rộng mô hình"
        )
    else:
        await emu.send_text(chat.user, f"{chat.code} đạt {percent}%")
    return chat.user.id


async def burst(emu: TelegramEmulator, chats: list[Chat], n: int) -> tuple[float, list[float]]:
    """All n messages injected at once: the rate (first injection → last answer), the latencies."""
    injected = []  # (chat, injected at)
    for index in range(n):
        at = now()
        injected.append((await inject(emu, chats, index), at))
    # A chat's updates are handled in order: its k-th answer answers its k-th message.
    answered = [(await emu.next_message(chat, TIMEOUT)).time for chat, _at in injected]
    rate = n / (max(answered) - injected[0][1])
    return rate, [done - at for done, (_chat, at) in zip(answered, injected, strict=True)]


async def one_at_a_time(emu: TelegramEmulator, chats: list[Chat], n: int) -> list[float]:
    """Each message injected once the previous one was answered: the latencies."""
    latencies = []
    for index in range(n):
        started = now()
        chat = await inject(emu, chats, index)
        latencies.append((await emu.next_message(chat, TIMEOUT)).time - started)
    return latencies


async def remind(
    emu: TelegramEmulator,
    send: Callable[[int, str], Awaitable[object]],
    first_user: int,
    count: int,
) -> list[Chat]:
    """`count` users, each sent a reminder by the bot through `send(chat_id, text)`."""
    chats = []
    for index in range(count):
        _unit, reminded, named = UNITS[index % len(UNITS)]
        user = emu.user(first_user + index, f"Đầu mối {index}")
        await send(user.id, f"⏰ Nhắc việc\n\nNhiệm vụ {reminded}: đề nghị báo cáo tiến độ")
        chats.append(Chat(user, await emu.next_message(user.id), named))
    return chats


async def seed_dondoc(runner: Runner, emu: TelegramEmulator, count: int) -> list[Chat]:
    """The plan, `count` contacts (one chat each), a reminder in each chat and its delivery."""
    core = runner.core
    await seed_plan(core.db, plan_from_expected(PLAN))
    channel = core.channels["telegram"]
    chats = await remind(
        emu, lambda chat, text: channel.send(str(chat), Outgoing(text=text)), 100_000, count
    )
    for index, chat in enumerate(chats):
        unit, reminded, _named = UNITS[index % len(UNITS)]
        await bind_user(core.db, NOW, role=Role.CONTACT, user_id=str(chat.user.id), unit=unit)
        async with core.db.transaction() as session:
            await record_sent_reminder(
                session,
                task_id=(await get_task(session, reminded)).id,
                unit_id=(await get_unit(session, unit)).id,
                channel="telegram",
                chat_id=str(chat.user.id),
                message_id=str(chat.reminder.message_id),
                at=NOW,
                occurrence=f"bench-{index}",
            )
    return chats


def statement_counter() -> Callable[[], int]:
    """Count the SQL statements every engine runs from now on (BEGINs not included: dondoc's
    are its own, SQLite's transactions being begun by hand); call the result for the count so
    far and to stop counting."""
    count = 0

    def executed(_connection, _cursor, statement: str, *_args) -> None:
        nonlocal count
        if not statement.startswith("BEGIN"):
            count += 1

    def stop() -> int:
        event.remove(Engine, "before_cursor_execute", executed)
        return count

    event.listen(Engine, "before_cursor_execute", executed)
    return stop


class DondocBot:
    """dondoc's runner on one database: seeded once, started for each of its turns."""

    def __init__(self, emu: TelegramEmulator, settings: Settings, args: argparse.Namespace):
        self.emu, self.settings, self.args = emu, settings, args
        self.chats: list[Chat] = []
        self.statements = 0

    @asynccontextmanager
    async def running(self) -> AsyncIterator[list[Chat]]:
        """The runner started (seeding on the first turn); its statements counted."""
        limiter = rate_limiter(throttle=self.args.limiter == "telegram")
        runner = Runner(
            self.settings,
            clock=FixedClock(NOW),
            scheduler=False,
            services=lambda core, web, _bots: [TelegramService(core, web, limiter=limiter)],
        )
        await runner.start()
        try:
            if not self.chats:
                self.chats = await seed_dondoc(runner, self.emu, self.args.chats)
            counted = statement_counter()
            yield self.chats
            self.statements += counted()
        finally:
            await runner.stop()

    async def recorded(self) -> int:
        """Reports stored so far."""
        database = Database(self.settings.database_url)
        try:
            async with database.reading() as session:
                return await session.scalar(select(func.count()).select_from(ProgressReport))
        finally:
            await database.dispose()


async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a text with itself."""
    await update.effective_message.reply_text(update.effective_message.text)


class EchoBot:
    """The bare echo bot on the same emulator: other users, the same reminders and messages."""

    def __init__(self, emu: TelegramEmulator, args: argparse.Namespace):
        self.emu, self.args = emu, args
        self.chats: list[Chat] = []

    @asynccontextmanager
    async def running(self) -> AsyncIterator[list[Chat]]:
        """The application polling (its users reminded on the first turn)."""
        application: Application = build_application(
            self.emu.token,
            self.emu.api_url,
            rate_limiter(throttle=self.args.limiter == "telegram"),
        )
        application.add_handler(MessageHandler(filters.TEXT, echo))
        async with application:
            if not self.chats:
                send = application.bot.send_message
                self.chats = await remind(self.emu, send, 200_000, self.args.chats)
            await application.updater.start_polling(timeout=25)
            await application.start()
            try:
                yield self.chats
            finally:
                await application.updater.stop()
                await application.stop()


@dataclass
class Tally:
    """One bot's bursts and latencies."""

    rates: list[float] = field(default_factory=list)
    queued: list[float] = field(default_factory=list)
    alone: list[float] = field(default_factory=list)

    async def burst(self, bot: DondocBot | EchoBot, emu: TelegramEmulator, n: int) -> float:
        """One turn: a burst of n messages; its rate."""
        async with bot.running() as chats:
            rate, latencies = await burst(emu, chats, n)
        self.rates.append(rate)
        self.queued += latencies
        return rate

    async def one_at_a_time(self, bot: DondocBot | EchoBot, emu: TelegramEmulator, n: int) -> None:
        """The latency pass."""
        async with bot.running() as chats:
            self.alone = await one_at_a_time(emu, chats, n)

    def summary(self) -> dict:
        return {
            "rate": round(statistics.median(self.rates), 1),
            "p50_ms": percentile(self.alone, 0.5),
            "p95_ms": percentile(self.alone, 0.95),
            "burst_p50_ms": percentile(self.queued, 0.5),
            "burst_p95_ms": percentile(self.queued, 0.95),
        }


async def compare(args: argparse.Namespace, server: str | None) -> dict:
    """dondoc against the echo bot, dondoc on an SQLite file or, with `server`, on a database of
    its own on that PostgreSQL server (the runner takes a URL, not a schema)."""
    n = args.n
    with tempfile.TemporaryDirectory() as folder:
        async with (
            TelegramEmulator() as emu,
            bench_database_url(Path(folder), "bench", server) as database_url,
        ):
            settings = emulator_settings(emu, Path(folder) / "bench.db")
            dondoc = DondocBot(
                emu, settings.model_copy(update={"database_url": database_url}), args
            )
            echoed = EchoBot(emu, args)
            ours, theirs = Tally(), Tally()
            rounds = []
            for _round in range(args.rounds):
                mine = await ours.burst(dondoc, emu, n)
                rounds.append(round(mine / await theirs.burst(echoed, emu, n), 2))
            await ours.one_at_a_time(dondoc, emu, n)
            await theirs.one_at_a_time(echoed, emu, n)
            messages = (args.rounds + 1) * n
            recorded = await dondoc.recorded()
    if recorded != messages:
        raise SystemExit(f"dondoc recorded {recorded} reports of {messages} messages")
    ratio = statistics.median(rounds)
    result = ours.summary()
    result["sql_per_message"] = round(dondoc.statements / messages, 1)
    return {
        "dondoc": result,
        "echo": theirs.summary(),
        "rounds": rounds,
        "ratio": ratio,
        "targets_met": ratio >= TARGETS["ratio_min"] and result["p95_ms"] < TARGETS["p95_ms_max"],
    }


async def main(args: argparse.Namespace) -> dict:
    outcome = {
        "n": args.n,
        "chats": args.chats,
        "fairness": (
            f"one emulator (flood limits off), both bots built by build_application with rate "
            f"limiter '{args.limiter}', polling; N messages over {args.chats} private chats; "
            f"the bots take turns, one burst each per round"
        ),
        **await compare(args, None),
    }
    if args.database_url:
        outcome["postgresql"] = await compare(args, args.database_url)
    return outcome


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print compact JSON")
    parser.add_argument("--n", type=int, default=300, help="messages per bot and pass")
    parser.add_argument("--chats", type=int, default=100, help="users/chats per bot")
    parser.add_argument("--rounds", type=int, default=9, help="bursts per bot, taking turns")
    parser.add_argument("--limiter", choices=("off", "telegram"), default="off")
    add_database_option(parser)
    arguments = parser.parse_args()
    outcome = asyncio.run(main(arguments))
    print(json.dumps(outcome, ensure_ascii=False, indent=None if arguments.json else 2))
