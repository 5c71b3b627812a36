"""Reading the inbox table in tests: what was stored, and in which state."""

from __future__ import annotations

from sqlalchemy import select

from db.engine import Database
from db.models import InboxUpdate


async def stored_keys(db: Database, state: str | None = None) -> list[str]:
    """The update keys stored (in `state`, if given), in arrival order."""
    query = select(InboxUpdate.update_key).order_by(InboxUpdate.id)
    if state is not None:
        query = query.where(InboxUpdate.state == state)
    async with db.reading() as session:
        return list(await session.scalars(query))
