"""Write the audit log."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AuditEntry
from db.scope import session_scope

# A plain INSERT on the session's connection: an ORM object would cost a unit-of-work flush.
_INSERT = insert(AuditEntry)


def write_audit(
    connection: Connection,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None = None,
    *,
    committee_id: int | None,
    **details: Any,
) -> None:
    """Record who changed what in `committee_id`'s log (None: the default committee, for
    deployment-wide work), on a synchronous connection (inside `run_sync`)."""
    row = {"actor": actor, "action": action, "entity": entity, "entity_id": entity_id}
    # A Core INSERT bypasses the scope's before_flush: the committee is named here or defaults.
    if committee_id is not None:
        row["committee_id"] = committee_id
    connection.execute(_INSERT, row | {"details": details})


async def audit(
    session: AsyncSession,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None = None,
    *,
    committee_id: int | None = None,
    **details: Any,
) -> None:
    """Record who changed what, in the session's transaction, in the log of `committee_id` or
    else of the committee the session acts for."""
    if committee_id is None:
        committee_id = acting_committee(session)
    connection = await session.connection()
    await connection.run_sync(
        write_audit, actor, action, entity, entity_id, committee_id=committee_id, **details
    )


def acting_committee(session: AsyncSession) -> int | None:
    """The committee the session acts for (None: unscoped, deployment-wide work)."""
    scope = session_scope(session.sync_session)
    return scope.own if scope else None
