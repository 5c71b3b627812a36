"""SQLite through SQLAlchemy's aiosqlite dialect: writers lock from their first statement,
readers and lone reads do not, waits for a lock never block the loop, a cancelled task never
leaves a transaction open, and the database file is private."""

from __future__ import annotations

import asyncio
import sqlite3
import stat
from collections.abc import AsyncIterator, Awaitable, Iterator
from typing import TypeVar

import pytest
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError

from db.engine import Database
from db.migrate import upgrade
from db.models import Unit

T = TypeVar("T")


@pytest.fixture
def outsider(sqlite_db) -> Iterator[sqlite3.Connection]:
    """Another process's writer: a plain sqlite3 connection to the same file that gives up at
    once on a lock."""
    connection = sqlite3.connect(
        sqlite_db.url.database, timeout=0, isolation_level=None, check_same_thread=False
    )
    yield connection
    connection.close()


def insert_unit(outsider: sqlite3.Connection, key: str) -> None:
    """A row written by the other connection."""
    outsider.execute(
        "INSERT INTO units (key, name, kind, created_at) "
        "VALUES (?, 'Khác', 'body', '2025-03-24 01:00:00')",
        (key,),
    )


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
    """A writer task whose BEGIN IMMEDIATE is waiting for the lock (in aiosqlite's thread)."""
    started = asyncio.Event()

    async def write_when_ready() -> None:
        started.set()
        await write(sqlite_db, key)

    task = asyncio.create_task(write_when_ready())
    await within(started.wait())
    await asyncio.sleep(0.05)  # real time for the BEGIN to reach SQLite's busy handler
    return task


async def ended_cancelled(task: asyncio.Task) -> None:
    """Wait until the cancelled task has ended, and check it ended so."""
    await asyncio.wait([task], timeout=5)
    assert task.cancelled()


async def cancel(task: asyncio.Task) -> None:
    """Cancel the task and wait until it has ended."""
    task.cancel()
    await ended_cancelled(task)


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


async def test_a_writer_holds_the_lock_from_its_first_statement_to_its_end(sqlite_db, outsider):
    async with sqlite_db.transaction() as session:
        await session.scalar(select(func.count()).select_from(Unit))  # BEGIN IMMEDIATE with it
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            outsider.execute("BEGIN IMMEDIATE")
    outsider.execute("BEGIN IMMEDIATE")  # released by the commit
    outsider.execute("ROLLBACK")


async def test_an_async_connection_runs_every_statement_of_its_transaction(sqlite_db):
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


async def test_a_second_writer_waits_for_the_first_without_blocking_the_loop(sqlite_db, ticker):
    first, release = await parked_writer(sqlite_db, "a")
    second = await waiting_writer(sqlite_db, "b")
    seen = ticker.turns
    await asyncio.sleep(0.05)  # SQLite's busy handler waits in aiosqlite's thread meanwhile
    assert not second.done()
    assert ticker.turns > seen
    release.set()
    await within(asyncio.gather(first, second))  # a "database is locked" error would surface here
    assert await stored(sqlite_db) == {"a", "b"}


async def test_a_writer_waits_for_another_process_without_blocking_the_loop(
    sqlite_db, ticker, outsider
):
    outsider.execute("BEGIN IMMEDIATE")
    ours = await waiting_writer(sqlite_db, "ours")
    seen = ticker.turns
    await asyncio.sleep(0.05)
    assert not ours.done()
    assert ticker.turns > seen
    insert_unit(outsider, "theirs")
    outsider.execute("COMMIT")
    await within(ours)
    assert await stored(sqlite_db) == {"ours", "theirs"}


async def test_a_writer_cancelled_while_waiting_for_the_lock_leaves_nothing_open(sqlite_db):
    first, release = await parked_writer(sqlite_db, "a")
    second = await waiting_writer(sqlite_db, "cancelled")
    second.cancel()  # it ends once its BEGIN, waiting in aiosqlite's thread, has returned
    release.set()
    await within(first)
    await ended_cancelled(second)
    await within(write(sqlite_db, "c"))  # a transaction left open would keep it waiting
    assert await stored(sqlite_db) == {"a", "c"}


async def test_a_writer_cancelled_inside_its_transaction_leaves_nothing_open(sqlite_db):
    writer, _release = await parked_writer(sqlite_db, "cancelled")
    await cancel(writer)
    await within(write(sqlite_db, "next"))
    assert await stored(sqlite_db) == {"next"}


async def test_a_writer_cancelled_while_another_process_writes_leaves_nothing_open(
    sqlite_db, outsider
):
    outsider.execute("BEGIN IMMEDIATE")
    ours = await waiting_writer(sqlite_db, "cancelled")  # its BEGIN waits in aiosqlite's thread
    ours.cancel()
    outsider.execute("ROLLBACK")  # the abandoned BEGIN now succeeds: it must be undone
    await ended_cancelled(ours)
    await within(write(sqlite_db, "next"))
    outsider.execute("BEGIN IMMEDIATE")  # and nobody holds the lock afterwards
    outsider.execute("ROLLBACK")
    assert await stored(sqlite_db) == {"next"}


async def test_readers_do_not_wait_for_a_writer(sqlite_db):
    await write(sqlite_db, "committed")
    writer, release = await parked_writer(sqlite_db, "uncommitted")
    try:
        assert await within(read_in_session(sqlite_db)) == {"committed"}
        assert await within(stored(sqlite_db)) == {"committed"}
        assert not writer.done()  # the writer was still inside its transaction
    finally:
        release.set()
        await within(writer)
    assert await stored(sqlite_db) == {"committed", "uncommitted"}


async def test_the_database_file_and_its_journal_are_readable_by_their_owner_only(tmp_path):
    path = tmp_path / "private.db"
    database = Database(f"sqlite:///{path}")
    try:
        await upgrade(database)
        async with database.transaction() as session:
            await add(session, "a")
            files = sorted(tmp_path.iterdir())
            modes = {file.name: stat.S_IMODE(file.stat().st_mode) for file in files}
    finally:
        await database.dispose()
    assert modes == {name: 0o600 for name in ("private.db", "private.db-shm", "private.db-wal")}


async def test_an_in_memory_database_works(tmp_path):
    database = Database("sqlite:///:memory:")
    try:
        await upgrade(database)
        await write(database, "m")
        assert await stored(database) == {"m"}
        assert await read_in_session(database) == {"m"}
    finally:
        await database.dispose()
