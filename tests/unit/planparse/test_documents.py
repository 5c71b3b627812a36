"""Whole plans: the shared samples and our own fixtures reproduce their `*.expected.json`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import docx
import pytest

from bench.hostile_files import FIXTURES, SAMPLES, render_pdf
from bot.domain import Recurrence
from bot.planparse import read_plan
from tests.unit.planparse.checks import assert_matches

SAMPLE_FILES = ["ke-hoach-730-khcn.txt", "ke-hoach-112-chuyen-doi-so.docx"]
TEXT_FIXTURES = ["ke-hoach-85-cai-cach-hanh-chinh.txt", "ke-hoach-45-dai-hoi-dang-bo.txt"]
DOCX_FIXTURES = ["ke-hoach-27-phong-chong-thien-tai.docx", "ke-hoach-15-an-toan-thuc-pham.docx"]


def _expected(folder: Path, name: str) -> dict:
    stem = name.split(".")[0]
    return json.loads((folder / f"{stem}.expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_sample_reproduces_expected(name):
    assert_matches(read_plan(SAMPLES / name), _expected(SAMPLES, name))


@pytest.mark.parametrize("name", TEXT_FIXTURES)
def test_text_fixture_reproduces_expected(name):
    assert_matches(read_plan(FIXTURES / name), _expected(FIXTURES, name))


@pytest.mark.parametrize("name", DOCX_FIXTURES)
def test_docx_fixture_reproduces_expected(name, built_docx):
    assert_matches(read_plan(built_docx[name]), _expected(FIXTURES, name))


@pytest.mark.parametrize(
    ("folder", "name"),
    [(SAMPLES, "ke-hoach-730-khcn.txt"), *((FIXTURES, name) for name in TEXT_FIXTURES)],
)
def test_pdf_with_text_layer_reads_like_its_text(folder, name, tmp_path):
    pdf = render_pdf((folder / name).read_text(encoding="utf-8"), tmp_path / "plan.pdf")
    assert_matches(read_plan(pdf), _expected(folder, name))


def test_every_task_points_to_its_source_and_says_how_sure_it_is(built_docx):
    documents = [read_plan(SAMPLES / name) for name in SAMPLE_FILES]
    documents.append(read_plan(built_docx[DOCX_FIXTURES[0]]))
    for task in (task for document in documents for task in document.tasks):
        assert task.source and task.source.startswith(("dòng", "đoạn", "bảng"))
        assert 0 < task.confidence <= 1
        assert (task.confidence == 1) == (not task.low_confidence)


def test_sources_name_the_line_paragraph_or_table_row():
    text = read_plan(SAMPLES / "ke-hoach-730-khcn.txt")
    assert {t.code: t.source for t in text.tasks}["II.3"] == "dòng 98"
    word = read_plan(SAMPLES / "ke-hoach-112-chuyen-doi-so.docx")
    sources = {t.code: t.source for t in word.tasks}
    assert sources["4"] == "bảng 2, dòng 5"
    assert sources["III.1"] == "đoạn 10"


def test_guessed_fields_are_flagged(built_docx):
    tasks = {t.code: t for t in read_plan(SAMPLES / "ke-hoach-730-khcn.txt").tasks}
    assert tasks["III.3"].low_confidence == ["recurrence"]  # oversight without a deadline
    assert tasks["III.1"].low_confidence == ["due"]  # nothing to remind about
    assert tasks["II.1"].low_confidence == []
    fixture = {t.code: t for t in read_plan(built_docx[DOCX_FIXTURES[0]]).tasks}
    assert "lead_units" in fixture["II.1"].low_confidence  # "Các cơ quan… quán triệt…"


def test_table_extra_columns_are_kept_by_header(built_docx):
    tasks = {t.code: t for t in read_plan(built_docx[DOCX_FIXTURES[0]]).tasks}
    assert tasks["PL.I.1"].extra == {"Sản phẩm": "Quyết định kiện toàn"}
    assert "Rà soát, bổ sung thành viên" in tasks["PL.I.1"].full_text
    notes = {t.code: t for t in read_plan(built_docx[DOCX_FIXTURES[1]]).tasks}
    assert notes["3"].extra == {"Ghi chú": "Phát 02 lần/tuần"}
    assert notes["1"].extra == {}


def test_full_text_keeps_the_whole_item():
    tasks = {t.code: t for t in read_plan(SAMPLES / "ke-hoach-730-khcn.txt").tasks}
    assert "Làm tốt công tác định hướng" in tasks["II.2"].full_text
    assert "từ nay cho đến năm 2025" in tasks["II.2"].full_text


def test_word_automatic_numbering_counts_as_written(tmp_path):
    document = docx.Document()
    for text in ("KẾ HOẠCH", "Tập huấn chuyển đổi số năm 2025", "II. NHIỆM VỤ CỤ THỂ"):
        document.add_paragraph(text)
    document.add_paragraph("Tập huấn kỹ năng số cho cán bộ cấp xã.", style="List Number")
    document.add_paragraph(
        "Phòng Nội vụ chủ trì; hoàn thành trong Quý III/2025.", style="List Bullet"
    )
    document.add_paragraph(
        "Phòng Văn hóa và Thông tin huyện chủ trì hướng dẫn; hằng quý.", style="List Number"
    )
    path = tmp_path / "tu-dong-danh-so.docx"
    document.save(str(path))
    tasks = {t.code: t for t in read_plan(path).tasks}
    assert list(tasks) == ["II.1", "II.2"]
    assert (tasks["II.1"].lead_units, tasks["II.1"].due) == (["Phòng Nội vụ"], date(2025, 9, 30))
    assert tasks["II.2"].recurrence is Recurrence.QUARTERLY


def test_bullets_that_each_assign_work_become_tasks(tmp_path):
    path = tmp_path / "gach-dau-dong.txt"
    path.write_text(
        "KẾ HOẠCH\nTriển khai công tác dân vận năm 2025\nII. NHIỆM VỤ\n"
        "1. Tăng cường công tác dân vận chính quyền\n"
        "- Phòng Nội vụ chủ trì hướng dẫn thực hiện Quy chế dân chủ; hoàn thành trong Quý II/2025.\n"
        "- Thanh tra huyện chủ trì giải quyết đơn thư của công dân; thực hiện thường xuyên.\n"
        "2. Xây dựng mô hình “Dân vận khéo”\n"
        "- Tổ chức đăng ký mô hình ở các xã, thị trấn.\n"
        "- Ban Dân vận Huyện ủy chủ trì, phối hợp với UBND các xã, thị trấn thực hiện; hằng quý.\n"
        "III. TỔ CHỨC THỰC HIỆN\n1. Các cơ quan, đơn vị:\n"
        "- Phòng Tài chính - Kế hoạch: tham mưu bố trí kinh phí thực hiện Kế hoạch.\n"
        "- Văn phòng HĐND và UBND huyện: tổng hợp, báo cáo UBND huyện định kỳ 6 tháng.\n",
        encoding="utf-8",
    )
    tasks = {t.code: t for t in read_plan(path).tasks}
    assert list(tasks) == ["II.1.1", "II.1.2", "II.2", "III.1.1", "III.1.2"]
    assert (tasks["II.1.1"].lead_units, tasks["II.1.1"].due) == (
        ["Phòng Nội vụ"],
        date(2025, 6, 30),
    )
    assert tasks["II.1.2"].title == "Giải quyết đơn thư của công dân"
    assert tasks["II.1.2"].recurrence is Recurrence.CONTINUOUS
    assert "code" in tasks["II.1.1"].low_confidence  # the plan does not number its bullets
    assert tasks["II.2"].support_units == ["UBND các xã, thị trấn"]
    assert tasks["III.1.2"].recurrence is Recurrence.SEMIANNUAL
