"""Units corrected by the office: alias, rename, and merge a duplicate with all its history."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from bot.planparse import read_plan
from bot.services.registry import import_plan
from bot.services.tasks import TaskChanges, add_task
from bot.services.unit_admin import UnitConflict, add_alias, merge_units, rename_unit
from bot.services.units import get_unit
from db.models import (
    Assignment,
    AuditEntry,
    Contact,
    ProgressReport,
    ReminderSlot,
    Task,
    Unit,
)
from tests.integration.foundation.test_cli import EXAMPLE, dondoc

TYPO = "Phòng Nội vụ cũ"
RIGHT = "Phòng Nội vụ huyện"


async def seed_duplicate(db, now):
    """The plan, plus a task led by a misspelt copy of a unit, with a contact, report, reminder."""
    async with db.transaction() as session:
        plan = (await import_plan(session, read_plan(EXAMPLE), "test")).plan
        task = await add_task(session, plan.id, "9", TaskChanges(
            title="Việc chín", lead_units=[TYPO], support_units=[RIGHT], new_units=True), "test")  # fmt: skip
        three = await session.scalar(select(Task).where(Task.code == "3"))
        await add_task(session, plan.id, "10", TaskChanges(title="Việc mười", lead_units=[TYPO]),
                       "test")  # fmt: skip
        typo = await get_unit(session, TYPO)
        right = await get_unit(session, RIGHT)
        session.add(Contact(display_name="Hoa", role="contact", unit_id=typo.id, created_at=now))
        session.add(ProgressReport(task_id=task.id, unit_id=typo.id, text="Đã xong 50%",
                                   reported_at=now))  # fmt: skip
        for unit, state in ((typo, "sent"), (right, "pending")):
            session.add(ReminderSlot(task_id=three.id, unit_id=unit.id, kind="due",
                                     occurrence="merge-test", fire_at=now, state=state))  # fmt: skip
    return typo.id, right.id


async def test_merge_moves_history_and_keeps_the_old_name(db, clock):
    gone, kept = await seed_duplicate(db, clock.now())
    async with db.transaction() as session:
        await merge_units(session, TYPO, RIGHT, "cli")
    async with db.reading() as session:
        assert await session.get(Unit, gone) is None
        assert (await get_unit(session, TYPO)).id == kept
        roles = await session.execute(
            select(Task.code, Assignment.role).join(Assignment.task)
            .where(Assignment.unit_id == kept, Task.code.in_(["9", "10"])).order_by(Task.code)
        )  # fmt: skip
        assert sorted(roles) == [("10", "lead"), ("9", "lead"), ("9", "support")]
        for model in (Contact, ProgressReport):
            count = select(func.count()).select_from(model).where(model.unit_id == kept)
            assert await session.scalar(count) == 1
        slots = list(
            await session.scalars(
                select(ReminderSlot).where(ReminderSlot.occurrence == "merge-test")
            )
        )
        assert [(s.unit_id, s.state) for s in slots] == [(kept, "sent")]
        merged = await session.scalar(select(AuditEntry).where(AuditEntry.action == "merge"))
        assert merged.details["merged"] == TYPO and merged.entity_id == kept


async def test_rename_and_alias(db, clock):
    await seed_duplicate(db, clock.now())
    async with db.transaction() as session:
        renamed = await rename_unit(
            session, "Phòng Tư pháp huyện", "Phòng Tư pháp - Hộ tịch", "cli"
        )
        await add_alias(session, RIGHT, "Phòng NV", "cli")
    async with db.reading() as session:
        assert (await get_unit(session, "Phòng Tư pháp huyện")).id == renamed.id
        assert renamed.name == "Phòng Tư pháp - Hộ tịch"
        assert (await get_unit(session, "Phòng NV")).name == RIGHT
    async with db.transaction() as session:
        with pytest.raises(UnitConflict, match="units merge"):
            await rename_unit(session, TYPO, RIGHT, "cli")
        with pytest.raises(UnitConflict, match="đã là tên của đơn vị"):
            await add_alias(session, TYPO, "Phòng NV", "cli")


def test_a_typo_in_task_edit_creates_no_unit(tmp_path):
    dondoc(tmp_path, "import", str(EXAMPLE))
    typo = dondoc(tmp_path, "task", "edit", "1", "--lead", "Phòng Nộ vụ huyện")
    assert typo.returncode == 1 and "Không có đơn vị nào tên “Phòng Nộ vụ huyện”" in typo.stderr
    assert "Có phải: “Phòng Nội vụ huyện”" in typo.stderr
    loose = dondoc(tmp_path, "task", "edit", "1", "--lead", "phong noi vu")
    assert loose.returncode == 0, loose.stderr
    assert "Phòng Nội vụ huyện" in loose.stdout
    new = dondoc(tmp_path, "task", "edit", "1", "--lead", "Phòng Y tế huyện", "--new-unit")
    assert new.returncode == 0, new.stderr
    merged = dondoc(tmp_path, "units", "merge", "Phòng Y tế huyện", "Phòng Nội vụ")
    assert merged.returncode == 0, merged.stderr
    assert "Đã gộp" in merged.stdout


def test_import_maps_loose_names_and_suggests_merging_lookalikes(tmp_path):
    dondoc(tmp_path, "import", str(EXAMPLE))
    plan = tmp_path / "kh2.csv"
    plan.write_text(
        "Mã,Nhiệm vụ,Chủ trì,Phối hợp,Tên kế hoạch\n"
        "1,Tuyên truyền,Phòng VH&TT,Phong noi vu,Kế hoạch tuyên truyền 2025\n"
        "2,Phát thanh,Phòng Văn hóa và Thông tin và Truyền thông huyện,,\n",
        encoding="utf-8",
    )
    dry = dondoc(tmp_path, "import", str(plan), "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    hint = "“Phòng Văn hóa và Thông tin và Truyền thông huyện” gần giống đơn vị đã có"
    assert (
        hint in dry.stderr and 'dondoc units alias "Phòng Văn hóa và Thông tin huyện"' in dry.stderr
    )
    assert "Phòng VH&TT" not in dry.stderr
    units_before = len(json.loads(dondoc(tmp_path, "units", "--json").stdout))
    done = dondoc(tmp_path, "import", str(plan))
    assert done.returncode == 0 and "dondoc units merge" in done.stderr
    units = {u["name"] for u in json.loads(dondoc(tmp_path, "units", "--json").stdout)}
    assert len(units) == units_before + 1
    assert "Phòng Văn hóa và Thông tin và Truyền thông huyện" in units
