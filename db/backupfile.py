"""Backup files: an SQLite file made by SQLite's online backup API, or a gzipped JSON-lines export
(PostgreSQL) — a header line, then one line per row."""

from __future__ import annotations

import base64
import gzip
import json
import os
import sqlite3
from collections.abc import AsyncIterator, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.types import TypeDecorator, TypeEngine

from db.failures import DatabaseProblem
from db.transfer import BATCH, Rows, database_rows, row_counts, tables

FORMAT = "dondoc-backup"
SQLITE_MAGIC = b"SQLite format 3\x00"
GZIP_MAGIC = b"\x1f\x8b"


def create_private(path: Path) -> int:
    """Create `path` readable by its owner only (0600); refuse to overwrite anything."""
    try:
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise DatabaseProblem("backup.exists", path=str(path)) from None
    except OSError as error:
        raise DatabaseProblem(
            "backup.cannot_write", path=str(path), reason=error.strerror or str(error)
        ) from None


def backup_sqlite(database_file: str, target: Path) -> None:
    """A consistent copy of a live SQLite database (other processes may keep writing)."""
    os.close(create_private(target))
    source = sqlite3.connect(database_file)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()


def _encode(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def _python_type(column_type: TypeEngine) -> type:
    if isinstance(column_type, TypeDecorator):  # e.g. UTCDateTime: what it stores
        column_type = column_type.impl_instance
    try:
        return column_type.python_type
    except NotImplementedError:
        return object


def _decoders(table: Table) -> dict[str, Any]:
    decoders: dict[str, Any] = {}
    for column in table.columns:
        kind = _python_type(column.type)
        if kind is datetime:
            decoders[column.name] = datetime.fromisoformat
        elif kind is date:
            decoders[column.name] = date.fromisoformat
        elif kind is bytes:
            decoders[column.name] = base64.b64decode
    return decoders


async def export_jsonl(connection: AsyncConnection, revision: str, target: Path) -> dict[str, int]:
    """Write every row (in one repeatable-read snapshot on PostgreSQL); rows per table."""
    counts = await row_counts(connection)
    with (
        os.fdopen(create_private(target), "wb") as raw,
        gzip.open(raw, "wt", encoding="utf-8") as out,
    ):
        header = {"format": FORMAT, "version": 1, "revision": revision, "tables": counts}
        out.write(json.dumps(header, ensure_ascii=False) + "\n")
        async for table, rows in database_rows(connection):
            for row in rows:
                line = {"t": table.name, "r": {key: _encode(v) for key, v in row.items()}}
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return counts


def kind_of(path: Path) -> str:
    """ "sqlite" or "jsonl", by the file's first bytes."""
    try:
        with path.open("rb") as file:
            start = file.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise DatabaseProblem(
            "backup.cannot_read", path=str(path), reason=error.strerror or str(error)
        ) from None
    if start.startswith(SQLITE_MAGIC):
        return "sqlite"
    if start.startswith(GZIP_MAGIC):
        return "jsonl"
    raise DatabaseProblem("backup.unknown_format", path=str(path))


def read_header(file: IO[str], path: Path) -> dict[str, Any]:
    """The export's header, checked."""
    try:
        header = json.loads(file.readline())
    except (ValueError, OSError):
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise DatabaseProblem("backup.unknown_format", path=str(path))
    return header


async def jsonl_rows(file: IO[str]) -> AsyncIterator[tuple[Table, Rows]]:
    """The export's rows in batches of one table (the header already read)."""
    by_name = {table.name: table for table in tables()}
    decoders = {name: _decoders(table) for name, table in by_name.items()}
    for table_name, rows in _batches(file):
        table, decode = by_name[table_name], decoders[table_name]
        yield (
            table,
            [
                {
                    key: decode[key](v) if key in decode and v is not None else v
                    for key, v in r.items()
                }
                for r in rows
            ],
        )


def _batches(file: IO[str]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    current = ""
    rows: list[dict[str, Any]] = []
    for line in file:
        item = json.loads(line)
        if (item["t"] != current and rows) or len(rows) >= BATCH:
            yield current, rows
            rows = []
        current = item["t"]
        rows.append(item["r"])
    if rows:
        yield current, rows
