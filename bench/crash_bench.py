"""Kill -9 during bursts of reports: is every report stored once and every sender answered? JSON.

    .venv/bin/python bench/crash_bench.py --json [--kills 10] [--contacts 50] [--per-contact 4]
                                             [--backends sqlite,postgresql] [--postgres-url URL]
                                             [--seed 1]

A real `dondoc run` process polls the Telegram emulator. Each burst: `contacts` bound contacts each
send `per-contact` progress reports at once (200 by default); once a random number of them
(0 … all but one) has been answered, the process is killed with SIGKILL and started again on
the same database; the burst ends when every report is answered and the inbox has settled.
`kills` bursts per backend. PostgreSQL runs on a database of its own, created on the server of
`--postgres-url` (default: TEST_DATABASE_URL, else postgres@127.0.0.1:5432) and dropped after.

Per backend: `messages`, `stored` (distinct reports recorded), `duplicate_reports`, `answered`
(messages with at least one acknowledgement), `duplicate_answers` (acknowledgements beyond the
first) in all and `max_duplicate_answers_per_kill`. Targets: all stored and answered, 0 duplicate
reports, at most 1 duplicate acknowledgement per kill on average.
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.crash_burst import BurstOutcome, run_burst, seed
from bench.support import scratch_postgres
from bot.emulators.telegram import TelegramEmulator
from bot.emulators.telegram_harness import TOKEN, BotProcess, bot_settings, process_env
from db.engine import Database

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"


def summary(outcomes: list[BurstOutcome], seconds: float) -> dict[str, object]:
    """The backend's figures over all its bursts, and whether they meet the targets."""
    total = {
        field: sum(getattr(o, field) for o in outcomes)
        for field in (
            "messages",
            "stored",
            "duplicate_reports",
            "answered",
            "duplicate_answers",
            "kills",
        )
    }
    total["max_duplicate_answers_per_kill"] = max(o.duplicate_answers for o in outcomes)
    total["seconds"] = round(seconds, 1)
    total["targets_met"] = (
        total["stored"] == total["messages"] == total["answered"]
        and total["duplicate_reports"] == 0
        and total["duplicate_answers"] <= total["kills"]
    )
    return total


async def run_backend(database_url: str, args: argparse.Namespace) -> dict[str, object]:
    """Seed, start `dondoc run`, then `kills` bursts each with a kill and a restart."""
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="dondoc-crash-") as folder:
        async with TelegramEmulator(token=TOKEN) as emu:
            contacts = await seed(database_url, emu, args.contacts)
            env = process_env(bot_settings(emu, Path(folder)), DATABASE_URL=database_url)
            env["DONDOC_LOG_LEVEL"] = "WARNING"
            process = BotProcess(emu, env, Path(folder))
            db = Database(database_url)
            started = time.perf_counter()
            outcomes = []
            await process.start()
            try:
                for burst in range(args.kills):
                    outcomes.append(
                        await run_burst(process, db, contacts, args.per_contact, burst, rng)
                    )
            finally:
                await process.stop()
                await db.dispose()
            return summary(outcomes, time.perf_counter() - started)


async def main(args: argparse.Namespace) -> dict[str, object]:
    """Every backend asked for, in turn."""
    results: dict[str, object] = {
        "kills_per_backend": args.kills,
        "burst": args.contacts * args.per_contact,
    }
    for backend in args.backends.split(","):
        if backend == "sqlite":
            with tempfile.TemporaryDirectory(prefix="dondoc-crash-db-") as folder:
                results["sqlite"] = await run_backend(f"sqlite:///{folder}/bench.db", args)
        elif backend == "postgresql":
            try:
                async with scratch_postgres(args.postgres_url) as url:
                    results["postgresql"] = await run_backend(url, args)
            except OSError as error:  # no server: said in the output, not a traceback
                results["postgresql"] = {"skipped": f"no PostgreSQL server: {error}"}
        else:
            raise SystemExit(f"unknown backend {backend}")
    return results


def parse_args() -> argparse.Namespace:
    """The bench's options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print compact JSON")
    parser.add_argument("--kills", type=int, default=10, help="bursts (each with a kill)")
    parser.add_argument("--contacts", type=int, default=50)
    parser.add_argument("--per-contact", type=int, default=4)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument(
        "--postgres-url", default=os.environ.get("TEST_DATABASE_URL", DEFAULT_POSTGRES)
    )
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args()


if __name__ == "__main__":
    arguments = parse_args()
    outcome = asyncio.run(main(arguments))
    print(json.dumps(outcome, ensure_ascii=False, indent=None if arguments.json else 2))
