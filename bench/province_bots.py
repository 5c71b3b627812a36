"""A province's bots for the province bench: one Telegram emulator address serving every
committee's token, each with its own flood limit, and the figures measured against them.

    python bench/province_bots.py --json    # a self-check: N bots served, one process, figures
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.emulators.telegram import TelegramEmulator
from bot.emulators.telegram_harness import TOKEN, bot_settings


def committee_variable(number: int) -> str:
    """The token variable of committee `number` ("TG_CAP_UY_007")."""
    return f"TG_CAP_UY_{number:03d}"


def serve_committee_bots(
    emulator: TelegramEmulator, count: int, per_token_per_s: int | None
) -> tuple[dict[str, TelegramEmulator], dict[str, str]]:
    """`count` committee bots at `emulator`'s address, each limited to `per_token_per_s`
    messages a second; the bots by variable, and the environment naming their tokens."""
    bots: dict[str, TelegramEmulator] = {}
    for number in range(1, count + 1):
        variable = committee_variable(number)
        token = f"{8_000_000_000 + number}:province-bench-token-{number:03d}"
        bot = emulator.serve_too(TelegramEmulator(token, username=f"cap_uy_{number:03d}_bot"))
        bot.limits(overall_per_s=per_token_per_s)
        bots[variable] = bot
    return bots, {variable: bot.token for variable, bot in bots.items()}


def dispatch_figures(
    bots: Mapping[str, TelegramEmulator], per_token_per_s: float, achieved_seconds: float
) -> dict[str, float | int]:
    """The floor (the busiest token's messages ÷ its limit), the time achieved, their ratio,
    and what the emulator saw: messages, duplicates and 429s over every token."""
    busiest = max((len(bot.sent) for bot in bots.values()), default=0)
    floor = busiest / per_token_per_s
    return {
        "messages": sum(len(bot.sent) for bot in bots.values()),
        "floor_seconds": round(floor, 3),
        "achieved_seconds": round(achieved_seconds, 3),
        "ratio_to_floor": round(floor / achieved_seconds, 3) if achieved_seconds else 0.0,
        "duplicates": sum(bot.stats.duplicates for bot in bots.values()),
        "429s": sum(bot.stats.errors[429] for bot in bots.values()),
    }


async def self_check(count: int) -> dict[str, object]:
    """Start one `dondoc run` (in this process) serving `count` committee bots; how long it took
    to take every bot's lease and receive on all of them."""
    from bot.runner import Runner
    from bot.services.committees import CommitteeChanges, add_committee
    from db.engine import Database
    from db.migrate import upgrade

    with tempfile.TemporaryDirectory() as folder:
        async with TelegramEmulator(token=TOKEN) as emulator:
            bots, environ = serve_committee_bots(emulator, count, None)
            settings = bot_settings(emulator, Path(folder), DONDOC_HEALTH_LISTEN="off")
            database = Database(settings.database_url)
            await upgrade(database)
            async with database.transaction() as session:
                for variable in bots:
                    changes = CommitteeChanges(telegram_token_env=variable)
                    await add_committee(session, f"Cấp ủy {variable}", changes)
            await database.dispose()
            runner = Runner(settings, scheduler=False, environ=environ)
            began = time.perf_counter()
            await runner.start()
            started = time.perf_counter() - began
            receiving = len(runner.leases.receiving) if runner.leases else 0
            await runner.stop()
            for bot in bots.values():
                await bot.stop()
    return {"bots": count + 1, "receiving": receiving, "start_seconds": round(started, 3)}


def main() -> None:
    """Print the self-check's figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bots", type=int, default=20, help="committee bots to serve")
    parser.add_argument("--json", action="store_true", help="print JSON")
    arguments = parser.parse_args()
    print(json.dumps(asyncio.run(self_check(arguments.bots)), ensure_ascii=False))


if __name__ == "__main__":
    main()
