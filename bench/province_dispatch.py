"""The province day's reminders through the Telegram emulator, every committee's token at its own
limit: the machine's ceiling, then the sweep in this process, then two `dondoc run` processes.

Used by bench/province_bench.py (`measure_dispatch`); the emulator runs in a child process of
its own (`--emulator-server`), so that it does not share the sweep's event loop and CPU.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import time
from contextlib import AsyncExitStack
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import delete, func, insert, select, update
from telegram import Bot

from bench.province_bots import committee_variable, dispatch_figures, serve_committee_bots
from bot.channels.telegram import TelegramChannel
from bot.clock import SystemClock
from bot.config import Settings
from bot.core import Core
from bot.domain import Role, SlotState
from bot.emulators.telegram import TelegramEmulator
from bot.emulators.telegram_harness import TOKEN
from bot.services.bots import configured_bots
from bot.services.reminders.settings import ReminderSettings
from bot.services.reminders.sweep import Sweeper
from db.engine import Database
from db.models import Contact, ContactEndpoint, Delivery, Plan, ReminderSlot, Task, Unit
from db.models.committees import Committee

# Every reminder of the day at midnight: the day's slots are all due when the bench sweeps.
DAY_POLICY = {"send_time": "00:00", "before_due_days": [], "escalate_after_days": None}
PROGRESS_SECONDS = 0.5  # how often the bench asks the emulator how far the processes are
USER_BASE = 10_000_000  # a unit's contact is Telegram user USER_BASE + unit id


def contact_user(unit_id: int) -> int:
    """The Telegram user (and private chat) of a unit's contact."""
    return USER_BASE + unit_id


async def prepare_day(database: Database, parent: int, tasks_per_unit: int) -> dict[str, list[int]]:
    """Give each child committee its bot and each unit one contact on it; make the first
    `tasks_per_unit` tasks of every unit due today (the others closed) and plan their slots.
    The users to create on each bot, by token variable."""
    now = datetime.now(UTC)
    async with database.transaction() as session:
        children = list(await session.scalars(select(Committee.id).where(Committee.id != parent)))
        children = [c for c in children if c > parent]
        for number, committee_id in enumerate(children, 1):
            await session.execute(
                update(Committee)
                .where(Committee.id == committee_id)
                .values(telegram_token_env=committee_variable(number))
            )
        variable_of = {c: committee_variable(n) for n, c in enumerate(children, 1)}
        units = (await session.execute(select(Unit.id, Unit.committee_id))).all()
        units = [(unit_id, committee) for unit_id, committee in units if committee in variable_of]
        contacts = [{"id": unit_id, "committee_id": committee, "display_name": f"Đầu mối {unit_id}",
                     "role": Role.CONTACT.value, "unit_id": unit_id, "created_at": now}
                    for unit_id, committee in units]  # fmt: skip
        endpoints = [{"id": unit_id, "contact_id": unit_id,
                      "channel": f"telegram:{variable_of[committee]}",
                      "user_id": str(contact_user(unit_id)), "chat_id": str(contact_user(unit_id)),
                      "created_at": now}
                     for unit_id, committee in units]  # fmt: skip
        await session.execute(insert(Contact), contacts)
        await session.execute(insert(ContactEndpoint), endpoints)
        await session.execute(update(Plan).where(Plan.id != parent).values(policy=DAY_POLICY))
        today = now.astimezone(Settings(_env_file=None).tz).date()
        due_today = Task.id % 100 < tasks_per_unit
        await session.execute(
            update(Task).where(due_today).values(due=today, recurrence=None, closed_at=None)
        )
        # Closed and counted as planned: the sweep has nothing else to plan or send.
        await session.execute(
            update(Task)
            .where(~due_today)
            .values(closed_at=now, slots_planned_at=Task.updated_at, updated_at=Task.updated_at)
        )
    users: dict[str, list[int]] = {}
    for unit_id, committee in units:
        users.setdefault(variable_of[committee], []).append(contact_user(unit_id))
    return users


async def plan_slots(database: Database) -> int:
    """Plan the due tasks' slots (as the sweep's replan would); how many are due now."""
    now = datetime.now(UTC)
    core = Core(settings=Settings(_env_file=None), db=database, clock=SystemClock(), channels={})
    await Sweeper(core.deps, ReminderSettings(_env_file=None)).replan(now)
    async with database.reading() as session:
        return await session.scalar(
            select(func.count()).where(
                ReminderSlot.state == SlotState.PENDING.value, ReminderSlot.fire_at <= now
            )
        )


async def reset_day(database: Database) -> None:
    """Every slot of the day pending again, nothing delivered: the next run sends it all anew."""
    async with database.transaction() as session:
        await session.execute(delete(Delivery))
        await session.execute(
            update(ReminderSlot).values(
                state=SlotState.PENDING.value,
                claimed_by=None,
                claimed_at=None,
                finished_at=None,
                attempts=0,
                last_error=None,
            )
        )


async def repeated_deliveries(database: Database) -> int:
    """Slots recorded as delivered more than once (each slot has one chat here)."""
    async with database.reading() as session:
        rows = await session.scalar(select(func.count()).select_from(Delivery))
        slots = await session.scalar(select(func.count(func.distinct(Delivery.slot_id))))
    return (rows or 0) - (slots or 0)


# --- the emulator in a child process ------------------------------------------------------


async def serve_emulator(count: int) -> None:
    """Child-process mode: `count` committee bots at one address, driven by JSON lines on stdin."""
    loop = asyncio.get_running_loop()
    async with TelegramEmulator(token=TOKEN) as emulator:
        bots, environ = serve_committee_bots(emulator, count, None)
        print(json.dumps({"api_url": emulator.api_url, "environ": environ}), flush=True)
        while line := await loop.run_in_executor(None, sys.stdin.readline):
            command = json.loads(line)
            for variable, users in command.get("users", {}).items():
                for user_id in users:
                    bots[variable].user(user_id, f"Đầu mối {user_id}")
            if "per_token_per_s" in command:
                for bot in bots.values():
                    bot.limits(overall_per_s=command["per_token_per_s"])
            times = [message.time for bot in bots.values() for message in bot.sent]
            span = max(times) - min(times) if times else 0.0
            limit = command.get("figures_at")
            figures = (
                dispatch_figures(bots, limit, command.get("achieved") or span) if limit else {}
            )
            print(json.dumps({
                **figures,
                "messages": sum(len(bot.sent) for bot in bots.values()),
                "span_seconds": round(span, 3),
                "duplicates": sum(bot.stats.duplicates for bot in bots.values()),
                "429s": sum(bot.stats.errors[429] for bot in bots.values()),
            }), flush=True)  # fmt: skip
        for bot in bots.values():
            await bot.stop()


class EmulatorProcess:
    """The committees' bots served by a child process; `ask` sends it one command."""

    def __init__(self, bots: int):
        self.bots = bots

    async def __aenter__(self) -> EmulatorProcess:
        self.child = await asyncio.create_subprocess_exec(
            sys.executable, __file__, "--emulator-server", str(self.bots),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        assert self.child.stdout is not None
        hello = json.loads(await self.child.stdout.readline())
        self.api_url: str = hello["api_url"]
        self.environ: dict[str, str] = hello["environ"]
        return self

    async def ask(self, **command: object) -> dict:
        """Send a command; what the emulator saw so far."""
        assert self.child.stdin is not None and self.child.stdout is not None
        self.child.stdin.write((json.dumps(command) + "\n").encode())
        await self.child.stdin.drain()
        return json.loads(await self.child.stdout.readline())

    async def __aexit__(self, *_exc: object) -> None:
        assert self.child.stdin is not None
        self.child.stdin.close()
        await self.child.wait()


# --- the runs -------------------------------------------------------------------------------


async def sweep_in_process(
    database: Database, users: dict[str, list[int]], knobs: ReminderSettings, limit: int | None
) -> dict:
    """One sweep of the day in this process, through every configured committee bot; the
    emulator's figures with the sweep's wall time as "achieved"."""
    async with EmulatorProcess(len(users)) as emulator:
        await emulator.ask(users=users, per_token_per_s=limit)
        settings = Settings(_env_file=None, TELEGRAM_API_URL=emulator.api_url)
        plan = await configured_bots(database, settings, emulator.environ)
        async with AsyncExitStack() as clients:
            channels = {}
            for bot in plan.bots:
                client = Bot(bot.token, base_url=f"{emulator.api_url}/bot")
                await clients.enter_async_context(client)
                channels[bot.channel] = TelegramChannel(client, bot.channel)
            core = Core(settings=settings, db=database, clock=SystemClock(), channels=channels)
            sweeper = Sweeper(core.deps, knobs)
            sweeper.note_full_replan(datetime.now(UTC))  # planned already by `plan_slots`
            started = time.perf_counter()
            result = await sweeper.sweep()
            seconds = time.perf_counter() - started
        seen = await emulator.ask(figures_at=limit, achieved=seconds)
    return {
        **seen,
        "bots": len(plan.bots),
        "claimed": result.claimed,
        "sweep_seconds": round(seconds, 3),
        "per_s": round(seen["messages"] / seconds, 1) if seconds else 0.0,
        "repeated_deliveries": await repeated_deliveries(database),
    }


def peak_rss_mb(pid: int) -> float | None:
    """A running process's peak resident memory (VmHWM), in MB; None once it has ended."""
    status = Path(f"/proc/{pid}/status")
    lines = status.read_text().splitlines() if status.exists() else []
    found = [line.split()[1] for line in lines if line.startswith("VmHWM:")]
    return round(int(found[0]) / 1024, 1) if found else None


def run_environment(database_url: str, api_url: str, tokens: dict[str, str], **knobs: str) -> dict:
    """The environment of a `dondoc run` process serving the deployment's bot and every
    committee's from the emulator (nothing from the developer's)."""
    inherited = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    return {**inherited, **tokens, **knobs, "DATABASE_URL": database_url,
            "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": api_url, "DONDOC_HEALTH_LISTEN": "off",
            "DONDOC_LOG_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1"}  # fmt: skip


async def sweep_in_processes(
    database_url: str,
    users: dict[str, list[int]],
    expected: int,
    per_token: int,
    *,
    processes: int,
    in_flight: int,
    folder: Path,
    per_user: int = 1,
) -> dict:
    """The day sent by `processes` `dondoc run` processes sharing every token (each bot's
    reminders go out from the process holding its lease, paced at the token's limit); "achieved"
    is the emulator's first to last message. Waits until `expected` messages arrived or three
    times the floor has passed (each user gets `per_user` messages)."""
    async with EmulatorProcess(len(users)) as emulator:
        await emulator.ask(users=users, per_token_per_s=per_token)
        env = run_environment(
            database_url, emulator.api_url, emulator.environ,
            DONDOC_REMINDER_OVERALL_PER_SECOND=str(per_token),
            DONDOC_REMINDER_IN_FLIGHT=str(in_flight),
        )  # fmt: skip
        children = []
        for number in range(processes):
            with (folder / f"dondoc-run-{number}.log").open("wb") as log:
                children.append(
                    await asyncio.create_subprocess_exec(
                        sys.executable, "-m", "bot.cli", "run", env=env, stdout=log, stderr=log
                    )
                )
        floor = max(len(ids) for ids in users.values()) * per_user / per_token
        deadline = time.monotonic() + 60 + 3 * floor
        seen = await emulator.ask()
        running = lambda: any(child.returncode is None for child in children)  # noqa: E731
        while seen["messages"] < expected and time.monotonic() < deadline and running():
            await asyncio.sleep(PROGRESS_SECONDS)  # the children's progress, read from the emulator
            seen = await emulator.ask()
        memory = [peak_rss_mb(child.pid) for child in children]
        for child in children:
            if child.returncode is None:
                child.send_signal(signal.SIGTERM)
        exits = [await child.wait() for child in children]
        seen = await emulator.ask(figures_at=per_token)
    logs = [(folder / f"dondoc-run-{n}.log").read_text(errors="replace") for n in range(processes)]
    return {
        **seen,
        "processes": processes,
        "expected": expected,
        "pacing_per_bot_per_s": per_token,
        "peak_rss_mb_each": memory,
        "exit_codes": exits,
        "errors_logged": sum(log.count("ERROR") for log in logs),
        "error_lines": [line[:300] for log in logs for line in log.splitlines() if "ERROR" in line][
            :5
        ],
        "failed_log": next(
            (log[-2000:] for log, code in zip(logs, exits, strict=True) if code), None
        ),
    }


def main() -> None:
    """The child-process emulator (the bench's own use of this file)."""
    if sys.argv[1:2] == ["--emulator-server"]:
        asyncio.run(serve_emulator(int(sys.argv[2])))


if __name__ == "__main__":
    main()
