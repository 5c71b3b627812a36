"""Excel task lists: the table found under title rows, section rows, unit lists, extra columns."""

from __future__ import annotations

import json
from datetime import date

import pytest
from openpyxl import Workbook

from bot.plandoc import PlanFileError
from bot.planparse import read_plan


def plan_xlsx(path, *, with_notes_first=True):
    book = Workbook()
    notes = book.active
    notes.title = "Hướng dẫn"
    notes.append(["Ghi chú", "Bảng này do Văn phòng lập"])
    notes.append(["Người lập", "Nguyễn Văn A"])
    sheet = book.create_sheet("Phụ lục") if with_notes_first else book.active
    sheet.append(["ỦY BAN NHÂN DÂN HUYỆN ĐÔNG HÀ"])
    sheet.append(["PHỤ LỤC PHÂN CÔNG NHIỆM VỤ"])
    sheet.append(["Kèm theo Kế hoạch số 12/KH-UBND ngày 10/02/2025 của UBND huyện"])
    sheet.append(["Triển khai công tác chuyển đổi số năm 2025"])
    sheet.append([])
    sheet.append(["TT", "Thời hạn\nhoàn thành", "Nội dung nhiệm vụ", "Sản phẩm", "Phối hợp",
                  "Cơ quan chủ trì"])  # fmt: skip
    sheet.append(["I. CHUYỂN ĐỔI SỐ TRONG CƠ QUAN NHÀ NƯỚC"])
    sheet.merge_cells(start_row=7, start_column=1, end_row=7, end_column=6)
    sheet.append([1, "Tháng 6", "Số hóa hồ sơ\nthủ tục hành chính", "Kho dữ liệu",
                  "- Phòng Nội vụ huyện\n- Phòng Tư pháp huyện", "Văn phòng HĐND và UBND huyện"])  # fmt: skip
    sheet.append([2, date(2025, 9, 30), "Cập nhật cổng thông tin", None, None,
                  "Phòng VH&TT huyện; Trung tâm VH-TT huyện"])  # fmt: skip
    sheet.append(["II. CHUYỂN ĐỔI SỐ CỘNG ĐỒNG"])
    sheet.merge_cells(start_row=10, start_column=1, end_row=10, end_column=6)
    sheet.append([1, "Hằng quý, trước ngày 20 tháng cuối quý", "Báo cáo tiến độ", "Báo cáo",
                  None, "UBND các xã, thị trấn"])  # fmt: skip
    book.save(path)
    return path


def test_a_task_list_under_title_rows_with_section_rows(tmp_path):
    document = read_plan(plan_xlsx(tmp_path / "phu-luc.xlsx"))
    tasks = {task.code: task for task in document.tasks}
    assert list(tasks) == ["I.1", "I.2", "II.1"]
    first = tasks["I.1"]
    assert first.title.startswith("Số hóa hồ sơ thủ tục hành chính")
    assert first.lead_units == ["Văn phòng HĐND và UBND huyện"]
    assert first.support_units == ["Phòng Nội vụ huyện", "Phòng Tư pháp huyện"]
    assert first.due == date(2025, 6, 30)
    assert first.extra == {"Sản phẩm": "Kho dữ liệu"}
    assert tasks["I.2"].due == date(2025, 9, 30)
    assert tasks["I.2"].lead_units == ["Phòng VH&TT huyện", "Trung tâm VH-TT huyện"]
    assert tasks["II.1"].recurrence.value == "quarterly" and tasks["II.1"].report_day == 20
    assert document.plan.number == "12/KH-UBND"


def test_the_same_shape_as_other_plans_in_json(tmp_path):
    data = json.loads(json.dumps(read_plan(plan_xlsx(tmp_path / "p.xlsx")).to_json(), default=str))
    assert set(data) == {"plan", "tasks"}
    assert set(data["tasks"][0]) == {
        "code", "title", "lead_units", "support_units", "due", "recurrence", "report_day",
    }  # fmt: skip


def test_a_workbook_without_a_task_table_is_refused(tmp_path):
    book = Workbook()
    book.active.append(["Khoản mục", "Số tiền (triệu đồng)"])
    book.active.append(["Mua máy tính", 120])
    book.save(tmp_path / "ds.xlsx")
    with pytest.raises(PlanFileError, match="không trang nào có bảng phân công"):
        read_plan(tmp_path / "ds.xlsx")


def test_a_renamed_file_that_is_not_excel_is_refused(tmp_path):
    (tmp_path / "x.xlsx").write_bytes(b"not a zip")
    with pytest.raises(PlanFileError, match="không phải tệp Excel"):
        read_plan(tmp_path / "x.xlsx")


def test_a_csv_plan_with_vietnamese_headers_and_dates(tmp_path):
    plan = tmp_path / "ke-hoach.csv"
    plan.write_text(
        "STT,Nội dung nhiệm vụ,Chủ trì,Phối hợp,Thời hạn,Định kỳ,Tên kế hoạch,Ngày ban hành\n"
        "1,Rà soát thủ tục,Phòng Tư pháp huyện,Phòng Nội vụ huyện; Văn phòng HĐND và UBND huyện,"
        "31/03/2025,,Kế hoạch CCHC năm 2025,10/02/2025\n"
        "2,Báo cáo định kỳ,Phòng Nội vụ huyện,,,hằng quý,,\n",
        encoding="utf-8",
    )
    document = read_plan(plan)
    assert document.plan.title == "Kế hoạch CCHC năm 2025"
    assert document.plan.issued_on == date(2025, 2, 10)
    first, second = document.tasks
    assert (first.code, first.title, first.due) == ("1", "Rà soát thủ tục", date(2025, 3, 31))
    assert first.support_units == ["Phòng Nội vụ huyện", "Văn phòng HĐND và UBND huyện"]
    assert second.recurrence.value == "quarterly" and second.due is None
