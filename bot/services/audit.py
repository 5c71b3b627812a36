"""Write the audit log."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AuditEntry


def audit(
    session: AsyncSession,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None = None,
    **details: Any,
) -> None:
    """Record who changed what."""
    session.add(
        AuditEntry(actor=actor, action=action, entity=entity, entity_id=entity_id, details=details)
    )
