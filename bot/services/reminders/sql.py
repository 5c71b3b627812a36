"""Small SQL helpers that differ between SQLite and PostgreSQL."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from db.base import Base

Executor = AsyncSession | AsyncConnection


def dialect_name(executor: Executor) -> str:
    """ "sqlite" or "postgresql"."""
    if isinstance(executor, AsyncConnection):
        return executor.dialect.name
    return executor.get_bind().dialect.name


async def insert_missing(
    session: Executor, model: type[Base], rows: list[dict[str, Any]], keys: list[str]
) -> None:
    """Insert rows whose unique `keys` are not taken yet; existing rows are left alone."""
    if rows:
        await session.execute(_insert_missing(dialect_name(session), model, tuple(keys)), rows)


@cache
def _insert_missing(dialect: str, model: type[Base], keys: tuple[str, ...]) -> Insert:
    """Built once per table: building the statement costs more than a one-row insert."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    # On the table, not the ORM entity: the ORM's bulk path costs more than the insert itself.
    return insert(model.__table__).on_conflict_do_nothing(index_elements=list(keys))
