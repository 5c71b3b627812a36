"""Backups and moves: seconds and rows per second for `dondoc backup`, `restore` and `db copy`;
prints JSON.

    .venv/bin/python bench/backup_bench.py --json [--rows 50000] [--postgres URL]

Fills an SQLite file with the example plan plus `--rows` audit lines and reminder slots (what
grows in a district's database), then times an online backup, a restore into an empty SQLite file
and, with `--postgres`, a copy into a schema this bench creates there (and drops afterwards).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select

from bench.support import postgres_schema
from bot.planparse import read_plan
from bot.services.registry import import_plan
from db.engine import Database
from db.migrate import upgrade
from db.models import AuditEntry, ReminderSlot, Task, Unit
from db.moves import backup, copy, restore

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "example-plan.yaml"
START = datetime(2025, 1, 1, 1, tzinfo=UTC)


async def filled(path: Path, rows: int) -> Database:
    """An SQLite database with the example plan, `rows` audit lines and `rows` slots."""
    database = Database(f"sqlite:///{path}")
    await upgrade(database)
    async with database.transaction() as session:
        await import_plan(session, read_plan(EXAMPLE), actor="bench", source_name=EXAMPLE.name)
    async with database.transaction() as session:
        task = await session.scalar(select(Task.id).limit(1))
        unit = await session.scalar(select(Unit.id).limit(1))
        audit = [
            {"at": START + timedelta(minutes=i), "actor": "bench", "action": "report",
             "entity": "progress_report", "entity_id": i, "details": {"percent": i % 100}}
            for i in range(rows)
        ]  # fmt: skip
        slots = [
            {"task_id": task, "unit_id": unit, "kind": "due", "occurrence": f"o{i}",
             "fire_at": START + timedelta(hours=i), "state": "sent", "attempts": 1,
             "created_at": START}
            for i in range(rows)
        ]  # fmt: skip
        await session.execute(insert(AuditEntry), audit)
        await session.execute(insert(ReminderSlot), slots)
    return database


async def timed(work) -> tuple[float, dict[str, int]]:
    started = time.perf_counter()
    counts = await work
    return time.perf_counter() - started, counts


async def postgres_copy(source: Database, url: str) -> float:
    """Seconds to copy into a fresh schema of `url` (created and dropped here)."""
    async with postgres_schema(url) as target:
        seconds, _counts = await timed(copy(source, target))
    return seconds


async def main(rows: int, postgres: str | None) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        source = await filled(tmp / "huyen.db", rows)
        backup_s, counts = await timed(backup(source, tmp / "sao-luu.db"))
        total = sum(counts.values())
        target = Database(f"sqlite:///{tmp / 'moi.db'}")
        restore_s, _ = await timed(restore(target, tmp / "sao-luu.db"))
        await target.dispose()
        result: dict[str, object] = {
            "rows": total,
            "backup_s": round(backup_s, 3),
            "restore_s": round(restore_s, 3),
            "restore_rows_per_s": round(total / restore_s),
            "backup_mb": round((tmp / "sao-luu.db").stat().st_size / 2**20, 1),
        }
        if postgres:
            copy_s = await postgres_copy(source, postgres)
            result |= {
                "copy_to_postgres_s": round(copy_s, 3),
                "copy_rows_per_s": round(total / copy_s),
            }
        await source.dispose()
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--postgres", help="PostgreSQL URL to copy into (a schema of its own)")
    args = parser.parse_args()
    figures = asyncio.run(main(args.rows, args.postgres))
    print(json.dumps(figures, ensure_ascii=False, indent=None if args.json else 2))
