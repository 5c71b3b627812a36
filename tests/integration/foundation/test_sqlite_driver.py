"""SQLite through the one-trip aiosqlite driver: what SQLAlchemy relies on still holds."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError

from db.models import Unit


def other_writer(sqlite_db) -> sqlite3.Connection:
    """A plain sqlite3 connection to the same file that gives up at once on a lock."""
    return sqlite3.connect(sqlite_db.url.database, timeout=0, isolation_level=None)


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
    async with sqlite_db.reading_one() as connection:
        assert await connection.scalar(select(func.count()).select_from(Unit)) == 0


async def test_a_writer_holds_the_lock_from_its_first_statement_to_its_end(sqlite_db):
    outsider = other_writer(sqlite_db)
    try:
        async with sqlite_db.transaction() as session:
            await session.scalar(select(func.count()).select_from(Unit))  # BEGIN IMMEDIATE with it
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                outsider.execute("BEGIN IMMEDIATE")
        outsider.execute("BEGIN IMMEDIATE")  # released by the commit
        outsider.execute("ROLLBACK")
    finally:
        outsider.close()


def write_then_checkpoint(outsider: sqlite3.Connection, key: str) -> int:
    """Another row, then a full checkpoint: 1 when a reader's older snapshot holds it back."""
    outsider.execute(
        "INSERT INTO units (key, name, kind, created_at) "
        "VALUES (?, 'Khác', 'body', '2025-03-24 01:00:00')",
        (key,),
    )
    return outsider.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]


async def test_a_lone_read_keeps_no_snapshot_and_a_reading_session_does(sqlite_db):
    async with sqlite_db.transaction() as session:
        session.add(Unit(key="c", name="Đơn vị C"))
    count = select(func.count()).select_from(Unit)
    outsider = other_writer(sqlite_db)
    try:
        async with sqlite_db.reading_one() as connection:
            assert await connection.scalar(count) == 1
            assert write_then_checkpoint(outsider, "d") == 0
        async with sqlite_db.reading() as session:
            assert await session.scalar(count) == 2
            assert write_then_checkpoint(outsider, "e") == 1
    finally:
        outsider.close()


async def test_streamed_results_run_inside_the_transaction(sqlite_db):
    outsider = other_writer(sqlite_db)
    try:
        async with sqlite_db.transaction() as session:
            streamed = await session.stream_scalars(select(Unit.key))
            assert [key async for key in streamed] == []
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                outsider.execute("BEGIN IMMEDIATE")
    finally:
        outsider.close()
