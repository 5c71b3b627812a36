"""Progress replies through Telegram: dondoc against a bare python-telegram-bot echo bot; JSON.

    .venv/bin/python bench/replies_bench.py --json [--n 300] [--chats 100] [--limiter off|telegram]

Both bots run in this process against one Telegram emulator (its flood limits off), each built
by dondoc's `build_application` (same PTB Application, per-chat update processor, HTTP client)
with the same rate limiter: `off` (no throttling, the default: what each bot can do) or
`telegram` (PTB's AIORateLimiter at Telegram's 30 messages/s, as dondoc runs in production).

- dondoc: the runner (core, handlers, SQLite file) with the 730 plan seeded and one contact
  per chat bound, each having received a reminder; half the messages reply to that reminder
  ("Đã triển khai được N%, …"), half name a task ("II.4 đạt N%"); every one is recorded.
- echo: Application + MessageHandler answering each text with itself.

For each bot the N messages go out twice, spread over the chats:
- burst: all injected at once; `rate` = N / (first injection → last answer received);
- one at a time: the next message is injected once the previous answer arrived; `p50_ms`,
  `p95_ms` = injection → answer (what a user waits when the bot is not queueing others);
  `burst_p50_ms`, `burst_p95_ms` are the same under the burst (queueing included).

dondoc's `sql_per_message` counts the SQL statements it ran per message over both passes
(transaction BEGIN/COMMIT not included).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event, func, select
from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bot.channels.base import Outgoing
from bot.channels.telegram_service import TelegramService, build_application, rate_limiter
from bot.clock import FixedClock
from bot.config import Settings
from bot.domain import Role, SlotKind, SlotState
from bot.emulators.telegram import TelegramEmulator
from bot.emulators.telegram_objects import Message, User
from bot.runner import Runner
from bot.services.tasks import get_task
from bot.services.units import get_unit
from db.engine import Database
from db.models import Delivery, ProgressReport, ReminderSlot
from tests.conftest import SAMPLES
from tests.fakes import bind_user, plan_from_expected, seed_plan

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


async def measure(emu: TelegramEmulator, chats: list[Chat], n: int) -> dict:
    """Both passes for one bot."""
    rate, queued = await burst(emu, chats, n)
    alone = await one_at_a_time(emu, chats, n)
    return {
        "rate": round(rate, 1),
        "p50_ms": percentile(alone, 0.5),
        "p95_ms": percentile(alone, 0.95),
        "burst_p50_ms": percentile(queued, 0.5),
        "burst_p95_ms": percentile(queued, 0.95),
    }


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
            slot = ReminderSlot(
                task_id=(await get_task(session, reminded)).id,
                unit_id=(await get_unit(session, unit)).id,
                kind=SlotKind.BEFORE_DUE.value,
                occurrence=f"bench-{index}",
                fire_at=NOW,
                state=SlotState.SENT.value,
            )
            session.add(slot)
            await session.flush()
            session.add(
                Delivery(
                    slot_id=slot.id,
                    channel="telegram",
                    chat_id=str(chat.user.id),
                    message_id=str(chat.reminder.message_id),
                    sent_at=NOW,
                )
            )
    return chats


def statement_counter(db: Database) -> Callable[[], int]:
    """Count the SQL statements `db` runs from now on; call the result for the count so far."""
    count = 0

    def counted(*_statement) -> None:
        nonlocal count
        count += 1

    event.listen(db.engine.sync_engine, "before_cursor_execute", counted)
    return lambda: count


async def run_dondoc(emu: TelegramEmulator, folder: Path, args: argparse.Namespace) -> dict:
    """dondoc's runner on SQLite: seed, measure, check that every message was recorded."""
    settings = Settings(
        _env_file=None,
        DATABASE_URL=f"sqlite:///{folder / 'bench.db'}",
        TELEGRAM_BOT_TOKEN=emu.token,
        TELEGRAM_API_URL=emu.api_url,
        TELEGRAM_WEBHOOK_URL=None,
        ZALO_BOT_TOKEN=None,
    )
    limiter = rate_limiter(throttle=args.limiter == "telegram")
    runner = Runner(
        settings,
        clock=FixedClock(NOW),
        scheduler=False,
        services=lambda core, web: [TelegramService(core, web, limiter=limiter)],
    )
    await runner.start()
    try:
        chats = await seed_dondoc(runner, emu, args.chats)
        statements = statement_counter(runner.core.db)
        result = await measure(emu, chats, args.n)
        result["sql_per_message"] = round(statements() / (2 * args.n), 1)
        async with runner.core.db.reading() as session:
            recorded = await session.scalar(select(func.count()).select_from(ProgressReport))
    finally:
        await runner.stop()
    if recorded != 2 * args.n:
        raise SystemExit(f"dondoc recorded {recorded} reports of {2 * args.n} messages")
    return result


async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a text with itself."""
    await update.effective_message.reply_text(update.effective_message.text)


async def run_echo(emu: TelegramEmulator, args: argparse.Namespace) -> dict:
    """The bare echo bot on the same emulator: other users, the same reminders and messages."""
    application: Application = build_application(
        emu.token, emu.api_url, rate_limiter(throttle=args.limiter == "telegram")
    )
    application.add_handler(MessageHandler(filters.TEXT, echo))
    async with application:
        chats = await remind(emu, application.bot.send_message, 200_000, args.chats)
        await application.updater.start_polling(timeout=25)
        await application.start()
        try:
            return await measure(emu, chats, args.n)
        finally:
            await application.updater.stop()
            await application.stop()


async def main(args: argparse.Namespace) -> dict:
    async with TelegramEmulator() as emu:
        with tempfile.TemporaryDirectory() as folder:
            dondoc = await run_dondoc(emu, Path(folder), args)
        echoed = await run_echo(emu, args)
    ratio = round(dondoc["rate"] / echoed["rate"], 2)
    return {
        "n": args.n,
        "chats": args.chats,
        "fairness": (
            f"one emulator (flood limits off), both bots built by build_application with rate "
            f"limiter '{args.limiter}', polling; N messages over {args.chats} private chats"
        ),
        "dondoc": dondoc,
        "echo": echoed,
        "ratio": ratio,
        "targets_met": ratio >= TARGETS["ratio_min"] and dondoc["p95_ms"] < TARGETS["p95_ms_max"],
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print compact JSON")
    parser.add_argument("--n", type=int, default=300, help="messages per bot and pass")
    parser.add_argument("--chats", type=int, default=100, help="users/chats per bot")
    parser.add_argument("--limiter", choices=("off", "telegram"), default="off")
    arguments = parser.parse_args()
    outcome = asyncio.run(main(arguments))
    print(json.dumps(outcome, ensure_ascii=False, indent=None if arguments.json else 2))
