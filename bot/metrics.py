"""Prometheus metrics (the official client): one-line calls where things happen, gauges read
from the database when scraped."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar
from weakref import WeakKeyDictionary

from prometheus_client import Counter, Gauge, Histogram, generate_latest
from sqlalchemy import Connection, and_, func, select

from db.models import ProgressReport, ReminderSlot, Task

if TYPE_CHECKING:
    from db.engine import Database

T = TypeVar("T")

REMINDERS = Counter(
    "dondoc_reminders", "Reminder slots settled, by kind and outcome", ["kind", "outcome"]
)
RATE_LIMITED = Counter("dondoc_rate_limited", "429 answers from a chat platform", ["channel"])
RETRIES = Counter("dondoc_send_retries", "Sends retried after a 5xx or a timeout", ["channel"])
REPLIES = Counter("dondoc_replies_recorded", "Progress reports stored, by status", ["status"])
UPDATES = Counter("dondoc_updates_handled", "Updates handled, by channel", ["channel"])
HANDLER_ERRORS = Counter(
    "dondoc_handler_errors", "Errors logged while handling updates, by logger", ["logger"]
)
SWEEP_SECONDS = Histogram(
    "dondoc_sweep_duration_seconds",
    "Duration of one reminder sweep",
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
)
LAST_SWEEP = Gauge(
    "dondoc_last_sweep_timestamp_seconds", "When the last sweep finished (Unix time)"
)
OBSTACLES_OPEN = Gauge(
    "dondoc_obstacles_open", "Open tasks whose unit's latest report says it is blocked"
)
OLDEST_DUE = Gauge(
    "dondoc_oldest_due_slot_age_seconds", "Age of the oldest reminder slot due and not yet sent"
)
# When each database's sweep last finished, on the process's clock (readiness reads it).
SWEPT_AT: WeakKeyDictionary[Database, datetime] = WeakKeyDictionary()


def timed_sweep(sweep: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T]]:
    """Decorate `Sweeper.sweep`: its duration, and the moment it last finished."""

    @wraps(sweep)
    async def timed(self: Any, *args: Any, **kwargs: Any) -> T:
        started = time.perf_counter()
        result = await sweep(self, *args, **kwargs)
        SWEEP_SECONDS.observe(time.perf_counter() - started)
        LAST_SWEEP.set(time.time())
        SWEPT_AT[self.deps.db] = self.deps.clock.now()
        return result

    return timed


class ErrorCounter(logging.Handler):
    """Counts the errors the core and the channels log (they catch them so the bot goes on)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)

    def emit(self, record: logging.LogRecord) -> None:
        """Count the record; it is printed by the other handlers as usual."""
        HANDLER_ERRORS.labels(record.name).inc()


def count_handler_errors(*loggers: str) -> None:
    """Count ERROR records of these loggers (once per logger, however often called)."""
    for name in loggers:
        logger = logging.getLogger(name)
        if not any(isinstance(handler, ErrorCounter) for handler in logger.handlers):
            logger.addHandler(ErrorCounter())


def count_settled(kinds: dict[int, str], states: dict[int, Any]) -> None:
    """Count each settled slot (`states`: slot → SlotState) under its kind."""
    for slot_id, state in states.items():
        REMINDERS.labels(kinds.get(slot_id, "?"), str(getattr(state, "value", state))).inc()


def _database_gauges(connection: Connection, now: datetime) -> tuple[int, float]:
    latest = (
        select(func.max(ProgressReport.id).label("id"))
        .group_by(ProgressReport.task_id, ProgressReport.unit_id)
        .subquery()
    )
    blocked = (
        select(func.count())
        .select_from(ProgressReport)
        .join(latest, latest.c.id == ProgressReport.id)
        .join(Task, Task.id == ProgressReport.task_id)
        .where(and_(ProgressReport.status == "blocked", Task.closed_at.is_(None)))
    )
    oldest = select(func.min(ReminderSlot.fire_at)).where(
        ReminderSlot.state == "pending", ReminderSlot.fire_at <= now
    )
    due = connection.execute(oldest).scalar()
    if due is not None and due.tzinfo is None:
        due = due.replace(tzinfo=now.tzinfo)
    age = (now - due).total_seconds() if due is not None else 0.0
    return int(connection.execute(blocked).scalar() or 0), max(age, 0.0)


async def render(database: Database, now: datetime) -> bytes:
    """The text exposition of every metric, the database gauges read now."""
    async with database.reading() as session:
        connection = await session.connection()
        obstacles, age = await connection.run_sync(_database_gauges, now)
    OBSTACLES_OPEN.set(obstacles)
    OLDEST_DUE.set(age)
    return generate_latest()
