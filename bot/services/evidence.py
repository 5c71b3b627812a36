"""Evidence files sent with reports: listed per task, counted for summaries and exports."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ProgressReport, Unit


@dataclass(frozen=True, slots=True)
class Evidence:
    """One file kept on a report: which report and which of its files, from whom, when."""

    report_id: int
    index: int  # its place in the report's attachments
    unit: str
    kind: str  # "photo" | "document"
    file_id: str
    file_name: str | None
    mime_type: str | None
    channel: str | None  # the platform that holds the file id
    at: datetime


async def task_evidence(session: AsyncSession, task_id: int) -> list[Evidence]:
    """Every file sent as evidence on the task, newest report first."""
    rows = await session.execute(
        select(ProgressReport, Unit.name)
        .join(Unit, Unit.id == ProgressReport.unit_id)
        .where(ProgressReport.task_id == task_id)
        .order_by(ProgressReport.reported_at.desc(), ProgressReport.id.desc())
    )
    return [
        Evidence(
            report.id,
            index,
            unit,
            item.get("kind") or "document",
            item["file_id"],
            item.get("file_name"),
            item.get("mime_type"),
            report.channel,
            report.reported_at,
        )
        for report, unit in rows
        for index, item in enumerate(report.attachments)
    ]


async def evidence_counts(
    session: AsyncSession, task_ids: Iterable[int] | None = None
) -> dict[int, int]:
    """Per task, how many evidence files its reports carry ("kèm 2 tệp minh chứng")."""
    query = select(ProgressReport.task_id, ProgressReport.attachments)
    if task_ids is not None:
        query = query.where(ProgressReport.task_id.in_(list(task_ids)))
    counts: dict[int, int] = defaultdict(int)
    for task_id, attachments in await session.execute(query):
        if attachments:
            counts[task_id] += len(attachments)
    return dict(counts)
