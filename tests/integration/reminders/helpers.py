"""Builders for the reminder engine's integration tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.clock import FixedClock
from bot.config import Settings
from bot.core import Core
from bot.domain import SlotState
from bot.plandoc import PlanDocument, PlanHeader, TaskDraft
from bot.services.progress import record_report
from bot.services.reminders.settings import ReminderSettings
from bot.services.reminders.sweep import Sweeper
from bot.services.units import get_unit
from db.engine import Database
from db.models import Plan, ReminderSlot, Task
from tests.fakes import FakeChannel, plan_from_expected, seed_plan
from tests.integration.reminders.fakes import FakeTimer
from tests.support.paths import SAMPLES

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SAMPLE = SAMPLES / "ke-hoach-112-chuyen-doi-so.expected.json"


def local(day: date, hour: int = 8, minute: int = 0) -> datetime:
    """A Hà Nội wall-clock moment, as aware UTC."""
    return datetime.combine(day, time(hour, minute), tzinfo=TZ).astimezone(UTC)


def make_core(db: Database, clock: FixedClock, channel: FakeChannel | None = None) -> Core:
    """A core on `db` with one fake Telegram channel."""
    settings = Settings(_env_file=None, DATABASE_URL="sqlite:///unused.db")
    return Core(
        settings=settings, db=db, clock=clock, channels={"telegram": channel or FakeChannel()}
    )


def make_sweeper(core: Core, timer: FakeTimer | None = None, **knobs) -> Sweeper:
    """A sweeper whose waits go through a fake timer (tests never really sleep)."""
    settings = ReminderSettings(_env_file=None, **knobs)
    return Sweeper(core.deps, settings, pacer=(timer or FakeTimer()).pacer(settings.limits()))


async def seed_sample(db: Database, *, support_reminders: bool = True) -> int:
    """The sample UBND plan ("Kế hoạch chuyển đổi số 2025"); its id. `support_reminders=False`
    switches support units' reminders off (for tests following the lead units alone)."""
    plan_id = await seed_plan(db, plan_from_expected(SAMPLE))
    if not support_reminders:
        async with db.transaction() as session:
            plan = await session.get(Plan, plan_id)
            plan.policy = {**(plan.policy or {}), "remind_support": False}
    return plan_id


async def seed_tasks(db: Database, *drafts: TaskDraft, title: str = "Kế hoạch thử") -> int:
    """A small plan of the given tasks; its id."""
    return await seed_plan(db, PlanDocument(plan=PlanHeader(title=title), tasks=list(drafts)))


async def task_id(db: Database, code: str) -> int:
    async with db.reading() as session:
        return await session.scalar(select(Task.id).where(Task.code == code))


async def slots(db: Database, code: str | None = None, **where) -> list[ReminderSlot]:
    """Slots (of one task, with column filters), by fire time."""
    query = select(ReminderSlot).order_by(
        ReminderSlot.fire_at, ReminderSlot.unit_id, ReminderSlot.id
    )
    if code is not None:
        query = query.where(ReminderSlot.task_id == await task_id(db, code))
    for column, value in where.items():
        query = query.where(getattr(ReminderSlot, column) == value)
    async with db.reading() as session:
        return list(await session.scalars(query))


def summary(rows: list[ReminderSlot]) -> list[tuple[str, str, str]]:
    """(kind, local date, state) of slots."""
    return [(r.kind, r.fire_at.astimezone(TZ).date().isoformat(), r.state) for r in rows]


def pending(rows: list[ReminderSlot]) -> list[tuple[str, str]]:
    return [(kind, day) for kind, day, state in summary(rows) if state == SlotState.PENDING]


async def report(db: Database, code: str, unit: str, text: str, at: datetime) -> None:
    """A progress report entered by the office (touches the task, as chat reports do)."""
    async with db.transaction() as session:
        task = await session.scalar(select(Task).where(Task.id == await task_id(db, code)))
        await record_report(
            session,
            task=task,
            unit=await get_unit(session, unit),
            text=text,
            source="office",
            entered_by="test",
            reported_at=at,
            now=at,
        )
