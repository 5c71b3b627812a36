"""Summary and export speed on a generated plan; prints JSON.

    .venv/bin/python bench/summary_bench.py --json

    .venv/bin/python bench/summary_bench.py --json --database-url postgresql://postgres@127.0.0.1:5432/test

Builds a database of 1,000 tasks × 50 units × 100,000 reports (and a small one of
100 × 10 × 10,000 to show the query count does not grow), then times the summary (read and
rendered as chat text), a period's summary and a unit's history as the chat shows them, and each
export (at 1 July: 46,104 reports in the .xlsx history; and the .xlsx of all 100,000 reports),
counting the SQL statements of the summary with a `before_cursor_execute` hook. SQLite in a
temporary folder by default; with `--database-url` a PostgreSQL server, in schemas of its own that
are dropped afterwards. Wall seconds are the best of the runs; beside them the CPU seconds of that
run and the machine's load average, since the machine is shared.
Targets: summary < 300 ms, the same query count at both sizes, .xlsx < 1 s, a period .docx < 2 s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import event, insert

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.support import analyze, bench_database
from bot.services.exports import export_document, export_period
from bot.services.exports.history import load_history
from bot.services.exports.period import load_period_report
from bot.services.period_words import parse_cli_period
from bot.services.status import end_of_day
from bot.services.summary import build_summary
from bot.services.summary_text import render_pages
from db.engine import Database
from db.migrate import upgrade
from db.models import Assignment, Plan, ProgressReport, Task, Unit, UnitMember
from db.models.committees import DEFAULT_COMMITTEE_ID
from db.scope import Scope, enter_scope

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
AT = end_of_day(date(2025, 7, 1), TZ)
YEAR_END = end_of_day(date(2026, 1, 31), TZ)  # after every generated report
STATUSES = ["in_progress"] * 7 + ["blocked", "extension", "done"]
RECURRENCES = [None] * 9 + ["quarterly", "monthly", "continuous"]


async def seed(
    database: Database, tasks: int, units: int, reports: int, rng: random.Random
) -> None:
    """One plan; unit 1 is a group of a third of the others; random leads, dues and reports."""
    now = datetime(2025, 1, 10, tzinfo=UTC)
    async with database.transaction() as session:
        await session.execute(insert(Plan), [{"id": 1, "key": "bench", "number": "1/KH-UBND",
                              "title": "Kế hoạch thử tải", "issuer": "UBND huyện Thử", "policy": {}}])  # fmt: skip
        await session.execute(insert(Unit), [
            {"id": n, "key": f"u{n}", "name": "UBND các xã, thị trấn" if n == 1 else f"Phòng số {n}",
             "kind": "group" if n == 1 else "body"}
            for n in range(1, units + 1)
        ])  # fmt: skip
        members = range(2, 2 + units // 3)
        await session.execute(
            insert(UnitMember), [{"group_id": 1, "member_id": m} for m in members]
        )
        task_rows, assignment_rows, pairs = [], [], []
        for task_id in range(1, tasks + 1):
            recurrence = rng.choice(RECURRENCES)
            due = None if recurrence else date(2025, 1, 1) + timedelta(days=rng.randrange(365))
            task_rows.append({"id": task_id, "plan_id": 1, "code": str(task_id), "extra": {}, "policy": {},
                              "title": f"Nhiệm vụ số {task_id} về chuyển đổi số và cải cách hành chính",
                              "due": due, "recurrence": recurrence, "created_at": now, "updated_at": now})  # fmt: skip
            leads = rng.sample(range(1, units + 1), rng.choice([1, 1, 1, 2]))
            for position, unit_id in enumerate(leads):
                assignment_rows.append(
                    {"task_id": task_id, "unit_id": unit_id, "role": "lead", "position": position}
                )
                pairs += [(task_id, m) for m in members] if unit_id == 1 else [(task_id, unit_id)]
        await session.execute(insert(Task), task_rows)
        await session.execute(insert(Assignment), assignment_rows)
        start = datetime(2025, 1, 15, 1, tzinfo=UTC)
        report_rows = []
        for _ in range(reports):
            task_id, unit_id = rng.choice(pairs)
            status = rng.choice(STATUSES)
            report_rows.append({"task_id": task_id, "unit_id": unit_id, "source": "chat", "attachments": [],
                                "text": f"Đã thực hiện {rng.randrange(100)}%, đang triển khai tiếp",
                                "percent": rng.randrange(101), "status": status,
                                "reported_at": start + timedelta(minutes=rng.randrange(365 * 24 * 60)),
                                "created_at": now})  # fmt: skip
        for offset in range(0, len(report_rows), 10_000):
            await session.execute(insert(ProgressReport), report_rows[offset : offset + 10_000])


async def timed(work, repeat: int = 1) -> tuple[float, float, object]:
    """Best wall time of `repeat` runs and that run's CPU time (all threads), in seconds; the last result."""
    best, best_cpu, result = float("inf"), float("inf"), None
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = await work()
        wall = time.perf_counter() - started
        if wall < best:
            best, best_cpu = wall, time.process_time() - started_cpu
    return best, best_cpu, result


async def measure(
    folder: Path, tasks: int, units: int, reports: int, exports: bool, server: str | None
) -> dict:
    """Seed a database of this size; time the summary (and exports); count its queries."""
    async with bench_database(folder, f"bench-{tasks}", server) as database:
        return await _measure(database, tasks, units, reports, exports)


async def _measure(database: Database, tasks: int, units: int, reports: int, exports: bool) -> dict:
    await upgrade(database)
    await seed(database, tasks, units, reports, random.Random(tasks))
    await analyze(database)
    # As a leader's /summary runs: inside the committee's scope (every read filtered by it).
    enter_scope(Scope.of(DEFAULT_COMMITTEE_ID))
    statements: list[str] = []
    event.listen(database.engine.sync_engine, "before_cursor_execute",
                 lambda _c, _cur, statement, *_a: statements.append(statement))  # fmt: skip

    async def summary():
        async with database.reading() as session:
            return await build_summary(session, AT, TZ)

    await summary()  # warm the connection pool and statement caches
    statements.clear()
    await summary()
    queries = sum(s.lstrip().upper().startswith("SELECT") for s in statements)
    seconds, _cpu, result = await timed(summary, repeat=5)

    async def summary_text():
        return render_pages(await summary(), locale="vi", tz=TZ, limit=4096)

    text_seconds, _cpu, pages = await timed(summary_text, repeat=5)

    async def period_summary_text():  # the chat's /summary quý II
        async with database.reading() as session:
            report = await load_period_report(
                session, parse_cli_period("2025-Q2"), AT, TZ, None, quotes=False
            )
        return render_pages(report.summary, locale="vi", tz=TZ, limit=4096)

    async def unit_history():  # the chat's /history of one unit, all time
        async with database.reading() as session:
            return await load_history(session, AT, unit_id=2)

    period_seconds, _cpu, _pages = await timed(period_summary_text, repeat=3)
    history_seconds, _cpu, history = await timed(unit_history, repeat=3)
    figures = {"tasks": tasks, "units": units, "reports": reports, "summary_tasks": len(result.tasks),
               "summary_seconds": round(seconds, 4), "summary_text_seconds": round(text_seconds, 4),
               "summary_pages": len(pages), "summary_queries": queries,
               "period_summary_text_seconds": round(period_seconds, 4),
               "unit_history_seconds": round(history_seconds, 4),
               "unit_history_rows": len(history)}  # fmt: skip
    if exports:
        figures.update(await _measure_exports(database))
    return figures


async def _measure_exports(database: Database) -> dict:
    """Each export at AT (best of 3: the first run also imports its writer), and the .xlsx of
    every report (at YEAR_END); CPU seconds count the process's threads, not a database server."""
    figures = {}

    def record(name: str, seconds: float, cpu: float, document) -> None:
        figures[f"{name}_seconds"] = round(seconds, 3)
        figures[f"{name}_cpu_seconds"] = round(cpu, 3)
        figures[f"{name}_bytes"] = len(document.content)

    for fmt, at, name in (("docx", AT, "docx"), ("xlsx", AT, "xlsx"), ("png", AT, "png"),
                          ("xlsx", YEAR_END, "xlsx_all_reports")):  # fmt: skip

        async def export(fmt=fmt, at=at):
            async with database.reading() as session:
                return await export_document(session, fmt, at, TZ)

        record(name, *await timed(export, repeat=3))
    for fmt in ("docx", "xlsx"):

        async def period_export(fmt=fmt):
            async with database.reading() as session:
                return await export_period(session, fmt, parse_cli_period("2025-Q2"), AT, TZ, None)

        record(f"period_{fmt}", *await timed(period_export, repeat=3))
    async with database.reading() as session:
        figures["xlsx_history_rows"] = len(await load_history(session, AT))
        figures["xlsx_all_reports_history_rows"] = len(await load_history(session, YEAR_END))
    return figures


async def main(as_json: bool, server: str | None) -> None:
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        small = await measure(Path(folder), 100, 10, 10_000, False, server)
        large = await measure(Path(folder), 1_000, 50, 100_000, True, server)
    result = {
        "database": "postgresql" if server else "sqlite",
        # The machine is shared: a load above its core count stretches every wall time.
        "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)],
        "small": small,
        "large": large,
        "query_count_fixed": small["summary_queries"] == large["summary_queries"],
        "targets": {"summary_seconds": 0.3, "xlsx_seconds": 1.0, "period_docx_seconds": 2.0,
                    "docx_seconds": 3.0},
    }  # fmt: skip
    print(json.dumps(result, indent=None if as_json else 2))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="one line of JSON")
    parser.add_argument("--database-url", help="a PostgreSQL server to bench on (own schemas)")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.json, arguments.database_url))
