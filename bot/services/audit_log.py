"""Reading the audit log: who changed what, for one task or since a day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import String, and_, cast, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.texts import t
from db.models import AuditEntry, Task

# Entities whose entries name their task by code in `details["task"]`.
TASK_NAMED = ("extension", "progress_report")
DEFAULT_LIMIT = 500


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One change."""

    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: int | None
    details: dict[str, Any]


async def read_audit(
    session: AsyncSession,
    task: Task | None = None,
    since: datetime | None = None,
    limit: int = DEFAULT_LIMIT,
) -> list[AuditRow]:
    """The latest `limit` changes (of one task when given, from `since`), oldest first."""
    entry = AuditEntry
    query = select(
        entry.at, entry.actor, entry.action, entry.entity, entry.entity_id, entry.details
    )
    if task is not None:
        own = and_(entry.entity == "task", entry.entity_id == task.id)
        # Narrowed in SQL by text, then checked exactly below (JSON paths differ per database).
        named = and_(entry.entity.in_(TASK_NAMED), cast(entry.details, String).contains(task.code))
        query = query.where(or_(own, named))
    if since is not None:
        query = query.where(entry.at >= since)
    query = query.order_by(entry.at.desc(), entry.id.desc()).limit(limit)
    rows = [AuditRow(*row) for row in await session.execute(query)]
    if task is not None:
        rows = [row for row in rows if row.entity == "task" or _names(row, task.code)]
    return rows[::-1]


def _names(row: AuditRow, code: str) -> bool:
    return (row.details or {}).get("task") == code


def action_label(row: AuditRow, locale: str | None) -> str:
    """ "Sửa nhiệm vụ", "Báo cáo tiến độ"… (the raw action for one without a label)."""
    key = f"audit.action.{row.entity}.{row.action}"
    try:
        return t(key, locale)
    except KeyError:
        return f"{row.entity}.{row.action}"


def audit_json(rows: list[AuditRow], tz: ZoneInfo) -> list[dict]:
    """The `dondoc audit --json` shape."""
    return [
        {
            "at": row.at.astimezone(tz).isoformat(timespec="seconds"),
            "actor": row.actor,
            "action": row.action,
            "entity": row.entity,
            "entity_id": row.entity_id,
            "details": row.details,
        }
        for row in rows
    ]


def audit_text(rows: list[AuditRow], locale: str | None, tz: ZoneInfo) -> str:
    """Plain lines for a chat or a terminal: "dd/mm/yyyy HH:MM — actor — action: details"."""
    if not rows:
        return t("audit.empty", locale)
    lines = []
    for row in rows:
        at = f"{row.at.astimezone(tz):%d/%m/%Y %H:%M}"
        action, details = action_label(row, locale), details_text(row.details)
        lines.append(
            t("audit.line", locale, at=at, actor=row.actor, action=action, details=details)
        )
    return "\n".join(lines)


def details_text(details: dict[str, Any]) -> str:
    """ "code=2; changes={…}" in one line."""
    return "; ".join(f"{key}={value}" for key, value in (details or {}).items())
