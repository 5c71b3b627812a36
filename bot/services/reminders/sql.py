"""Small SQL helpers that differ between SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def dialect_name(session: AsyncSession) -> str:
    """ "sqlite" or "postgresql"."""
    return session.get_bind().dialect.name


async def insert_missing(
    session: AsyncSession, model: type, rows: list[dict[str, Any]], keys: list[str]
) -> None:
    """Insert rows whose unique `keys` are not taken yet; existing rows are left alone."""
    if not rows:
        return
    dialect = postgresql if dialect_name(session) == "postgresql" else sqlite
    statement = dialect.insert(model).on_conflict_do_nothing(index_elements=keys)
    await session.execute(statement, rows)
