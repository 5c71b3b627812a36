"""Bursts of progress reports to a `dondoc run` process killed (-9) at a random point and restarted:
what was stored, what was answered, and how often (the crash test and `bench/crash_bench.py`)."""

from __future__ import annotations

import asyncio
import random
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select

from bench.support import SAMPLES
from bench.support import scratch_postgres as scratch_postgres  # where the tests import it from
from bot.domain import Role
from bot.emulators.seeding import bind_user, plan_from_expected, seed_plan
from bot.emulators.telegram import TelegramEmulator
from bot.emulators.telegram_harness import BotProcess
from bot.emulators.telegram_objects import User
from bot.texts import t
from db.engine import Database
from db.migrate import upgrade
from db.models import InboxUpdate, ProgressReport

PLAN = SAMPLES / "ke-hoach-730-khcn.expected.json"
UNITS = [("UBND huyện", "II.4"), ("Ban Tuyên giáo Huyện ủy", "II.2")]
FIRST_USER = 300_000
DELAYED = t("inbox.delayed", "vi")


@dataclass
class Contact:
    """A bound contact and the task their reports name."""

    user: User
    code: str


@dataclass(frozen=True)
class BurstOutcome:
    """One burst: messages sent, reports stored (and stored twice), answers (and extra ones)."""

    messages: int
    stored: int
    duplicate_reports: int
    answered: int
    duplicate_answers: int
    kills: int


async def seed(database_url: str, emu: TelegramEmulator, contacts: int) -> list[Contact]:
    """Migrate, import the 730 plan and bind `contacts` Telegram contacts to its units."""
    db = Database(database_url)
    try:
        await upgrade(db)
        await seed_plan(db, plan_from_expected(PLAN))
        found = []
        for index in range(contacts):
            unit, code = UNITS[index % len(UNITS)]
            user = emu.user(FIRST_USER + index, f"Đầu mối {index}")
            now = datetime.now(UTC)
            await bind_user(db, now, role=Role.CONTACT, user_id=str(user.id), unit=unit)
            found.append(Contact(user, code))
    finally:
        await db.dispose()
    return found


def percent_of(burst: int, turn: int) -> int:
    """The percent a contact's `turn`-th message of burst `burst` reports (distinct per burst)."""
    return 1 + (burst * 7 + turn) % 97


def answers_by_percent(texts: list[str], percents: list[int]) -> Counter[int]:
    """How many answers name each percent (the acknowledgement repeats it)."""
    counts: Counter[int] = Counter()
    for text in texts:
        for percent in percents:
            if re.search(rf"(?<!\d){percent}%", text):
                counts[percent] += 1
    return counts


async def inbox_busy(db: Database) -> int:
    """Rows not finished yet (pending or with replies to send)."""
    async with db.reading() as session:
        return await session.scalar(
            select(func.count(InboxUpdate.id)).where(InboxUpdate.state.in_(("pending", "sending")))
        )


async def run_burst(
    process: BotProcess,
    db: Database,
    contacts: list[Contact],
    per_contact: int,
    burst: int,
    rng: random.Random,
    *,
    kill: bool = True,
    timeout: float = 120,
) -> BurstOutcome:
    """Send `per_contact` reports from each contact at once; kill -9 and restart the bot once a
    random share of them was answered; wait until everything is answered and settled."""
    emu = process.emu
    seen = {c.user.id: len(emu.messages_to(c.user.id)) for c in contacts}
    percents = [percent_of(burst, turn) for turn in range(per_contact)]
    async with db.reading() as session:
        reports_before = await session.scalar(select(func.max(ProgressReport.id))) or 0
    for turn in range(per_contact):
        for contact in contacts:
            await emu.send_text(contact.user, f"{contact.code} đạt {percents[turn]}%")

    def new_texts(contact: Contact) -> list[str]:
        texts = [m.plain for m in emu.messages_to(contact.user.id)[seen[contact.user.id] :]]
        return [text for text in texts if text != DELAYED]

    def answered() -> int:
        return sum(len(answers_by_percent(new_texts(c), percents)) for c in contacts)

    total = len(contacts) * per_contact
    if kill:
        kill_after = rng.randrange(total)
        await emu.wait_for(lambda: answered() >= kill_after, timeout)
        await process.restart()
    await emu.wait_for(lambda: answered() >= total, timeout)
    # Settled: no acknowledgement is still on its way (none can follow the done marks).
    async with asyncio.timeout(timeout):
        while await inbox_busy(db):
            await asyncio.sleep(0.05)  # another process's commit: no event crosses to us
    async with db.reading() as session:
        rows = (
            await session.execute(
                select(ProgressReport.chat_id, ProgressReport.text).where(
                    ProgressReport.id > reports_before
                )
            )
        ).all()
    duplicates = 0
    for contact in contacts:
        counts = answers_by_percent(new_texts(contact), percents)
        duplicates += sum(n - 1 for n in counts.values() if n > 1)
    return BurstOutcome(
        messages=total,
        stored=len(set(rows)),
        duplicate_reports=len(rows) - len(set(rows)),
        answered=answered(),
        duplicate_answers=duplicates,
        kills=1 if kill else 0,
    )
