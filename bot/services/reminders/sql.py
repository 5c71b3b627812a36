"""Small SQL helpers that differ between SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

Executor = AsyncSession | AsyncConnection


def dialect_name(executor: Executor) -> str:
    """ "sqlite" or "postgresql"."""
    if isinstance(executor, AsyncConnection):
        return executor.dialect.name
    return executor.get_bind().dialect.name


async def insert_missing(
    session: Executor, model: type, rows: list[dict[str, Any]], keys: list[str]
) -> None:
    """Insert rows whose unique `keys` are not taken yet; existing rows are left alone."""
    if not rows:
        return
    dialect = postgresql if dialect_name(session) == "postgresql" else sqlite
    # On the table, not the ORM entity: the ORM's bulk path costs more than the insert itself.
    statement = dialect.insert(model.__table__).on_conflict_do_nothing(index_elements=keys)
    await session.execute(statement, rows)
