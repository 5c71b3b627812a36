"""A simulated month of a 60-unit plan on PostgreSQL, with outages and kills: JSON.

    .venv/bin/python bench/soak_bench.py --json [--units 60] [--days 30] [--seconds 120]
                                            [--cuts 2] [--kills 2] [--outage-seconds 1.5]
                                            [--reply-share 0.3] [--postgres-url URL] [--seed 1]

A real `dondoc run` process polls the Telegram emulator, on a PostgreSQL database of its own
(created on the server of `--postgres-url` and dropped after) reached through a TCP proxy that
can cut it. The process's clock is accelerated (DONDOC_CLOCK_*, read by `dondoc run` only): the
month lasts `--seconds` of real time, and the scheduler sweeps every real second. Each unit leads
three tasks: two with deadlines spread over the month, one monthly report. One contact per unit
and one leader (escalations) are bound. During the month the database is cut `--cuts` times for
`--outage-seconds` and the process is killed (SIGKILL) and started again `--kills` times; a
restarted process's clock resumes where the killed one stopped (a restart takes seconds, not the
simulated day a few real seconds stand for). Contacts answer `--reply-share` of their reminders
with a progress report.

Figures: `planned` (what the policy schedules over the month, asked before it starts, by kind),
`sent` (slots of the month delivered), the ledger's slots by kind and state, `duplicates` (a
reminder delivered twice to a chat, after a kill or a cut) and per kill, replies
`sent`/`stored`/`lost`, memory (RSS of the last process once warm, after the kills, and at the
end) and growth %, duration, the kills and cuts at their simulated time, and the first skipped
slots if any (a sweep that came more than a simulated day late skips an older slot for a newer
one of the same task: the catch-up rule; at this speed a day is 4 real seconds). Targets: sent =
planned, duplicates ≤ 1 per kill, replies lost 0, memory growth < 10 %.

Longer runs: `--seconds 600` (a slower month), `--days 90`, `--units 200`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select

from bench.crash_burst import inbox_busy
from bench.support import scratch_postgres
from bot.clock import AcceleratedClock
from bot.domain import Recurrence, Role, SlotState
from bot.emulators.seeding import bind_user, seed_plan
from bot.emulators.tcpproxy import CuttableProxy
from bot.emulators.telegram import TelegramEmulator
from bot.emulators.telegram_harness import TOKEN, BotProcess, bot_settings, process_env
from bot.emulators.telegram_objects import Message, User
from bot.plandoc import PlanDocument, PlanHeader, TaskDraft
from bot.services.reminders.dryrun import scheduled_on
from db.engine import Database
from db.migrate import upgrade
from db.models import Delivery, ProgressReport, ReminderSlot

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST_USER = 400_000
LEADER = 399_999
SETTLE_SECONDS = 60.0


def month_start() -> datetime:
    """06:00 on the Monday after next, Hà Nội time: after every row's real creation time."""
    today = datetime.now(TZ).date()
    monday = today + timedelta(days=7 - today.weekday() + 7)
    return datetime(monday.year, monday.month, monday.day, 6, tzinfo=TZ).astimezone(UTC)


def plan(units: int, start: date, days: int) -> PlanDocument:
    """Each unit leads two deadline tasks (due dates spread over the month) and a monthly report."""
    tasks = []
    for n in range(1, units + 1):
        unit = [f"Đơn vị số {n}"]
        first_due = start + timedelta(days=5 + n % (days - 10))
        second_due = start + timedelta(days=10 + (n * 7) % (days - 10))
        tasks += [
            TaskDraft(code=f"I.{n}", title=f"Báo cáo chuyên đề {n}", lead_units=unit, due=first_due),
            TaskDraft(code=f"II.{n}", title=f"Kiểm tra {n}", lead_units=unit, due=second_due),
            TaskDraft(code=f"III.{n}", title=f"Báo cáo tháng {n}", lead_units=unit,
                      recurrence=Recurrence.MONTHLY),
        ]  # fmt: skip
    return PlanDocument(plan=PlanHeader(title="Kế hoạch thử tải một tháng"), tasks=tasks)


async def seed(db: Database, emu: TelegramEmulator, units: int, start: datetime, days: int):
    """Migrate, import the plan, bind one contact per unit and a leader; the contacts."""
    await upgrade(db)
    await seed_plan(db, plan(units, start.astimezone(TZ).date(), days))
    contacts = {}
    for n in range(1, units + 1):
        user = emu.user(FIRST_USER + n, f"Đầu mối {n}")
        await bind_user(db, start, role=Role.CONTACT, user_id=str(user.id), unit=f"Đơn vị số {n}")
        contacts[user.id] = (user, n)
    emu.user(LEADER, "Lãnh đạo")
    await bind_user(db, start, role=Role.LEADER, user_id=str(LEADER))
    return contacts


async def planned(db: Database, start: datetime, end: datetime) -> Counter[str]:
    """What the policy schedules in [start, end], by kind (asked before the month begins)."""
    kinds: Counter[str] = Counter()
    day = start.astimezone(TZ).date()
    async with db.reading() as session:
        while day <= end.astimezone(TZ).date():
            for item in await scheduled_on(session, day, TZ, until=end):
                if item.at >= start:
                    kinds[item.kind] += 1
            day += timedelta(days=1)
    return kinds


@dataclass
class Replies:
    """Contacts answering a share of their reminders with a progress report of rising percent."""

    emu: TelegramEmulator
    contacts: dict[int, tuple[User, int]]
    share: float
    rng: random.Random
    seen: Counter[int] = field(default_factory=Counter)
    reported: Counter[int] = field(default_factory=Counter)
    texts: list[str] = field(default_factory=list)

    async def answer_new_reminders(self) -> None:
        """Look at what each contact got since the last look; answer some reminders."""
        for user_id, (user, n) in self.contacts.items():
            messages = self.emu.messages_to(user_id)
            fresh, self.seen[user_id] = messages[self.seen[user_id] :], len(messages)
            for message in fresh:
                if message.buttons and self.rng.random() < self.share:
                    self.reported[user_id] += 1
                    text = f"I.{n} đạt {min(self.reported[user_id], 99)}%"
                    self.texts.append(text)
                    await self.emu.send_text(user, text)


def local_text(moment: datetime | None) -> str | None:
    """A moment as Hà Nội time, to the minute."""
    return None if moment is None else moment.astimezone(TZ).strftime("%Y-%m-%d %H:%M")


def rss_kib(pid: int) -> int:
    """Resident memory of a process (KiB, Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def duplicates(messages: dict[int, list[Message]], delivered: set[tuple[str, str]]) -> int:
    """Reminders a chat got twice: a message not recorded as a delivery whose text is one that was."""
    found = 0
    for chat, sent in messages.items():
        recorded = {m.text for m in sent if (str(chat), str(m.message_id)) in delivered}
        found += sum(
            1
            for m in sent
            if (str(chat), str(m.message_id)) not in delivered and m.text in recorded
        )
    return found


async def settled(db: Database, end: datetime, expected_reports: int) -> None:
    """Wait until every slot of the month is finished, the inbox empty and the replies stored."""
    async with asyncio.timeout(SETTLE_SECONDS):
        while True:
            async with db.reading() as session:
                open_slots = await session.scalar(
                    select(func.count(ReminderSlot.id)).where(
                        ReminderSlot.fire_at <= end,
                        ReminderSlot.state.in_((SlotState.PENDING.value, SlotState.CLAIMED.value)),
                    )
                )
                reports = await session.scalar(select(func.count(ProgressReport.id)))
            if not open_slots and reports >= expected_reports and not await inbox_busy(db):
                return
            await asyncio.sleep(0.2)  # another process's commits: no event crosses to us


@dataclass
class Tally:
    """What the ledger, the deliveries and the reports hold after the month."""

    ledger: dict[str, dict[str, int]]
    delivered_slots: int
    delivered: set[tuple[str, str]]
    stored: set[str]
    skipped: list[dict[str, str | None]]


async def count(db: Database, start: datetime, end: datetime) -> Tally:
    """Slots of [start, end] by kind and state, delivered ones, deliveries, reports, first skips."""
    async with db.reading() as session:
        rows = await session.execute(
            select(ReminderSlot.kind, ReminderSlot.state, func.count(ReminderSlot.id))
            .where(ReminderSlot.fire_at >= start, ReminderSlot.fire_at <= end)
            .group_by(ReminderSlot.kind, ReminderSlot.state)
        )
        ledger: dict[str, dict[str, int]] = {}
        for kind, state, number in rows:
            ledger.setdefault(kind, {})[state] = number
        delivered_slots = await session.scalar(
            select(func.count(func.distinct(Delivery.slot_id)))
            .join(ReminderSlot, ReminderSlot.id == Delivery.slot_id)
            .where(ReminderSlot.fire_at >= start, ReminderSlot.fire_at <= end)
        )
        delivered = set(
            (await session.execute(select(Delivery.chat_id, Delivery.message_id))).all()
        )
        stored = set(await session.scalars(select(ProgressReport.text)))
        skipped = [
            {"kind": kind, "fire_at": local_text(fire_at), "skipped_at": local_text(at)}
            for kind, fire_at, at in await session.execute(
                select(ReminderSlot.kind, ReminderSlot.fire_at, ReminderSlot.finished_at)
                .where(
                    ReminderSlot.state == SlotState.SKIPPED.value,
                    ReminderSlot.fire_at >= start,
                    ReminderSlot.fire_at <= end,
                )
                .order_by(ReminderSlot.fire_at)
                .limit(20)
            )
        ]
    return Tally(ledger, delivered_slots, delivered, stored, skipped)


async def month(database_url: str, args: argparse.Namespace) -> dict[str, object]:
    """Seed, run the month with its cuts and kills, settle, and count."""
    rng = random.Random(args.seed)
    start = month_start()
    end = start + timedelta(days=args.days)
    speed = args.days * 86400 / args.seconds
    db = Database(database_url)
    proxy = await CuttableProxy("127.0.0.1", 5432).start()
    with tempfile.TemporaryDirectory(prefix="dondoc-soak-") as folder:
        async with TelegramEmulator(token=TOKEN) as emu:
            contacts = await seed(db, emu, args.units, start, args.days)
            expected = await planned(db, start, end)
            proxied = database_url.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}")
            env = process_env(bot_settings(emu, Path(folder)), DATABASE_URL=proxied)
            env.update(
                DONDOC_LOG_LEVEL="WARNING", DONDOC_HEALTH_LISTEN="off",
                DONDOC_REMINDER_SWEEP_SECONDS="1",
                # Leases count in simulated time: a lease of a few real seconds.
                DONDOC_REMINDER_CLAIM_LEASE_SECONDS=str(int(5 * speed)),
                # A full replan every simulated day, not every sweep (hourly = every 0.2 s).
                DONDOC_REMINDER_FULL_REPLAN_MINUTES="1440",
                DONDOC_CLOCK_SPEED=str(speed),
            )  # fmt: skip
            process = BotProcess(emu, env, Path(folder))
            clock = AcceleratedClock(start, speed, time.time())  # the bench's view of the bot's
            replies = Replies(emu, contacts, args.reply_share, rng)
            # Kills first, outages later: the last process lives most of the month (memory).
            events = sorted(
                [(0.1 + 0.15 * i, "kill") for i in range(args.kills)]
                + [(0.5 + 0.3 * i / max(args.cuts, 1), "cut") for i in range(args.cuts)]
            )
            memory: dict[str, int] = {}
            happened: list[dict[str, str]] = []  # kills and cuts, at the bench's simulated time
            restore_at: float | None = None  # while the database is cut: when it comes back
            began = time.perf_counter()

            async def launch() -> None:
                """(Re)start the process; its clock resumes where the bench's stands, from the
                moment `dondoc run` builds it (after its imports)."""
                nonlocal clock
                resume = clock.now()
                env["DONDOC_CLOCK_START"] = resume.isoformat()
                await process.start(timeout=60)
                clock = AcceleratedClock(resume, speed, time.time())  # a little behind the bot's

            await launch()
            try:
                while clock.now() < end + timedelta(hours=12):
                    share = (clock.now() - start) / (end - start)
                    if restore_at is not None and time.time() >= restore_at:
                        proxy.restore()
                        restore_at = None
                    if events and restore_at is None and share >= events[0][0]:
                        _at, what = events.pop(0)
                        happened.append({"event": what, "at": local_text(clock.now())})
                        if what == "kill":
                            await process.stop(signal.SIGKILL)
                            await launch()
                        else:  # contacts go on replying meanwhile
                            proxy.cut()
                            restore_at = time.time() + args.outage_seconds
                    if not events and "warm" not in memory and share >= 0.1 + 0.15 * args.kills:
                        memory["warm"] = rss_kib(process.child.pid)
                    await replies.answer_new_reminders()
                    await asyncio.sleep(0.2)
                await settled(db, end, len(replies.texts))
                memory["end"] = rss_kib(process.child.pid)
            finally:
                if process.child is not None:
                    await process.stop()
                await proxy.stop()
            seconds = time.perf_counter() - began
            tally = await count(db, start, end)
    await db.dispose()
    chats = [*contacts, LEADER]
    twice = duplicates({chat: emu.messages_to(chat) for chat in chats}, tally.delivered)
    lost = [text for text in replies.texts if text not in tally.stored]
    growth = 100 * (memory["end"] - memory["warm"]) / memory["warm"]
    result = {
        "units": args.units, "tasks": 3 * args.units, "days": args.days,
        "speed": round(speed), "kills": args.kills, "cuts": args.cuts,
        "reminders": {"planned": expected.total(), "sent": tally.delivered_slots,
                      "planned_by_kind": dict(expected), "ledger_by_kind": tally.ledger},
        "duplicates": twice,
        "duplicates_per_kill": round(twice / max(args.kills, 1), 2),
        "replies": {"sent": len(replies.texts), "stored": len(replies.texts) - len(lost),
                    "lost": len(lost)},
        "memory_kib": {"warm": memory["warm"], "end": memory["end"]},
        "memory_growth_percent": round(growth, 1),
        "seconds": round(seconds, 1), "events": happened, "skipped_slots": tally.skipped,
    }  # fmt: skip
    result["targets_met"] = (
        tally.delivered_slots == expected.total()
        and twice <= max(args.kills, 1)
        and not lost
        and growth < 10
    )
    return result


async def main(args: argparse.Namespace) -> dict[str, object]:
    """The month on a PostgreSQL database of its own."""
    try:
        async with scratch_postgres(args.postgres_url) as url:
            return await month(url, args)
    except OSError as error:  # no server: said in the output, not a traceback
        return {"skipped": f"no PostgreSQL server: {error}"}


def parse_args() -> argparse.Namespace:
    """The bench's options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print compact JSON")
    parser.add_argument("--units", type=int, default=60)
    parser.add_argument("--days", type=int, default=30, help="simulated days")
    parser.add_argument("--seconds", type=float, default=120, help="real seconds the month lasts")
    parser.add_argument("--kills", type=int, default=2)
    parser.add_argument("--cuts", type=int, default=2)
    parser.add_argument("--outage-seconds", type=float, default=1.5, help="real seconds per cut")
    parser.add_argument("--reply-share", type=float, default=0.3)
    parser.add_argument(
        "--postgres-url", default=os.environ.get("TEST_DATABASE_URL", DEFAULT_POSTGRES)
    )
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args()


if __name__ == "__main__":
    arguments = parse_args()
    outcome = asyncio.run(main(arguments))
    print(json.dumps(outcome, ensure_ascii=False, indent=None if arguments.json else 2))
