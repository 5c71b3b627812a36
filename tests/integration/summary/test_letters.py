"""Urging letters: one per lagging unit, its overdue tasks, the days the ledger says it was reminded."""

from __future__ import annotations

import asyncio
import io
from datetime import date

from docx import Document as open_docx

from bot.domain import SlotKind
from bot.services.exports import reply_date, urging_letters
from bot.services.exports.letters import file_slug
from bot.services.status import end_of_day
from bot.services.tasks import get_task
from bot.services.units import get_unit
from db.models import Delivery, ReminderSlot
from tests.fakes import record_sent_reminder
from tests.integration.summary.helpers import HANOI, local, seed_sample_with_reports
from tests.support.cli import run_cli as dondoc
from tests.support.database import migrated_sqlite

AT = end_of_day(date(2025, 7, 10), HANOI)
VHTT = "Phòng Văn hóa và Thông tin huyện"


async def remind(db, code: str, unit: str, at, occurrence: str) -> None:
    async with db.transaction() as session:
        task, found = await get_task(session, code), await get_unit(session, unit)
        await record_sent_reminder(
            session, task_id=task.id, unit_id=found.id, channel="telegram", chat_id="c1",
            message_id=occurrence, at=at, occurrence=occurrence,
        )  # fmt: skip


async def seeded(db) -> int:
    plan_id = await seed_sample_with_reports(db)
    await remind(db, "6", VHTT, local(2025, 6, 12, 8), "d-3")
    await remind(db, "6", VHTT, local(2025, 6, 16, 8), "overdue-1")
    await remind(db, "2", VHTT, local(2025, 6, 16, 8, 5), "due")  # same day: listed once
    await remind(db, "2", VHTT, local(2025, 7, 20, 8), "overdue-3")  # after the letter's date
    await remind(db, "3", "Phòng Nội vụ huyện", local(2025, 6, 20, 8), "d-7")  # not lagging
    async with db.transaction() as session:  # an escalation goes to leaders, not to the unit
        task, unit = await get_task(session, "6"), await get_unit(session, VHTT)
        slot = ReminderSlot(task_id=task.id, unit_id=unit.id, kind=SlotKind.ESCALATION.value,
                            occurrence="esc", fire_at=local(2025, 6, 25, 8), state="sent")  # fmt: skip
        session.add(slot)
        await session.flush()
        session.add(Delivery(slot_id=slot.id, channel="telegram", chat_id="leader",
                             message_id="e", sent_at=local(2025, 6, 25, 8)))  # fmt: skip
    return plan_id


async def test_a_letter_lists_the_units_overdue_tasks_and_the_days_it_was_reminded(db):
    plan_id = await seeded(db)
    async with db.reading() as session:
        letters = await urging_letters(session, AT, HANOI, plan_id)
    assert [(unit, doc.file_name) for unit, doc in letters] == [
        (VHTT, "cong-van-don-doc-phong-van-hoa-va-thong-tin-huyen-2025-07-10.docx")
    ]
    document = open_docx(io.BytesIO(letters[0][1].content))
    text = [p.text for p in document.paragraphs]
    header = [
        p.text for cell in document.tables[0].rows[0].cells for p in cell.paragraphs if p.text
    ]
    assert "Số:        /CV-VP" in header and "Đông Hưng, ngày 10 tháng 7 năm 2025" in header
    assert "V/v đôn đốc thực hiện và báo cáo kết quả thực hiện nhiệm vụ" in header
    assert f"Kính gửi: {VHTT}" in text
    tasks = [t for t in text if t.startswith("- Nhiệm vụ")]
    assert tasks[0].startswith("- Nhiệm vụ 6: Báo cáo sơ kết") and "quá hạn 25 ngày" in tasks[0]
    assert tasks[1].startswith("- Nhiệm vụ 2:") and "“Đang thực hiện 50%”" in tasks[1]
    assert len(tasks) == 2
    assert (
        "Văn phòng đã 2 lần nhắc đơn vị thực hiện, báo cáo qua hệ thống nhắc việc, vào các ngày: "
        "12/06/2025, 16/06/2025." in text
    )
    assert any("trước ngày 17/07/2025" in t for t in text)


async def test_one_unit_only_and_a_unit_without_overdue_tasks_gets_none(db):
    plan_id = await seeded(db)
    async with db.reading() as session:
        home = await get_unit(session, "Phòng Nội vụ huyện")
        assert await urging_letters(session, AT, HANOI, plan_id, unit_id=home.id) == []
        vhtt = await get_unit(session, VHTT)
        letters = await urging_letters(
            session, AT, HANOI, plan_id, unit_id=vhtt.id, reply_by=date(2025, 7, 31)
        )
    text = [p.text for p in open_docx(io.BytesIO(letters[0][1].content)).paragraphs]
    assert any("trước ngày 31/07/2025" in t for t in text)


def test_reply_date_and_file_names():
    assert reply_date(date(2025, 7, 10)) == date(2025, 7, 17)
    assert reply_date(date(2025, 7, 12)) == date(2025, 7, 21)  # a Saturday + 7 → Monday
    assert file_slug("UBND xã Đông Hà / Đội 3") == "ubnd-xa-dong-ha-doi-3"


async def seed_cli_database(tmp_path) -> None:
    """The seeded plan in `tmp_path/cli.db`, where the CLI runner looks."""
    database = migrated_sqlite(tmp_path / "cli.db")
    await seeded(database)
    await database.dispose()


def test_letter_command_writes_one_file_or_a_folder(tmp_path):
    asyncio.run(seed_cli_database(tmp_path))  # the command runs its own event loop
    one = dondoc(
        tmp_path, "letter", "--unit", VHTT, "--at", "2025-07-10", "-o", str(tmp_path / "l.docx")
    )
    assert one.returncode == 0, one.stderr
    assert (tmp_path / "l.docx").read_bytes().startswith(b"PK")
    every = dondoc(tmp_path, "letter", "--all", "--at", "2025-07-10", "-o", str(tmp_path / "out"))
    assert every.returncode == 0, every.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == [
        "cong-van-don-doc-phong-van-hoa-va-thong-tin-huyen-2025-07-10.docx"
    ]
    none = dondoc(tmp_path, "letter", "--unit", "Phòng Nội vụ huyện", "--at", "2025-07-10",
                  "-o", str(tmp_path / "n.docx"))  # fmt: skip
    assert none.returncode == 1 and "không có nhiệm vụ quá hạn" in none.stderr
