"""What the .docx report tells a committee: titles and percents, extension requests as such,
obstacles, support units' work, evidence; no clock time."""

from __future__ import annotations

import io
import re
from datetime import date

from docx import Document as open_docx
from sqlalchemy import select, update

from bot.domain import ReportStatus
from bot.messages import Attachment
from bot.services.exports import export_document
from bot.services.progress import record_report
from bot.services.status import end_of_day
from bot.services.summary import build_summary
from bot.services.tasks import get_task
from bot.services.units import get_unit
from db.models import ExtensionRequest
from tests.integration.summary.helpers import HANOI, add_report, local, seed_sample_with_reports

JULY = end_of_day(date(2025, 7, 1), HANOI)
VHTT = "Phòng Văn hóa và Thông tin huyện"


async def report_with_files(db, code: str, unit: str, text: str, at, files: int) -> None:
    async with db.transaction() as session:
        await record_report(
            session, task=await get_task(session, code), unit=await get_unit(session, unit),
            text=text, source="office", entered_by="test", reported_at=at, tz=HANOI,
            attachments=[Attachment("photo", f"file-{n}") for n in range(files)],
        )  # fmt: skip


async def docx_text(db) -> list[str]:
    async with db.reading() as session:
        content = (await export_document(session, "docx", JULY, HANOI)).content
    return [p.text for p in open_docx(io.BytesIO(content)).paragraphs]


async def test_the_report_says_what_a_committee_needs(db):
    await seed_sample_with_reports(db)
    await report_with_files(db, "3", "Phòng Nội vụ huyện", "Đã mở 2 lớp, đạt 40%",
                            local(2025, 6, 10), files=2)  # fmt: skip
    await add_report(db, "2", VHTT, "Vướng kinh phí mua thiết bị", local(2025, 6, 20),
                     ReportStatus.BLOCKED)  # fmt: skip
    await add_report(db, "6", VHTT, "Xin gia hạn đến 15/7/2025 vì chờ số liệu",
                     local(2025, 6, 20, 10), ReportStatus.EXTENSION)  # fmt: skip
    await add_report(db, "2", "Trung tâm Viễn thông Đông Hưng",
                     "Đã lắp đặt đường truyền cho 12 xã", local(2025, 6, 25))  # fmt: skip
    async with db.transaction() as session:
        await session.execute(update(ExtensionRequest).values(
            state="approved", decided_at=local(2025, 6, 21), decided_by="leader"))  # fmt: skip
        requests = (await session.scalars(select(ExtensionRequest))).all()
    assert len(requests) == 1
    text = await docx_text(db)
    joined = "\n".join(text)
    in_progress = next(t for t in text if t.startswith("- Nhiệm vụ 3: Tổ chức tập huấn"))
    assert (
        "Kèm 2 tệp minh chứng." in in_progress and "“Đã mở 2 lớp, đạt 40%” (đạt 40%)" in in_progress
    )
    assert "5. Đề nghị gia hạn (1)" in text
    assert (
        "- Nhiệm vụ 6 (Phòng Văn hóa và Thông tin huyện): đề nghị gia hạn đến ngày 15/07/2025, "
        "lý do: “Xin gia hạn đến 15/7/2025 vì chờ số liệu”; đã được đồng ý." in text
    )
    task_six = next(t for t in text if t.startswith("- Nhiệm vụ 6:"))
    assert "gia hạn" not in task_six  # the request is not task 6's latest report
    assert "6. Khó khăn, vướng mắc chưa được tháo gỡ (1)" in text
    assert (
        "- Nhiệm vụ 2 — Phòng Văn hóa và Thông tin huyện, ngày 20/06/2025: “Vướng kinh phí mua thiết bị”."
        in text
    )
    assert "7. Kết quả của các đơn vị phối hợp (1)" in text
    assert any(
        t.startswith("- Nhiệm vụ 2 — Trung tâm Viễn thông Đông Hưng, ngày 25/06/2025") for t in text
    )
    assert not re.search(r"\b\d{1,2}:\d{2}\b", joined)  # no clock time
    assert "tính đến ngày 01/07/2025" in joined
    async with db.reading() as session:
        summary = await build_summary(session, JULY, HANOI)
    six = next(line for line in summary.tasks if line.task.code == "6")
    assert six.last_report is None  # an extension request is not a progress report


async def test_a_decision_taken_after_the_reports_moment_was_pending_then(db):
    await seed_sample_with_reports(db)
    await add_report(db, "6", VHTT, "Xin gia hạn đến 15/7/2025", local(2025, 6, 20),
                     ReportStatus.EXTENSION)  # fmt: skip
    async with db.transaction() as session:
        await session.execute(update(ExtensionRequest).values(
            state="declined", decided_at=local(2025, 7, 3), decided_by="leader"))  # fmt: skip
    text = await docx_text(db)
    line = next(t for t in text if "đề nghị gia hạn đến ngày 15/07/2025" in t)
    assert line.endswith("chưa có ý kiến của lãnh đạo.")
