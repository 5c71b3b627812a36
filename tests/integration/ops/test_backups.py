"""Backups, restores and copies: round trips on SQLite and PostgreSQL, every row the same."""

from __future__ import annotations

import gzip
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.planparse import read_plan
from bot.services.registry import import_plan
from db.engine import Database
from db.failures import DatabaseProblem
from db.models import CalendarDay, Plan
from db.moves import backup, copy, restore
from db.transfer import tables
from tests.support.database import BACKENDS, drop_schema, make_database
from tests.support.paths import REPO

EXAMPLE = REPO / "examples" / "example-plan.yaml"


async def everything(database: Database) -> dict[str, list[dict]]:
    """Every row of every table, by primary key."""
    found = {}
    async with database.engine.connect() as connection:
        for table in tables():
            rows = await connection.execute(select(table).order_by(*table.primary_key.columns))
            found[table.name] = [dict(row) for row in rows.mappings()]
    return found


class Databases:
    """Fresh databases of one backend for a test, disposed (and dropped) afterwards."""

    def __init__(self, backend: str, tmp_path: Path):
        self.backend, self.tmp_path = backend, tmp_path
        self.made: list[tuple[Database, str | None]] = []

    async def empty(self) -> Database:
        directory = self.tmp_path / f"db{len(self.made)}"
        directory.mkdir()
        database, _url, schema = await make_database(self.backend, directory)
        self.made.append((database, schema))
        return database

    async def filled(self) -> Database:
        """The example plan, a holiday, and their audit lines."""
        database = await self.empty()
        async with database.transaction() as session:
            await import_plan(session, read_plan(EXAMPLE), actor="test", source_name=EXAMPLE.name)
            session.add(CalendarDay(day=date(2025, 9, 1), working=False, note="Nghỉ bù"))
        return database

    async def close(self) -> None:
        for database, schema in self.made:
            await database.dispose()
            if schema:
                await drop_schema(schema)


@pytest.fixture(params=BACKENDS)
async def databases(request, tmp_path):
    made = Databases(request.param, tmp_path)
    yield made
    await made.close()


@pytest.fixture
async def sqlite_databases(tmp_path):
    made = Databases("sqlite", tmp_path / "sqlite")
    (tmp_path / "sqlite").mkdir()
    yield made
    await made.close()


async def test_backup_then_restore_gives_every_row_back(databases, tmp_path):
    source = await databases.filled()
    file = tmp_path / "sao-luu.bak"
    counts = await backup(source, file)
    assert counts["tasks"] == 3 and counts["calendar_days"] == 1
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    target = await databases.empty()
    assert await restore(target, file) == counts
    assert await everything(target) == await everything(source)


async def test_a_backup_is_never_written_over(databases, tmp_path):
    source = await databases.filled()
    file = tmp_path / "sao-luu.bak"
    file.write_text("giữ nguyên")
    with pytest.raises(DatabaseProblem) as refused:
        await backup(source, file)
    assert refused.value.key == "backup.exists"
    assert file.read_text() == "giữ nguyên"


async def test_restore_refuses_a_database_with_data(databases, tmp_path):
    source = await databases.filled()
    await backup(source, tmp_path / "b")
    with pytest.raises(DatabaseProblem) as refused:
        await restore(source, tmp_path / "b")
    assert refused.value.key == "transfer.target_not_empty"


async def test_sqlite_backup_is_consistent_while_a_writer_is_mid_transaction(
    sqlite_databases, tmp_path
):
    source = await sqlite_databases.filled()
    writer = sqlite3.connect(source.url.database, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO calendar_days (day, working) VALUES ('2025-12-31', 0)")
    try:
        counts = await backup(source, tmp_path / "giua-chung.bak")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert counts["calendar_days"] == 1  # the uncommitted row is not in the snapshot


@pytest.mark.postgres
async def test_sqlite_copied_to_postgresql_row_for_row(sqlite_databases, tmp_path):
    source = await sqlite_databases.filled()
    postgres = Databases("postgresql", tmp_path)
    try:
        target = await postgres.empty()
        counts = await copy(source, target)
        assert counts["plans"] == 1
        assert await everything(target) == await everything(source)
        async with target.transaction() as session:  # the sequences were moved past the ids
            session.add(Plan(key="ke-hoach-moi", title="Kế hoạch mới"))
        async with target.reading() as session:
            assert len((await session.scalars(select(Plan.id))).all()) == 2
        with pytest.raises(DatabaseProblem) as refused:
            await copy(source, target)
        assert refused.value.key == "transfer.target_not_empty"
    finally:
        await postgres.close()


@pytest.mark.postgres
async def test_postgresql_export_restores_into_sqlite(sqlite_databases, tmp_path):
    postgres = Databases("postgresql", tmp_path)
    try:
        source = await postgres.filled()
        file = tmp_path / "tinh.jsonl.gz"
        await backup(source, file)
        with gzip.open(file, "rt", encoding="utf-8") as text:
            assert '"format": "dondoc-backup"' in text.readline()
        target = await sqlite_databases.empty()
        await restore(target, file)
        assert await everything(target) == await everything(source)
    finally:
        await postgres.close()


async def test_copy_reads_sqlite_without_its_write_lock(sqlite_databases):
    source = await sqlite_databases.filled()
    target = await sqlite_databases.empty()
    writer = sqlite3.connect(source.url.database, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # the running bot, mid-write
    try:
        counts = await copy(source, target)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert counts["tasks"] == 3
    assert await everything(target) == await everything(source)
