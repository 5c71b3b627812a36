"""The audit log read back: one task's changes, changes since a day, as text and as JSON."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

from sqlalchemy import update

from bot.services.audit_log import audit_json, audit_text, read_audit
from bot.services.tasks import TaskChanges, close_task, edit_task, get_task
from db.models import AuditEntry
from tests.integration.summary.helpers import HANOI, add_report, local, seed_sample_with_reports
from tests.support.cli import run_cli as dondoc
from tests.support.database import migrated_sqlite


async def seeded(db) -> None:
    await seed_sample_with_reports(db)
    await add_report(
        db, "III.2", "Thủ trưởng các cơ quan, đơn vị", "Đang triển khai", local(2025, 6, 2)
    )
    async with db.transaction() as session:
        task = await get_task(session, "2")
        await edit_task(session, task, TaskChanges(title="Họp trực tuyến đến 100% xã"), "admin-lan")
        await close_task(session, await get_task(session, "3"), "admin-lan", local(2025, 7, 2))
        # Moments the test controls: everything before 2025, the two admin changes in July.
        await session.execute(update(AuditEntry).values(at=datetime(2024, 12, 1, tzinfo=UTC)))
        await session.execute(
            update(AuditEntry).where(AuditEntry.actor == "admin-lan")
            .values(at=datetime(2025, 7, 2, 3, tzinfo=UTC))
        )  # fmt: skip


async def test_a_tasks_changes_are_its_own_and_its_reports(db):
    await seeded(db)
    async with db.reading() as session:
        rows = await read_audit(session, await get_task(session, "2"))
    assert [(r.entity, r.action) for r in rows] == [("progress_report", "report"), ("task", "edit")]
    assert rows[0].details["task"] == "2"  # not III.2's report, whose code contains "2"
    text = audit_text(rows, "vi", HANOI)
    assert "Báo cáo tiến độ" in text.splitlines()[0]
    assert text.splitlines()[1].startswith("02/07/2025 10:00 — admin-lan — Sửa nhiệm vụ: code=2")


async def test_changes_since_a_day_and_the_json_shape(db):
    await seeded(db)
    async with db.reading() as session:
        rows = await read_audit(session, since=datetime(2025, 7, 1, tzinfo=HANOI))
    data = audit_json(rows, HANOI)
    assert [(d["action"], d["entity"], d["actor"]) for d in data] == [
        ("edit", "task", "admin-lan"), ("close", "task", "admin-lan"),
    ]  # fmt: skip
    assert set(data[0]) == {"at", "actor", "action", "entity", "entity_id", "details"}
    assert data[0]["at"] == "2025-07-02T10:00:00+07:00"
    assert audit_text([], "vi", HANOI) == "Không có thay đổi nào được ghi nhận."


async def seed_cli_database(tmp_path) -> None:
    """The seeded plan in `tmp_path/cli.db`, where the CLI runner looks."""
    database = migrated_sqlite(tmp_path / "cli.db")
    await seeded(database)
    await database.dispose()


def test_audit_command(tmp_path):
    asyncio.run(seed_cli_database(tmp_path))  # the command runs its own event loop
    result = dondoc(tmp_path, "audit", "--task", "3", "--json")
    assert result.returncode == 0, result.stderr
    assert [d["action"] for d in json.loads(result.stdout)] == ["report", "close"]
    since = dondoc(tmp_path, "audit", "--since", "2025-07-03", "--json")
    assert json.loads(since.stdout) == []
    missing = dondoc(tmp_path, "audit", "--task", "99")
    assert missing.returncode == 1 and "Không có nhiệm vụ mã “99”" in missing.stderr
