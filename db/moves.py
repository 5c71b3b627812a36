"""Backup, restore and copy of a whole dondoc database, each verified by row counts."""

from __future__ import annotations

import gzip
import shutil
import tempfile
from pathlib import Path

from db.backupfile import (
    backup_sqlite,
    export_jsonl,
    jsonl_rows,
    kind_of,
    read_header,
)
from db.engine import Database
from db.failures import DatabaseProblem
from db.migrate import head_revision, upgrade
from db.transfer import database_rows, ensure_empty, row_counts, verify, write_rows

SNAPSHOT = {"isolation_level": "REPEATABLE READ"}


async def backup(database: Database, target: Path) -> dict[str, int]:
    """A consistent snapshot of `database` in `target` (0600), taken while the bot runs."""
    if database.is_sqlite:
        backup_sqlite(database.url.database or "", target)
        copy = Database(f"sqlite:///{target}")
        try:
            async with copy.engine.connect() as connection:
                return await row_counts(connection)
        finally:
            await copy.dispose()
    async with database.reading() as session:
        connection = await session.connection(execution_options=SNAPSHOT)
        return await export_jsonl(connection, head_revision(), target)


async def copy(source: Database, target: Database) -> dict[str, int]:
    """Every row of `source` into `target` (migrated here; refused unless empty)."""
    await upgrade(target)
    # One snapshot of every table; on SQLite a read transaction, which leaves writers alone.
    async with source.reading() as session:
        reading = await session.connection(
            execution_options=SNAPSHOT if source.is_postgres else None
        )
        expected = await row_counts(reading)
        async with target.engine.begin() as writing:
            await ensure_empty(writing)
            await write_rows(writing, database_rows(reading))
            verify(expected, await row_counts(writing))
    return expected


async def restore(target: Database, backup_file: Path) -> dict[str, int]:
    """A backup file (either kind) into `target`, which must be empty."""
    if kind_of(backup_file) == "sqlite":
        with tempfile.TemporaryDirectory() as scratch:
            # A copy, upgraded here if the backup is older: the backup itself is never changed.
            working = Path(scratch) / "backup.db"
            shutil.copyfile(backup_file, working)
            source = Database(f"sqlite:///{working}")
            try:
                return await copy(source, target)
            finally:
                await source.dispose()
    with gzip.open(backup_file, "rt", encoding="utf-8") as file:
        header = read_header(file, backup_file)
        if header["revision"] != head_revision():
            raise DatabaseProblem(
                "backup.other_revision", revision=str(header["revision"]), head=head_revision()
            )
        await upgrade(target)
        async with target.engine.begin() as writing:
            await ensure_empty(writing)
            await write_rows(writing, jsonl_rows(file))
            verify(header["tables"], await row_counts(writing))
    return header["tables"]
