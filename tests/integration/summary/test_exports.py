"""The .docx report, the .xlsx workbook and the PNG chart of the sample plan."""

from __future__ import annotations

import io
import warnings
from datetime import date, timedelta

import openpyxl
import pytest
from docx import Document as open_docx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from sqlalchemy import update

from bot.services.exports import export_document
from bot.services.exports.chart import chart_figure
from bot.services.status import end_of_day
from bot.services.summary import build_summary
from db.engine import Database
from db.migrate import upgrade
from db.models import Task, Unit
from tests.fakes import plan_from_expected, seed_plan
from tests.integration.summary.helpers import (
    HANOI,
    PLAN_112,
    add_report,
    local,
    render_pdf,
    seed_sample_with_reports,
)

JULY = end_of_day(date(2025, 7, 1), HANOI)


@pytest.fixture
async def sample_db(sqlite_db):
    await seed_sample_with_reports(sqlite_db)
    return sqlite_db


async def exported(db, fmt: str):
    async with db.reading() as session:
        return await export_document(session, fmt, JULY, HANOI)


async def test_docx_is_an_administrative_report(sample_db):
    document = await exported(sample_db, "docx")
    assert document.file_name == "bao-cao-2025-07-01.docx"
    docx = open_docx(io.BytesIO(document.content))
    section = docx.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert (round(section.left_margin.cm, 2), round(section.right_margin.cm, 2)) == (3.0, 1.5)
    assert docx.styles["Normal"].font.name == "Times New Roman"
    header = [p.text for cell in docx.tables[0].rows[0].cells for p in cell.paragraphs if p.text]
    assert header == [
        "UBND HUYỆN ĐÔNG HƯNG", "VĂN PHÒNG", "Số:        /BC-VP",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Đông Hưng, ngày 01 tháng 7 năm 2025",
    ]  # fmt: skip
    text = [p.text for p in docx.paragraphs]
    assert "BÁO CÁO" in text
    assert (
        "Kết quả thực hiện Kế hoạch số 112/KH-UBND ngày 14/01/2025 của UBND huyện Đông Hưng" in text
    )
    assert "1. Quá hạn (2 nhiệm vụ)" in text and "4. Đã hoàn thành đúng hạn (1 nhiệm vụ)" in text
    assert any(
        t.startswith("- Nhiệm vụ 6: Báo cáo sơ kết") and "quá hạn 16 ngày" in t for t in text
    )
    table = docx.tables[1]
    assert [c.text for c in table.rows[0].cells] == [
        "STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tình trạng", "Báo cáo gần nhất",
    ]  # fmt: skip
    assert len(table.rows) == 10
    task_two = [c.text for c in table.rows[2].cells]
    assert task_two[0] == "2" and task_two[3:] == [
        "30/06/2025", "Quá hạn (1 ngày)", "01/06/2025: Đang thực hiện 50% (50%)",
    ]  # fmt: skip
    closing = [p.text for cell in docx.tables[2].rows[0].cells for p in cell.paragraphs]
    assert closing[0] == "Nơi nhận:" and "CHÁNH VĂN PHÒNG" in closing


async def test_docx_converts_to_pdf_with_libreoffice(sample_db, tmp_path):
    pdf = render_pdf((await exported(sample_db, "docx")).content, "docx", tmp_path)
    assert 2 <= len(pdf.pages) <= 4
    first_page = pdf.pages[0].extract_text()
    assert "BÁO CÁO" in first_page and "Hạnh phúc" in first_page


async def test_xlsx_has_a_row_per_task_and_lead_unit_and_every_report(sample_db):
    document = await exported(sample_db, "xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(document.content))
    assert workbook.sheetnames == ["Tổng hợp", "Lịch sử báo cáo"]
    sheet = workbook["Tổng hợp"]
    assert [sheet.cell(row=n, column=1).value for n in (1, 2, 3)] == [
        "BẢNG TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ", "Kế hoạch số 112/KH-UBND",
        "Tính đến hết ngày 01/07/2025",
    ]  # fmt: skip
    assert sheet.freeze_panes == "A5" and sheet.auto_filter.ref == "A4:N14"
    assert sheet.print_title_rows == "$4:$4"
    setup = sheet.page_setup
    # A fitToWidth of 1 is the format's default, so the writer leaves it out.
    assert (setup.orientation, setup.paperSize, setup.fitToWidth or 1, setup.fitToHeight) == (
        "landscape", 9, 1, 0,
    )  # fmt: skip
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    # 50 characters as the spreadsheet shows it: the stored width adds the cell's padding.
    assert sheet["A4"].font.b and 50 < sheet.column_dimensions["C"].width < 51
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    assert [(r[1], r[3]) for r in rows if r[1] == "III.2"] == [
        ("III.2", "Thủ trưởng các cơ quan, đơn vị"), ("III.2", "Chủ tịch UBND các xã, thị trấn"),
    ]  # fmt: skip
    task_two = next(r for r in rows if r[1] == "2")
    # Its report of 1/6 came before the deadline (30/6): overdue, it has not reported since.
    assert task_two[7:12] == ("Quá hạn", 1, "Chưa", "Đang thực hiện 50%", 50)
    assert task_two[13] == "Đang thực hiện"  # the latest report's status
    due = sheet.cell(row=6, column=6)
    assert (
        due.is_date and due.number_format == "dd/mm/yyyy" and due.value.date() == date(2025, 6, 30)
    )
    history = workbook["Lịch sử báo cáo"]
    assert history["A1"].value == "LỊCH SỬ BÁO CÁO TIẾN ĐỘ" and history.print_title_rows == "$4:$4"
    reports = list(history.iter_rows(min_row=5, values_only=True))
    # The report of 5/9 came after the moment of the export.
    assert [(r[1], r[3], r[7]) for r in reports] == [
        ("1", "UBND các xã, thị trấn", "Hoàn thành"), ("2", "Phòng Văn hóa và Thông tin huyện", "Đang thực hiện"),
    ]  # fmt: skip
    assert history["E5"].is_date and history["E5"].value.hour == 9


async def test_xlsx_prints_landscape_one_page_wide_with_the_header_row_on_every_page(
    sample_db, tmp_path
):
    unit = "Phòng Văn hóa và Thông tin huyện"
    for hour in range(120):  # enough reports for the history sheet to run over several pages
        await add_report(
            sample_db, "2", unit, f"Báo cáo lần {hour}", local(2025, 5, 1) + timedelta(hours=hour)
        )
    pdf = render_pdf((await exported(sample_db, "xlsx")).content, "xlsx", tmp_path)
    pages = [page.extract_text() for page in pdf.pages]
    assert all(page.mediabox.width > page.mediabox.height for page in pdf.pages)  # landscape
    assert "BẢNG TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ" in pages[0]
    history = [n for n, text in enumerate(pages) if "LỊCH SỬ BÁO CÁO TIẾN ĐỘ" in text]
    assert history and len(pages) - history[0] >= 2  # the history runs over more than one page
    for text in pages:
        # The header row on every page, its first and last columns: one page wide.
        assert "Mã NV" in text and "Đánh giá" in text
    assert "Nguồn" in pages[-1] and "LỊCH SỬ BÁO CÁO" not in pages[-1]  # the titles only once


async def test_xlsx_of_a_plan_without_reports_keeps_the_history_header(sqlite_db):
    await seed_plan(sqlite_db, plan_from_expected(PLAN_112))
    workbook = openpyxl.load_workbook(io.BytesIO((await exported(sqlite_db, "xlsx")).content))
    history = workbook["Lịch sử báo cáo"]
    rows = list(history.iter_rows(min_row=4, values_only=True))
    assert rows[0][:2] == ("Kế hoạch", "Mã NV") and not any(v for row in rows[1:] for v in row)
    assert len(list(workbook["Tổng hợp"].iter_rows(min_row=5))) == 10


async def test_chart_is_a_png_with_vietnamese_labels_and_no_missing_glyph(sample_db):
    document = await exported(sample_db, "png")
    assert document.content.startswith(b"\x89PNG\r\n\x1a\n") and document.mime_type == "image/png"
    async with sample_db.reading() as session:
        summary = await build_summary(session, JULY, HANOI)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure = chart_figure(summary, HANOI)
        FigureCanvasAgg(figure).draw()  # glyphs are looked up when text is drawn
    assert [str(w.message) for w in caught] == []
    axes = figure.axes[0]
    labels = [label.get_text() for label in axes.get_yticklabels()]
    assert labels[0] == "Phòng Văn hóa và Thông tin huyện"  # the unit with overdue tasks first
    assert "Phòng Kinh tế và Hạ tầng huyện" in labels
    legend = [text.get_text() for text in figure.legends[0].get_texts()]
    assert legend == ["Quá hạn", "Đang thực hiện trong hạn", "Đã hoàn thành đúng hạn"]
    assert summary.counts["done_late"] == 0  # no bar of that status: no legend entry for it
    assert figure.texts[0].get_text() == (
        "Tình hình thực hiện Kế hoạch số 112/KH-UBND theo đơn vị chủ trì"
    )
    total = len(summary.tasks)
    assert axes.get_title().endswith(
        f"{total} nhiệm vụ: {summary.counts['overdue']} quá hạn, "
        f"{summary.counts['in_progress']} đang thực hiện, 0 hoàn thành quá hạn, "
        f"{summary.counts['done_on_time']} hoàn thành đúng hạn"
    )
    bar_totals = sorted(int(text.get_text()) for text in axes.texts)
    assert len(bar_totals) == len(labels) and sum(bar_totals) >= total


async def test_user_text_is_never_a_formula_in_the_xlsx(sample_db):
    formula = '=HYPERLINK("http://evil.example/","xong 95%")'
    await add_report(
        sample_db, "2", "Phòng Văn hóa và Thông tin huyện", formula, local(2025, 6, 20)
    )
    async with sample_db.transaction() as session:
        await session.execute(update(Task).where(Task.code == "3").values(title="=1+2 tập huấn"))
        await session.execute(update(Task).where(Task.code == "4").values(title="@SUM(A1) việc"))
    workbook = openpyxl.load_workbook(io.BytesIO((await exported(sample_db, "xlsx")).content))
    cells = [c for sheet in workbook for row in sheet.iter_rows() for c in row if c.value]
    risky = [c for c in cells if isinstance(c.value, str) and c.value[0] in "=+-@"]
    assert {c.value for c in risky} >= {formula, "=1+2 tập huấn", "@SUM(A1) việc"}
    assert all(c.data_type == "s" and c.quotePrefix for c in risky)
    assert not [c for c in cells if c.data_type == "f"]


async def test_chart_draws_a_unit_name_with_mathtext_characters_as_plain_text(sample_db):
    name = "Phòng $x^{$ thử"
    async with sample_db.transaction() as session:
        old = "Phòng Văn hóa và Thông tin huyện"
        await session.execute(update(Unit).where(Unit.name == old).values(name=name))
    document = await exported(sample_db, "png")
    assert document.content.startswith(b"\x89PNG")
    async with sample_db.reading() as session:
        summary = await build_summary(session, JULY, HANOI)
    figure = chart_figure(summary, HANOI)
    FigureCanvasAgg(figure).draw()
    assert figure.axes[0].get_yticklabels()[0].get_text() == name


async def test_xlsx_of_a_database_in_memory_has_every_report(sample_db):
    """SQLite in memory lives in one connection: the history is read on the session's, not apart."""
    memory = Database("sqlite+aiosqlite://")
    try:
        await upgrade(memory)
        await seed_sample_with_reports(memory)
        sheets = [
            openpyxl.load_workbook(io.BytesIO((await exported(db, "xlsx")).content))
            for db in (sample_db, memory)
        ]
    finally:
        await memory.dispose()
    on_file, in_memory = (list(book.worksheets[1].values) for book in sheets)
    assert len(in_memory) > 5 and in_memory == on_file
