"""Write the audit log."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AuditEntry

# A plain INSERT on the session's connection: an ORM object would cost a unit-of-work flush.
_INSERT = insert(AuditEntry)


def write_audit(
    connection: Connection,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None = None,
    **details: Any,
) -> None:
    """Record who changed what, on a synchronous connection (inside `run_sync`)."""
    connection.execute(
        _INSERT,
        {
            "actor": actor,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "details": details,
        },
    )


async def audit(
    session: AsyncSession,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None = None,
    **details: Any,
) -> None:
    """Record who changed what, in the session's transaction."""
    connection = await session.connection()
    await connection.run_sync(write_audit, actor, action, entity, entity_id, **details)
