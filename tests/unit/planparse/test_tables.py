"""Assignment tables: columns found by header wording in any order."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain import Recurrence
from bot.planparse.tables import Table, is_assignment_table, table_tasks

ROW = {
    "code": "1",
    "title": "Tổ chức tập huấn kỹ năng số\n- cho cán bộ cấp xã",
    "lead": "Phòng Nội vụ huyện",
    "support": "Phòng Văn hóa và Thông tin huyện;\nUBND các xã, thị trấn",
    "due": "Quý III/2025",
    "product": "Báo cáo kết quả",
}


@pytest.mark.parametrize(
    "headers",
    [
        {"code": "STT", "title": "Nội dung nhiệm vụ", "lead": "Cơ quan chủ trì",
         "support": "Cơ quan phối hợp", "due": "Thời gian hoàn thành", "product": "Sản phẩm"},
        {"lead": "Đơn vị chủ trì", "code": "TT", "due": "Thời hạn", "product": "Sản phẩm",
         "title": "Nhiệm vụ", "support": "Đơn vị phối hợp"},
        {"title": "Nội dung công việc", "support": "Cơ quan, đơn vị phối hợp", "due": "Thời gian",
         "product": "Sản phẩm", "code": "Số TT", "lead": "Cơ quan, đơn vị chủ trì"},
    ],
)  # fmt: skip
def test_columns_in_any_order_and_wording(headers):
    order = list(headers)
    table = Table(1, [[headers[k] for k in order], [ROW[k] for k in order]])
    (task,) = table_tasks(table, year=2025)
    assert task.code == "1"
    assert task.title == "Tổ chức tập huấn kỹ năng số"
    assert task.lead_units == ["Phòng Nội vụ huyện"]
    assert task.support_units == ["Phòng Văn hóa và Thông tin huyện", "UBND các xã, thị trấn"]
    assert task.due == date(2025, 9, 30)
    assert task.extra == {"Sản phẩm": "Báo cáo kết quả"}
    assert task.source == "bảng 1, dòng 2"


def test_two_row_header_and_column_numbers():
    rows = [
        ["STT", "Nội dung", "Cơ quan thực hiện", "Cơ quan thực hiện", "Thời gian"],
        ["STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"],
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        [
            "1",
            "Rà soát dữ liệu dân cư",
            "Công an huyện",
            "UBND các xã, thị trấn",
            "Hằng tháng, trước ngày 25",
        ],
    ]
    (task,) = table_tasks(Table(2, rows), year=None)
    assert (task.lead_units, task.support_units) == (["Công an huyện"], ["UBND các xã, thị trấn"])
    assert (task.recurrence, task.report_day) == (Recurrence.MONTHLY, 25)


def test_one_column_for_both_lead_and_support():
    rows = [
        ["TT", "Nhiệm vụ", "Đơn vị thực hiện", "Thời hạn"],
        [
            "1",
            "Kiểm tra an toàn thực phẩm",
            "Công an xã chủ trì; Trạm Y tế xã phối hợp",
            "Trước 30/9/2025",
        ],
    ]
    (task,) = table_tasks(Table(1, rows), year=None)
    assert (task.lead_units, task.support_units) == (["Công an xã"], ["Trạm Y tế xã"])


def test_group_rows_prefix_restarted_numbers():
    rows = [
        ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"],
        ["I", "Chuẩn bị", "Chuẩn bị", "Chuẩn bị"],
        ["1", "Việc một", "Phòng Nội vụ", "Tháng 3/2025"],
        ["II", "Triển khai", "Triển khai", "Triển khai"],
        ["1", "Việc hai", "Phòng Tư pháp", "Tháng 5/2025"],
    ]
    assert [t.code for t in table_tasks(Table(1, rows), year=None)] == ["I.1", "II.1"]


def test_missing_number_and_deadline_are_flagged():
    rows = [["Nội dung", "Chủ trì"], ["Tổng kết năm 2025", "Phòng Nội vụ"]]
    (task,) = table_tasks(Table(3, rows), year=None)
    assert task.code == "B3.2"
    assert task.due == date(2025, 12, 31)
    assert task.low_confidence == ["code", "due"]
    assert task.confidence < 1


@pytest.mark.parametrize(
    "rows",
    [
        [["ỦY BAN NHÂN DÂN\nHUYỆN ĐÔNG HƯNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]],
        [["Nơi nhận:\n- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"]],
        [["Họ và tên", "Chức vụ"], ["Nguyễn Văn A", "Chủ tịch"]],
    ],
)
def test_other_tables_are_not_assignment_tables(rows):
    assert not is_assignment_table(rows)
