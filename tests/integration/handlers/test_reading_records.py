"""What the reader is unsure of is never recorded as done; a reply saying no status stays unclassified."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain import ReportStatus
from bot.services.progress import record_report
from bot.services.status import DONE
from bot.services.summary import build_summary
from bot.services.tasks import get_task
from bot.services.units import get_unit
from tests.fakes import plan_from_expected, seed_plan
from tests.support.world import PLAN_112, UNIT_A

NOW = datetime(2025, 3, 24, 1, 0, tzinfo=UTC)
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
async def seeded(db):
    await seed_plan(db, plan_from_expected(PLAN_112))
    return db


async def report_on_task_2(db, text: str):
    async with db.transaction() as session:
        recorded = await record_report(
            session,
            task=await get_task(session, "2"),
            unit=await get_unit(session, UNIT_A),
            text=text,
            entered_by="test",
            reported_at=NOW,
        )
        summary = await build_summary(session, NOW, HANOI)
    line = next(line for line in summary.tasks if line.task.code == "2")
    return recorded.report, line.status


@pytest.mark.parametrize(
    ("text", "status", "percent"),
    [
        ("Hoàn thành 3/5 hạng mục", ReportStatus.IN_PROGRESS, 60),
        ("Đã hoàn thành 2 trong 3 nội dung", ReportStatus.IN_PROGRESS, 67),
        ("Đã xong phần lớn, còn 2 xã chưa ban hành", ReportStatus.IN_PROGRESS, None),
        ("Đã xong nhưng còn vướng kinh phí thanh toán", ReportStatus.BLOCKED, None),
        ("còn lại khoảng 30% khối lượng", ReportStatus.IN_PROGRESS, 70),
        ("Chưa triển khai", ReportStatus.IN_PROGRESS, 0),
    ],
)
async def test_a_part_is_stored_as_what_is_sure_and_the_task_stays_open(
    seeded, text, status, percent
):
    report, task_status = await report_on_task_2(seeded, text)
    assert (report.status, report.percent) == (status, percent)
    assert task_status not in DONE


async def test_a_reply_saying_no_status_is_kept_unclassified(seeded):
    report, task_status = await report_on_task_2(
        seeded, "Đã gửi Báo cáo số 15/BC-UBND ngày 12/3/2025"
    )
    assert (report.status, report.percent, report.proposed_due) == (None, None, None)
    assert task_status not in DONE


async def test_a_message_on_several_tasks_records_its_part_on_this_one(seeded):
    report, task_status = await report_on_task_2(seeded, "NV 1 đạt 50%, NV 2 đã xong")
    assert (report.status, report.percent) == (ReportStatus.DONE, 100)
    assert task_status in DONE
