"""A province on one deployment: the parent committee's roll-up `/summary`; prints JSON.

    .venv/bin/python bench/province_bench.py --json

    .venv/bin/python bench/province_bench.py --json --database-url postgresql://postgres@127.0.0.1:5432/test

Builds a province (bulk inserts, as bench/summary_bench.py seeds): a parent committee with one
plan and N child committees, each with 60 units × 20 tasks (one lead unit each) under one plan
(four in five implementing the parent's), plus 100,000 reports spread over every child's tasks.
Then times the roll-up of the children cold (every kept standing dropped first, so all are
computed), warm (nothing changed since: the standings are read back) and after one new report on
one child (that child recomputed), and the parent's `/summary` (its own summary, the warm
roll-up, the chat text), with their SQL statements, at 10 and at 100 committees
(`--committees 10,100`): no count may grow.
Also prints the build time and the process's peak memory. SQLite in a temporary folder by
default; with `--database-url` a PostgreSQL server, in schemas of its own dropped afterwards.
Target: the roll-up `/summary` < 1 s, the same query count at both sizes.

"dispatch" (the larger province; bench/province_dispatch.py): every child committee gets its own
Telegram bot and each unit one contact on it; `--slots` reminders are due today (the same number
of tasks in every unit; 120,000 is the heavy day, every task due). The emulator (a child process)
serves all the bots. The sweep in this process first sends the day with no limit anywhere: the
machine's ceiling. Then each token is limited to a share of that ceiling divided among the
tokens, the sweep paced at all tokens' limits together, and the day sent again: "floor_seconds"
(the busiest token's messages ÷ its limit), "achieved_seconds", "ratio_to_floor", duplicates
(the emulator's, and slots recorded twice in the deliveries table), 429s. With `--database-url`,
the same day once more by two `dondoc run` processes sharing the tokens, on a database of their
own. Targets: ratio ≥ 0.9, 0 duplicates, 0 × 429.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import delete, event, insert

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.crash_burst import scratch_postgres
from bench.province_dispatch import (
    plan_slots,
    prepare_day,
    repeated_deliveries,
    reset_day,
    sweep_in_process,
    sweep_in_processes,
)
from bench.summary_bench import timed
from bench.support import analyze, bench_database
from bot.services.reminders.settings import ReminderSettings
from bot.services.rollup import build_rollup
from bot.services.rollup_text import rollup_blocks
from bot.services.status import end_of_day
from bot.services.summary import build_summary
from bot.services.summary_text import render_pages
from db.engine import Database
from db.migrate import upgrade
from db.models import Assignment, CommitteeStanding, Plan, ProgressReport, Task, Unit
from db.models.committees import Committee
from db.scope import Scope, acting_for

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
AT = end_of_day(date(2025, 7, 1), TZ)
PARENT = 2  # committee 1 is the deployment's default one, made by the migration
UNITS, TASKS_PER_UNIT, REPORTS = 60, 20, 100_000
STATUSES = ["in_progress"] * 7 + ["blocked", "extension", "done"]
RECURRENCES = [None] * 9 + ["quarterly", "monthly", "continuous"]
CHUNK = 10_000
ROLLUP_CASES = ("rollup_cold", "rollup_warm", "rollup_one_child_changed")
UNLIMITED = 100_000  # messages a second: no pacing at all, to find the machine's ceiling
SHARE_OF_CEILING = 0.5  # all tokens' limits together, as a share of the machine's ceiling
DAY_SLOTS = 6_000  # one task due today in every unit of 100 committees: minutes, not a quarter hour


@dataclass(frozen=True)
class Dispatch:
    """How much of a day the larger province dispatches, and how many messages go out at once."""

    slots: int
    in_flight: int


async def seed(database: Database, committees: int, rng: random.Random) -> None:
    """The parent, its plan, and `committees` children with their units, tasks and reports."""
    now = datetime(2025, 1, 10, tzinfo=UTC)
    children = range(PARENT + 1, PARENT + 1 + committees)
    committee_rows = [{"id": PARENT, "name": "Tỉnh ủy Thử", "key": "tinh uy thu", "calendar": {},
                       "created_at": now}]  # fmt: skip
    committee_rows += [{"id": c, "name": f"Đảng ủy xã Số {c}", "key": f"dang uy xa so {c}",
                        "parent_id": PARENT, "calendar": {}, "created_at": now}
                       for c in children]  # fmt: skip
    plan_rows = [{"id": PARENT, "committee_id": PARENT, "key": "730", "number": "210-KH/TU",
                  "implements": "730-TB/TU", "title": "Kế hoạch thực hiện Thông báo 730-TB/TU",
                  "policy": {}, "report_settings": {}, "created_at": now}]  # fmt: skip
    plan_rows += [{"id": c, "committee_id": c, "key": f"kh{c}", "number": f"{c}-KH/ĐU",
                   "implements": "210-KH/TU" if c % 5 else None, "title": f"Kế hoạch của xã {c}",
                   "policy": {}, "report_settings": {}, "created_at": now}
                  for c in children]  # fmt: skip
    unit_rows, task_rows, assignment_rows = [], [], []
    for c in children:
        for u in range(UNITS):
            unit_id = c * 1000 + u
            unit_rows.append({"id": unit_id, "committee_id": c, "key": f"u{unit_id}",
                              "name": f"Chi bộ số {u} xã {c}", "kind": "body", "created_at": now})  # fmt: skip
            for n in range(TASKS_PER_UNIT):
                task_id = unit_id * 100 + n
                recurrence = rng.choice(RECURRENCES)
                due = None if recurrence else date(2025, 1, 1) + timedelta(days=rng.randrange(365))
                task_rows.append({"id": task_id, "plan_id": c, "code": f"{u}.{n}", "extra": {},
                                  "policy": {}, "title": f"Nhiệm vụ {n} của chi bộ {u}", "due": due,
                                  "recurrence": recurrence, "created_at": now, "updated_at": now})  # fmt: skip
                assignment_rows.append({"task_id": task_id, "unit_id": unit_id, "role": "lead",
                                        "position": 0})  # fmt: skip
    start = datetime(2025, 1, 15, 1, tzinfo=UTC)
    report_rows = []
    for _ in range(REPORTS):
        pair = rng.choice(assignment_rows)
        # A report belongs to its unit's committee (a bulk insert skips the scope's flush hook).
        report_rows.append({"task_id": pair["task_id"], "unit_id": pair["unit_id"], "source": "chat",
                            "committee_id": pair["unit_id"] // 1000,
                            "attachments": [], "text": "Đã thực hiện, đang triển khai tiếp",
                            "percent": rng.randrange(101), "status": rng.choice(STATUSES),
                            "reported_at": start + timedelta(minutes=rng.randrange(200 * 24 * 60)),
                            "created_at": now})  # fmt: skip
    async with database.transaction() as session:
        for model, rows in ((Committee, committee_rows), (Plan, plan_rows), (Unit, unit_rows),
                            (Task, task_rows), (Assignment, assignment_rows),
                            (ProgressReport, report_rows)):  # fmt: skip
            for offset in range(0, len(rows), CHUNK):
                await session.execute(insert(model), rows[offset : offset + CHUNK])


async def parent_summary(database: Database) -> list[str]:
    """The parent leader's `/summary`: its own summary, then its children's roll-up, as chat text."""
    with acting_for(Scope.of(PARENT)):
        async with database.reading() as session:
            own = await build_summary(session, AT, TZ)
    rollup = await build_rollup(database, PARENT, AT, TZ)
    more = rollup_blocks(rollup, "vi") if rollup else []
    return render_pages(own, locale="vi", tz=TZ, limit=4096, more=more)


def tasks_due_per_unit(committees: int, slots: int) -> int:
    """Tasks of each unit due on the bench day, for about `slots` slots in all."""
    return min(TASKS_PER_UNIT, max(1, round(slots / (committees * UNITS))))


async def measure_dispatch(
    database: Database, committees: int, dispatch: Dispatch, server: str | None
) -> dict:
    """The day's reminder slots (about `slots`: the same number of tasks due today in every
    unit) swept and dispatched through the emulator, one token per child committee: first with
    no limit (the machine's ceiling), then with each token limited so that all of them together
    stay well under that ceiling (floor, achieved, ratio, duplicates, 429s); on PostgreSQL, then
    by two `dondoc run` processes sharing the tokens."""
    slots, in_flight = dispatch.slots, dispatch.in_flight
    tasks_per_unit = tasks_due_per_unit(committees, slots)
    users = await prepare_day(database, PARENT, tasks_per_unit)
    due = await plan_slots(database)
    tokens = len(users)
    unlimited = ReminderSettings(_env_file=None, overall_per_second=UNLIMITED,
                                 per_chat_per_second=UNLIMITED, in_flight=in_flight)  # fmt: skip
    ceiling = await sweep_in_process(database, users, unlimited, None)
    await reset_day(database)
    per_token = max(1, int(ceiling["per_s"] * SHARE_OF_CEILING / tokens))
    # The overall limit is each bot's: every token paced at the emulator's limit for it.
    paced = ReminderSettings(_env_file=None, overall_per_second=per_token,
                             in_flight=in_flight)  # fmt: skip
    in_process = await sweep_in_process(database, users, paced, per_token)
    return {
        "slots_due": due,
        "tasks_due_per_unit": tasks_per_unit,
        "tokens": tokens,
        "in_flight": in_flight,
        "ceiling_per_s": ceiling["per_s"],
        "ceiling_run": ceiling,
        "per_token_per_s": per_token,
        "pacing_per_bot_per_s": per_token,
        "in_process": in_process,
        "in_process_sent_all": in_process["messages"] == due,
        "two_processes": await two_processes(server, committees, slots, in_flight, per_token)
        if server
        else None,
    }


async def two_processes(
    server: str, committees: int, slots: int, in_flight: int, per_token: int
) -> dict:
    """The same day sent by two `dondoc run` processes sharing the tokens, on a PostgreSQL
    database of its own (the processes need a database URL, not a schema)."""
    async with scratch_postgres(server) as url:
        database = Database(url)
        try:
            await upgrade(database)
            await seed(database, committees, random.Random(committees))
            per_unit = tasks_due_per_unit(committees, slots)
            users = await prepare_day(database, PARENT, per_unit)
            due = await plan_slots(database)
            with tempfile.TemporaryDirectory() as folder:
                run = await sweep_in_processes(
                    url, users, due, per_token,
                    processes=2, in_flight=in_flight, folder=Path(folder), per_user=per_unit,
                )  # fmt: skip
            return {**run, "repeated_deliveries": await repeated_deliveries(database)}
        finally:
            await database.dispose()


async def forget_standings(database: Database) -> None:
    """Drop every kept standing, so the next roll-up computes them all."""
    async with database.transaction() as session:
        await session.execute(delete(CommitteeStanding))


async def change_one_child(database: Database, rng: random.Random) -> None:
    """One new report on a task of the first child, as a unit's chat reply stores it."""
    child = PARENT + 1
    unit_id = child * 1000 + rng.randrange(UNITS)
    row = {"task_id": unit_id * 100 + rng.randrange(TASKS_PER_UNIT), "unit_id": unit_id,
           "committee_id": child, "source": "chat", "attachments": [], "text": "Đã hoàn thành",
           "percent": 100, "status": "done", "reported_at": AT - timedelta(hours=1),
           "created_at": AT - timedelta(hours=1)}  # fmt: skip
    async with database.transaction() as session:
        await session.execute(insert(ProgressReport), [row])


async def rollup_run(
    database: Database, statements: list[str], before=None
) -> tuple[float, float, int]:
    """One roll-up after `before` (untimed): wall and CPU seconds, SQL statements."""
    if before is not None:
        await before()
    statements.clear()
    seconds, cpu, _rollup = await timed(lambda: build_rollup(database, PARENT, AT, TZ))
    return seconds, cpu, len(statements)


async def rollup_case(database: Database, statements: list[str], before=None) -> dict:
    """The best of three roll-ups, each after `before`."""
    runs = [await rollup_run(database, statements, before) for _ in range(3)]
    seconds, cpu, queries = min(runs)
    return {"seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3), "queries": queries}


async def measure(
    folder: Path, committees: int, server: str | None, dispatch: Dispatch | None = None
) -> dict:
    """Build a province of `committees` children; time and count the parent's `/summary` and
    its roll-up cold (every standing computed), warm (nothing changed) and after one child changed."""
    async with bench_database(folder, f"province-{committees}", server) as database:
        await upgrade(database)
        started = time.perf_counter()
        rng = random.Random(committees)
        await seed(database, committees, rng)
        build_seconds = time.perf_counter() - started
        await analyze(database)  # PostgreSQL's statistics, as autovacuum keeps them after a load
        statements: list[str] = []
        event.listen(database.engine.sync_engine, "before_cursor_execute",
                     lambda _c, _cur, statement, *_a: statements.append(statement))  # fmt: skip
        cold = await rollup_case(database, statements, lambda: forget_standings(database))
        warm = await rollup_case(database, statements)
        changed = await rollup_case(database, statements, lambda: change_one_child(database, rng))
        await parent_summary(database)  # warm the pool and the statement caches
        statements.clear()
        pages = await parent_summary(database)
        queries = len(statements)
        seconds, _cpu, _pages = await timed(lambda: parent_summary(database), repeat=3)
        return {
            "committees": committees,
            "tasks": committees * UNITS * TASKS_PER_UNIT,
            "reports": REPORTS,
            "build_seconds": round(build_seconds, 2),
            "summary_seconds": round(seconds, 3),
            "summary_queries": queries,
            "summary_pages": len(pages),
            "rollup_cold": cold,
            "rollup_warm": warm,
            "rollup_one_child_changed": changed,
            "dispatch": await measure_dispatch(database, committees, dispatch, server)
            if dispatch and dispatch.slots
            else None,
        }


async def main(
    as_json: bool, server: str | None, sizes: tuple[int, int], dispatch: Dispatch
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        small = await measure(Path(folder), sizes[0], server)
        large = await measure(Path(folder), sizes[1], server, dispatch)
    result = {
        "database": "postgresql" if server else "sqlite",
        "small": small,
        "large": large,
        "query_count_fixed": all(
            small[case]["queries"] == large[case]["queries"] for case in ROLLUP_CASES
        )
        and small["summary_queries"] == large["summary_queries"],
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "targets": {"summary_seconds": 1.0, "rollup_warm_seconds": 1.0},
    }
    print(json.dumps(result, indent=None if as_json else 2))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="one line of JSON")
    parser.add_argument("--database-url", help="a PostgreSQL server to bench on (own schemas)")
    parser.add_argument(
        "--committees", default="10,100", help="the two province sizes compared (default 10,100)"
    )
    parser.add_argument(
        "--slots", type=int, default=DAY_SLOTS,
        help=f"the day's reminders dispatched in the larger province (default {DAY_SLOTS:,}; "
        "120,000 is the heavy day, every task due; 0: no dispatch)",
    )  # fmt: skip
    parser.add_argument("--in-flight", type=int, default=4, help="the sweep's messages out at once")
    arguments = parser.parse_args()
    small, large = (int(n) for n in arguments.committees.split(","))
    dispatch = Dispatch(arguments.slots, arguments.in_flight)
    asyncio.run(main(arguments.json, arguments.database_url, (small, large), dispatch))
