"""Period reports: what was reported, completed and overdue in a month, quarter, half or year."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
from docx import Document as open_docx

from bot.services.exports import export_period
from bot.services.period_words import parse_cli_period
from bot.services.status import end_of_day
from tests.integration.summary.helpers import HANOI, add_report, local, seed_sample_with_reports

LATER = end_of_day(date(2025, 12, 31), HANOI)


async def period_document(db, key: str, at=LATER):
    async with db.reading() as session:
        document = await export_period(session, "docx", parse_cli_period(key), at, HANOI, None)
    assert document.file_name == f"bao-cao-{parse_cli_period(key).key}.docx"
    return open_docx(io.BytesIO(document.content))


async def period_docx(db, key: str, at=LATER) -> list[str]:
    return [p.text for p in (await period_document(db, key, at)).paragraphs]


async def received_rows(db, key: str) -> list[list[str]]:
    """The rows of the table of reports received in the period, below its header."""
    document = await period_document(db, key)
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == "Nhiệm vụ"]
    assert [c.text for c in table.rows[0].cells] == [
        "Nhiệm vụ", "Đơn vị", "Ngày báo cáo", "Nội dung báo cáo mới nhất trong kỳ",
    ]  # fmt: skip
    return [[c.text for c in row.cells] for row in table.rows[1:]]


async def test_a_quarter_quotes_its_reports_and_names_what_was_completed_and_overdue(db):
    await seed_sample_with_reports(db)
    text = await period_docx(db, "2025-Q2")
    assert any(t.endswith("quý II năm 2025") for t in text)  # the title names the period
    assert any("quý II năm 2025 (từ ngày 01/04/2025 đến ngày 30/06/2025)" in t for t in text)
    received = text.index("II. BÁO CÁO CỦA CÁC ĐƠN VỊ TRONG KỲ")
    assert text[received + 1] == "III. NHIỆM VỤ HOÀN THÀNH TRONG KỲ (0)"  # the table between
    ((task, unit, day, quote),) = await received_rows(db, "2025-Q2")
    assert task.startswith("Nhiệm vụ 2: Triển khai nền tảng họp trực tuyến")
    assert (unit, day, quote) == (
        "Phòng Văn hóa và Thông tin huyện", "01/06/2025", "“Đang thực hiện 50%” (đạt 50%)",
    )  # fmt: skip
    overdue = text.index("IV. NHIỆM VỤ QUÁ HẠN TÍNH ĐẾN CUỐI KỲ (1)")
    assert (
        text[overdue + 1].startswith("- Nhiệm vụ 6: Báo cáo sơ kết")
        and "quá hạn 15 ngày" in text[overdue + 1]
    )
    assert any("nhận 1 lượt báo cáo của 1 đơn vị về 1 nhiệm vụ; 0 nhiệm vụ" in t for t in text)


async def test_a_task_completed_in_the_period_is_listed_once_in_that_period_only(db):
    await seed_sample_with_reports(db)
    q1 = await period_docx(db, "2025-Q1")
    done = q1.index("III. NHIỆM VỤ HOÀN THÀNH TRONG KỲ (1)")
    assert q1[done + 1].startswith("- Nhiệm vụ 1: Xây dựng, ban hành Kế hoạch")
    q3 = await period_docx(db, "2025-Q3")
    done = q3.index("III. NHIỆM VỤ HOÀN THÀNH TRONG KỲ (1)")
    assert q3[done + 1].startswith("- Nhiệm vụ 3: Tổ chức tập huấn")
    year = await period_docx(db, "2025")
    assert "III. NHIỆM VỤ HOÀN THÀNH TRONG KỲ (2)" in year
    (march,) = await received_rows(db, "2025-03")
    assert march[1:] == ["UBND các xã, thị trấn", "20/03/2025", "“Đã ban hành kế hoạch” (đạt 100%)"]


async def test_a_units_latest_report_in_the_period_is_quoted_with_its_count(db):
    await seed_sample_with_reports(db)
    vhtt = "Phòng Văn hóa và Thông tin huyện"
    await add_report(db, "2", vhtt, "Đạt 70%, còn 3 xã", local(2025, 6, 20))
    await add_report(db, "2", "Trung tâm Viễn thông Đông Hưng", "Đã kéo cáp 12 xã",
                     local(2025, 6, 21))  # fmt: skip
    rows = await received_rows(db, "2025-Q2")
    assert [row[1:] for row in rows] == [
        [vhtt, "20/06/2025", "“Đạt 70%, còn 3 xã” (đạt 70%) — 2 lượt báo cáo trong kỳ"],
        ["Trung tâm Viễn thông Đông Hưng", "21/06/2025", "“Đã kéo cáp 12 xã”"],
    ]
    assert rows[0][0].startswith("Nhiệm vụ 2:") and rows[1][0] == ""  # the task named once


async def test_a_period_still_running_is_reported_up_to_the_moment(db):
    await seed_sample_with_reports(db)
    text = await period_docx(db, "2025-H2", at=end_of_day(date(2025, 8, 1), HANOI))
    assert any("(từ ngày 01/07/2025 đến ngày 01/08/2025)" in t for t in text)
    assert "Trong kỳ không có đơn vị nào báo cáo." in text  # the report of 5/9 comes later


async def test_the_period_workbook_holds_the_periods_reports_only(db):
    await seed_sample_with_reports(db)
    async with db.reading() as session:
        document = await export_period(
            session, "xlsx", parse_cli_period("2025-H1"), LATER, HANOI, None
        )
    assert document.file_name == "tong-hop-2025H1.xlsx"
    workbook = openpyxl.load_workbook(io.BytesIO(document.content))
    assert workbook["Tổng hợp"]["A3"].value == (
        "Kỳ báo cáo: 6 tháng đầu năm 2025 (từ ngày 01/01/2025 đến ngày 30/06/2025)"
    )
    history = list(workbook["Lịch sử báo cáo"].iter_rows(min_row=5, values_only=True))
    assert [(row[1], row[4].date()) for row in history] == [
        ("1", date(2025, 3, 20)), ("2", date(2025, 6, 1)),
    ]  # fmt: skip
