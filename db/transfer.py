"""Copying dondoc's rows between databases (SQLite ⇄ PostgreSQL), verified by row counts.

A source yields `(table, rows)` batches in foreign-key order; `write_rows` inserts them into a
migrated, empty target in one transaction and fixes PostgreSQL's id sequences afterwards.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import Table, delete, func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

from db import models  # noqa: F401  (registers every table)
from db.base import Base
from db.failures import DatabaseProblem
from db.migrate import MARKER_TABLE
from db.models import Committee

BATCH = 1000
Rows = list[dict[str, Any]]


def tables() -> list[Table]:
    """dondoc's tables, parents first (the marker is the target's own, never copied)."""
    return [table for table in Base.metadata.sorted_tables if table.name != MARKER_TABLE]


async def row_counts(connection: AsyncConnection) -> dict[str, int]:
    """Rows in each of dondoc's tables."""
    counts = {}
    for table in tables():
        counted = await connection.execute(select(func.count()).select_from(table))
        counts[table.name] = counted.scalar_one()
    return counts


async def database_rows(connection: AsyncConnection) -> AsyncIterator[tuple[Table, Rows]]:
    """Every row of every table, by primary key, in batches."""
    for table in tables():
        query = select(table).order_by(*table.primary_key.columns)
        result = await connection.stream(query)
        async for batch in result.mappings().partitions(BATCH):
            yield table, [dict(row) for row in batch]


async def ensure_empty(connection: AsyncConnection) -> None:
    """Refuse a target that already holds any of dondoc's rows; the default committee its
    migration created goes, as the copy brings the source's own."""
    counts = await row_counts(connection)
    filled = [name for name, count in counts.items() if count and name != Committee.__tablename__]
    if filled or counts[Committee.__tablename__] > 1:
        raise DatabaseProblem(
            "transfer.target_not_empty", tables=", ".join(filled[:3] or [Committee.__tablename__])
        )
    await connection.execute(delete(Committee.__table__))


async def write_rows(
    connection: AsyncConnection, batches: AsyncIterator[tuple[Table, Rows]]
) -> dict[str, int]:
    """Insert every batch; rows written per table."""
    written = {table.name: 0 for table in tables()}
    async for table, rows in batches:
        if rows:
            await connection.execute(table.insert(), rows)
            written[table.name] += len(rows)
    if connection.dialect.name == "postgresql":
        await fix_sequences(connection)
    return written


async def fix_sequences(connection: AsyncConnection) -> None:
    """Move each serial id's sequence past the copied ids (PostgreSQL only)."""
    for table in tables():
        key = list(table.primary_key.columns)
        if len(key) != 1 or not key[0].autoincrement or key[0].type.python_type is not int:
            continue
        sequence = await connection.scalar(
            text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": table.name, "column": key[0].name},
        )
        if sequence is None:
            continue
        await connection.execute(
            text(
                f'SELECT setval(:sequence, COALESCE(MAX("{key[0].name}"), 1), '
                f'MAX("{key[0].name}") IS NOT NULL) FROM "{table.name}"'
            ),
            {"sequence": sequence},
        )


def verify(expected: dict[str, int], found: dict[str, int]) -> None:
    """Raise unless every table holds the rows expected."""
    wrong = [name for name, count in expected.items() if found.get(name, 0) != count]
    if wrong:
        name = wrong[0]
        raise DatabaseProblem(
            "transfer.count_mismatch",
            table=name,
            expected=str(expected[name]),
            found=str(found.get(name, 0)),
        )
