"""Structured plans (YAML, CSV) round-trip through the registry, and re-import updates."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.domain import AssignmentRole
from bot.plandoc import PlanFileError
from bot.planparse import read_plan
from bot.services.queries import list_tasks, unit_names
from bot.services.registry import import_plan
from db.models import Plan, Task, Unit
from tests.support.paths import REPO

EXAMPLE = REPO / "examples" / "example-plan.yaml"


async def test_yaml_round_trip(db):
    document = read_plan(EXAMPLE)
    async with db.transaction() as session:
        result = await import_plan(session, document, actor="test")
    assert result.created and result.tasks_created == 3
    async with db.reading() as session:
        tasks = await list_tasks(session, result.plan.id)
        plan = await session.get(Plan, result.plan.id)
    assert plan.number == "45/KH-UBND"
    read_back = [
        {
            "code": t.code,
            "title": t.title,
            "lead_units": unit_names(t, AssignmentRole.LEAD),
            "support_units": unit_names(t, AssignmentRole.SUPPORT),
            "due": t.due.isoformat() if t.due else None,
            "recurrence": t.recurrence,
            "report_day": t.report_day,
        }
        for t in tasks
    ]
    assert read_back == document.to_json()["tasks"]


async def test_reimport_updates_instead_of_duplicating(db):
    document = read_plan(EXAMPLE)
    async with db.transaction() as session:
        first = await import_plan(session, document, actor="test")
    changed = document.model_copy(deep=True)
    changed.tasks[0].title = "Rà soát thủ tục hành chính (sửa)"
    changed.tasks[0].support_units = ["Phòng Tư pháp huyện"]
    async with db.transaction() as session:
        second = await import_plan(session, changed, actor="test")
    assert second.plan.id == first.plan.id
    assert (second.created, second.tasks_created, second.tasks_updated) == (False, 0, 3)
    async with db.reading() as session:
        assert await session.scalar(select(func.count(Plan.id))) == 1
        assert await session.scalar(select(func.count(Task.id))) == 3
        tasks = await list_tasks(session, first.plan.id)
    assert tasks[0].title == "Rà soát thủ tục hành chính (sửa)"
    assert unit_names(tasks[0], AssignmentRole.SUPPORT) == ["Phòng Tư pháp huyện"]


async def test_unit_spellings_are_one_unit(db, tmp_path: Path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "plan: {title: Kế hoạch thử}\n"
        "tasks:\n"
        "  - {code: '1', title: Việc một, lead_units: [UBND huyện]}\n"
        "  - {code: '2', title: Việc hai, lead_units: [Ủy ban nhân dân huyện]}\n"
        "  - {code: '3', title: Việc ba, lead_units: [Uỷ ban nhân dân huyện]}\n",
        encoding="utf-8",
    )
    async with db.transaction() as session:
        await import_plan(session, read_plan(plan), actor="test")
    async with db.reading() as session:
        assert await session.scalar(select(func.count(Unit.id))) == 1


def test_csv_plan(tmp_path: Path):
    plan = tmp_path / "ke-hoach.csv"
    plan.write_text(
        "plan_title,code,title,lead_units,support_units,due,recurrence,report_day\n"
        "Kế hoạch CSV,1,Việc một,Phòng Nội vụ huyện,Phòng Tư pháp huyện; Huyện đoàn,2025-05-31,,\n"
        "Kế hoạch CSV,2,Việc hai,Công an huyện,,,monthly,25\n",
        encoding="utf-8",
    )
    document = read_plan(plan)
    assert document.plan.title == "Kế hoạch CSV"
    assert document.tasks[0].support_units == ["Phòng Tư pháp huyện", "Huyện đoàn"]
    assert document.tasks[1].recurrence == "monthly" and document.tasks[1].report_day == 25


def test_non_utf8_file_is_refused_clearly(tmp_path: Path):
    plan = tmp_path / "ke-hoach.csv"
    plan.write_bytes("code,title\n1,Vi\xeac m\xf4t\n".encode("latin-1") + b"\xff\xfe")
    with pytest.raises(PlanFileError, match="không phải văn bản UTF-8"):
        read_plan(plan)
