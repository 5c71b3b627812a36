"""SQLite through the inline driver (statements on the event loop's thread): what SQLAlchemy
relies on still holds, writers take turns on the write gate, waits for a lock never block the
loop, and a wait that cannot end fails after `BUSY_TIMEOUT` instead of hanging."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Iterator
from typing import TypeVar

import pytest
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from db import sqlite_driver
from db.models import Unit

T = TypeVar("T")
SHORT_BUSY_TIMEOUT = 0.05


@pytest.fixture
def outsider(sqlite_db) -> Iterator[sqlite3.Connection]:
    """Another process's writer: a plain sqlite3 connection to the same file that gives up at
    once on a lock."""
    connection = sqlite3.connect(sqlite_db.url.database, timeout=0, isolation_level=None)
    yield connection
    connection.close()


def insert_unit(outsider: sqlite3.Connection, key: str) -> None:
    """A row written by the other connection."""
    outsider.execute(
        "INSERT INTO units (key, name, kind, created_at) "
        "VALUES (?, 'Khác', 'body', '2025-03-24 01:00:00')",
        (key,),
    )


def write_gate(sqlite_db) -> asyncio.Lock:
    """The driver's write gate on this event loop."""
    return sqlite_db.engine.dialect.dbapi.gate.lock()


async def within(awaitable: Awaitable[T], seconds: float = 5.0) -> T:
    """Fail rather than hang when a wait never ends."""
    return await asyncio.wait_for(awaitable, seconds)


async def turns(count: int = 20) -> None:
    """Let every ready coroutine run a few times."""
    for _ in range(count):
        await asyncio.sleep(0)


async def add(session, key: str) -> None:
    """A unit, flushed: a writer's first statement carries its BEGIN IMMEDIATE."""
    session.add(Unit(key=key, name=f"Đơn vị {key}"))
    await session.flush()


async def write(sqlite_db, key: str) -> None:
    """One writer transaction storing one unit."""
    async with sqlite_db.transaction() as session:
        await add(session, key)


async def stored(sqlite_db) -> set[str]:
    """The committed units' keys, read by a lone statement."""
    return await sqlite_db.read_sync(lambda connection: set(connection.scalars(select(Unit.key))))


async def read_in_session(sqlite_db) -> set[str]:
    """The committed units' keys, read in a reading session."""
    async with sqlite_db.reading() as session:
        return set(await session.scalars(select(Unit.key)))


async def parked_writer(sqlite_db, key: str) -> tuple[asyncio.Task, asyncio.Event]:
    """A writer task that has written a unit and holds its transaction until the event is set."""
    wrote, release = asyncio.Event(), asyncio.Event()

    async def hold() -> None:
        async with sqlite_db.transaction() as session:
            await add(session, key)
            wrote.set()
            await release.wait()

    task = asyncio.create_task(hold())
    await within(wrote.wait())
    return task, release


async def waiting_writer(sqlite_db, key: str) -> asyncio.Task:
    """A writer task that has tried its first statement and is waiting for the lock."""
    ready = asyncio.Event()

    async def write_when_ready() -> None:
        async with sqlite_db.transaction() as session:
            # Checked out first: opening a connection waits on aiosqlite's thread, not the lock.
            await session.connection()
            ready.set()
            await add(session, key)

    task = asyncio.create_task(write_when_ready())
    await within(ready.wait())
    await turns()
    return task


async def cancel(task: asyncio.Task) -> None:
    """Cancel the task and wait until it has ended."""
    task.cancel()
    await asyncio.wait([task], timeout=5)
    assert task.cancelled()


class Ticker:
    """A coroutine counting its turns: it stops counting whenever the loop is blocked."""

    def __init__(self) -> None:
        self.turns = 0

    async def run(self) -> None:
        while True:
            self.turns += 1
            await asyncio.sleep(0)


@pytest.fixture
async def ticker() -> AsyncIterator[Ticker]:
    """A ticker running beside the test."""
    found = Ticker()
    task = asyncio.create_task(found.run())
    yield found
    task.cancel()


async def test_rows_row_counts_and_returned_ids(sqlite_db):
    async with sqlite_db.transaction() as session:
        first = Unit(key="a", name="Đơn vị A")
        session.add(first)
        await session.flush()  # the ORM reads the new id back
        await session.execute(
            insert(Unit), [{"key": f"k{n}", "name": f"Đơn vị {n}"} for n in range(3)]
        )
        renamed = await session.execute(
            update(Unit).where(Unit.key.like("k%")).values(name="Đổi tên")
        )
        returned = await session.scalar(
            insert(Unit).values(key="r", name="Trả về").returning(Unit.id)
        )
    assert renamed.rowcount == 3
    async with sqlite_db.reading() as session:
        names = dict((await session.execute(select(Unit.key, Unit.name))).all())
        assert (await session.get(Unit, returned)).key == "r"
    assert names == {
        "a": "Đơn vị A",
        "k0": "Đổi tên",
        "k1": "Đổi tên",
        "k2": "Đổi tên",
        "r": "Trả về",
    }
    assert first.id is not None


async def test_a_failed_statement_raises_and_the_transaction_is_undone(sqlite_db):
    with pytest.raises(IntegrityError):
        async with sqlite_db.transaction() as session:
            session.add(Unit(key="b", name="Đơn vị B"))
            await session.flush()
            await session.execute(insert(Unit).values(key="b", name="Trùng khóa"))
    assert await stored(sqlite_db) == set()
    assert not write_gate(sqlite_db).locked()


async def test_a_sync_writer_commits_when_it_returns_and_undoes_everything_when_it_raises(
    sqlite_db,
):
    def failing(connection) -> None:
        connection.execute(insert(Unit).values(key="s2", name="Đơn vị S2"))
        raise RuntimeError("hỏng giữa chừng")

    await sqlite_db.write_sync(
        lambda connection: connection.execute(insert(Unit).values(key="s1", name="Đơn vị S1"))
    )
    with pytest.raises(RuntimeError):
        await sqlite_db.write_sync(failing)
    assert await stored(sqlite_db) == {"s1"}
    assert not write_gate(sqlite_db).locked()


async def test_a_writer_holds_the_lock_from_its_first_statement_to_its_end(sqlite_db, outsider):
    async with sqlite_db.transaction() as session:
        await session.scalar(select(func.count()).select_from(Unit))  # BEGIN IMMEDIATE with it
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            outsider.execute("BEGIN IMMEDIATE")
    outsider.execute("BEGIN IMMEDIATE")  # released by the commit
    outsider.execute("ROLLBACK")


async def test_an_async_connection_runs_every_statement_of_its_transaction(sqlite_db):
    """Statements after a transaction's first still pass through the event loop's greenlet, as
    SQLAlchemy's AsyncConnection requires (only synchronous callers skip that hop)."""
    async with sqlite_db.engine.begin() as connection:
        await connection.execute(insert(Unit).values(key="t1", name="Đơn vị T1"))
        await connection.execute(update(Unit).where(Unit.key == "t1").values(name="Đổi tên"))
        assert await connection.scalar(select(Unit.name)) == "Đổi tên"
    assert await stored(sqlite_db) == {"t1"}


def outsider_may_write(outsider: sqlite3.Connection):
    """`work(connection)` that reads first, then tells whether the outsider could take the lock."""

    def work(connection) -> bool:
        connection.scalar(select(func.count()).select_from(Unit))
        try:
            outsider.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return False
        outsider.execute("ROLLBACK")
        return True

    return work


async def test_a_sync_writer_locks_from_its_first_statement_and_a_lone_reader_never(
    sqlite_db, outsider
):
    assert await sqlite_db.write_sync(outsider_may_write(outsider)) is False
    assert await sqlite_db.read_sync(outsider_may_write(outsider)) is True


async def test_how_transactions_begin_is_each_tasks_own(sqlite_db, outsider):
    """A reader parked in its (deferred) transaction does not make another task's writer, one
    on the engine's default, defer."""
    reading, release = asyncio.Event(), asyncio.Event()

    async def park_reader() -> None:
        async with sqlite_db.reading() as session:
            await session.scalar(select(func.count()).select_from(Unit))
            reading.set()
            await release.wait()

    reader = asyncio.create_task(park_reader())
    try:
        await within(reading.wait())
        async with sqlite_db.engine.begin() as connection:
            assert await connection.run_sync(outsider_may_write(outsider)) is False
    finally:
        release.set()
        await within(reader)


def write_then_checkpoint(outsider: sqlite3.Connection, key: str) -> int:
    """Another row, then a full checkpoint: 1 when a reader's older snapshot holds it back."""
    insert_unit(outsider, key)
    return outsider.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]


async def test_a_lone_read_keeps_no_snapshot_and_a_reading_session_does(sqlite_db, outsider):
    async with sqlite_db.transaction() as session:
        session.add(Unit(key="c", name="Đơn vị C"))
    count = select(func.count()).select_from(Unit)

    def lone_read(connection) -> int:
        assert connection.scalar(count) == 1
        return write_then_checkpoint(outsider, "d")

    assert await sqlite_db.read_sync(lone_read) == 0
    async with sqlite_db.reading() as session:
        assert await session.scalar(count) == 2
        assert write_then_checkpoint(outsider, "e") == 1


async def test_streamed_results_run_inside_the_transaction(sqlite_db, outsider):
    async with sqlite_db.transaction() as session:
        streamed = await session.stream_scalars(select(Unit.key))
        assert [key async for key in streamed] == []
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            outsider.execute("BEGIN IMMEDIATE")


async def test_writers_of_one_process_take_turns_without_blocking_the_loop(sqlite_db, ticker):
    first, release = await parked_writer(sqlite_db, "a")
    second = await waiting_writer(sqlite_db, "b")
    seen = ticker.turns
    await turns()
    assert not second.done()
    assert ticker.turns > seen
    assert write_gate(sqlite_db).locked()  # the second waits at the gate, not on SQLite's lock
    release.set()
    await within(asyncio.gather(first, second))  # a "database is locked" error would surface here
    assert await stored(sqlite_db) == {"a", "b"}
    assert not write_gate(sqlite_db).locked()


async def test_a_writer_waits_for_another_process_without_blocking_the_loop(
    sqlite_db, ticker, outsider
):
    outsider.execute("BEGIN IMMEDIATE")
    ours = await waiting_writer(sqlite_db, "ours")
    seen = ticker.turns
    await asyncio.sleep(0.02)  # real time for the driver to back off and try again
    assert not ours.done()
    assert ticker.turns > seen
    insert_unit(outsider, "theirs")
    outsider.execute("COMMIT")
    await within(ours)
    assert await stored(sqlite_db) == {"ours", "theirs"}


async def test_a_writer_gives_up_after_the_busy_timeout_and_the_database_recovers(
    sqlite_db, monkeypatch, outsider
):
    monkeypatch.setattr(sqlite_driver, "BUSY_TIMEOUT", SHORT_BUSY_TIMEOUT)
    outsider.execute("BEGIN IMMEDIATE")
    with pytest.raises(OperationalError, match="locked"):
        await within(write(sqlite_db, "late"))
    outsider.execute("ROLLBACK")
    assert not write_gate(sqlite_db).locked()
    await within(write(sqlite_db, "next"))  # a gate left held would fail it with "locked"
    assert await stored(sqlite_db) == {"next"}


async def test_a_writer_whose_first_statement_timed_out_is_still_one_transaction(
    sqlite_db, monkeypatch, outsider
):
    monkeypatch.setattr(sqlite_driver, "BUSY_TIMEOUT", SHORT_BUSY_TIMEOUT)
    outsider.execute("BEGIN IMMEDIATE")
    with pytest.raises(RuntimeError):
        async with sqlite_db.transaction() as session:
            with pytest.raises(OperationalError, match="locked"):
                await session.execute(insert(Unit).values(key="first", name="Thử"))
            outsider.execute("ROLLBACK")
            await session.execute(insert(Unit).values(key="second", name="Thử lại"))
            raise RuntimeError("roll back")
    assert await stored(sqlite_db) == set()  # the second statement is undone with the rest


async def test_a_writer_nested_in_a_writer_fails_instead_of_waiting_forever(sqlite_db, monkeypatch):
    monkeypatch.setattr(sqlite_driver, "BUSY_TIMEOUT", SHORT_BUSY_TIMEOUT)
    async with sqlite_db.transaction() as session:
        await add(session, "outer")
        with pytest.raises(OperationalError, match="locked"):
            await within(write(sqlite_db, "inner"))
    assert not write_gate(sqlite_db).locked()
    await within(write(sqlite_db, "next"))
    assert await stored(sqlite_db) == {"outer", "next"}


async def test_a_writer_cancelled_while_waiting_for_the_gate_does_not_hold_it(sqlite_db):
    first, release = await parked_writer(sqlite_db, "a")
    second = await waiting_writer(sqlite_db, "cancelled")
    await cancel(second)
    release.set()
    await within(first)
    await within(write(sqlite_db, "c"))  # a gate left held would keep it waiting BUSY_TIMEOUT
    assert await stored(sqlite_db) == {"a", "c"}


async def test_a_writer_cancelled_as_the_gate_is_handed_to_it_writes_nothing(sqlite_db):
    async with sqlite_db.transaction() as session:
        await add(session, "a")
        second = await waiting_writer(sqlite_db, "cancelled")
        await session.commit()  # hands the gate over; the second has not run since
        assert not write_gate(sqlite_db).locked()
        second.cancel()
    await asyncio.wait([second], timeout=5)
    assert second.cancelled()
    assert await stored(sqlite_db) == {"a"}


async def test_a_writer_cancelled_inside_its_transaction_releases_the_gate(sqlite_db):
    writer, _release = await parked_writer(sqlite_db, "cancelled")
    await cancel(writer)
    await within(write(sqlite_db, "next"))
    assert await stored(sqlite_db) == {"next"}


async def test_a_writer_cancelled_while_another_process_writes_releases_the_gate(
    sqlite_db, outsider
):
    outsider.execute("BEGIN IMMEDIATE")
    ours = await waiting_writer(sqlite_db, "cancelled")  # holds the gate while it backs off
    await cancel(ours)
    outsider.execute("ROLLBACK")
    await within(write(sqlite_db, "next"))
    assert await stored(sqlite_db) == {"next"}


async def test_readers_do_not_wait_for_a_writer(sqlite_db):
    await write(sqlite_db, "committed")
    writer, release = await parked_writer(sqlite_db, "uncommitted")
    try:
        assert await within(read_in_session(sqlite_db)) == {"committed"}
        assert await within(stored(sqlite_db)) == {"committed"}
        assert write_gate(sqlite_db).locked()  # the writer was still inside its transaction
    finally:
        release.set()
        await within(writer)
    assert await stored(sqlite_db) == {"committed", "uncommitted"}
