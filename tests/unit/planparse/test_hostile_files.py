"""Hostile plan files are refused cheaply, with one clear Vietnamese line naming file and row."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from bot.plandoc import PlanFileError
from bot.planparse import read_plan
from bot.planparse.archive_limits import MAX_MEMBER_BYTES, check_archive
from bot.planparse.yamlsafe import MAX_DEPTH, MAX_NODES
from tests.unit.planparse.builders import alias_bomb, zip_bomb_docx

HEAD = 'plan: {title: "Kế hoạch thử"}\ntasks:\n'


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def refusal(path: Path) -> str:
    with pytest.raises(PlanFileError) as caught:
        read_plan(path)
    return str(caught.value)


def test_the_alias_bomb_of_the_issue_is_refused_at_its_first_anchor(tmp_path):
    path = write(tmp_path, "bom.yaml", alias_bomb())
    assert len(path.read_bytes()) < 1000
    assert refusal(path) == "bom.yaml, dòng 6: không hỗ trợ tham chiếu YAML (&anchor, *alias)."


def test_an_anchor_alone_is_refused_too(tmp_path):
    text = HEAD + '  - &t {code: "1", title: Việc một}\n'
    assert "tham chiếu YAML" in refusal(write(tmp_path, "a.yaml", text))


def test_deep_nesting_is_refused_before_python_recursion(tmp_path):
    text = HEAD + '  - code: "1"\n    title: x\n    extra: ' + "[" * 5000 + "]" * 5000 + "\n"
    message = refusal(write(tmp_path, "sau.yaml", text))
    assert message == f"sau.yaml, dòng 5: lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp)."


def test_too_many_nodes_are_refused_before_validation(tmp_path):
    text = HEAD + '  - code: "1"\n    title: x\n    extra: [' + "1," * MAX_NODES + "1]\n"
    assert f"quá nhiều phần tử (tối đa {MAX_NODES})" in refusal(write(tmp_path, "n.yaml", text))


def test_a_structured_file_over_the_size_cap_is_refused_unread(tmp_path):
    text = HEAD + "#" + "x" * (2 * 1024 * 1024) + "\n"
    assert refusal(write(tmp_path, "lon.yaml", text)) == (
        "lon.yaml: tệp quá lớn (2048 KB; tối đa 2048 KB)."
    )


def test_an_impossible_yaml_date_is_one_line_naming_file_and_row(tmp_path):
    text = HEAD + '  - code: "1"\n    title: Việc một\n    due: 2025-13-01\n'
    assert refusal(write(tmp_path, "kh.yaml", text)) == (
        "kh.yaml, dòng 5: thời hạn (due) không phải ngày hợp lệ (dạng YYYY-MM-DD)"
    )


def test_an_impossible_csv_date_is_one_line_naming_file_and_row(tmp_path):
    text = "code,title,due\n1,Việc một,2025-03-31\n2,Việc hai,2025-02-30\n"
    assert refusal(write(tmp_path, "kh.csv", text)) == (
        "kh.csv, dòng 3: thời hạn (due) không phải ngày hợp lệ (dạng YYYY-MM-DD)"
    )


def test_a_128_kb_csv_cell_is_a_clear_line_not_a_traceback(tmp_path):
    text = "code,title\n1,Việc một\n2," + "x" * 140_000 + "\n"
    assert refusal(write(tmp_path, "o.csv", text)) == (
        "o.csv, dòng 3: CSV không đọc được — ô dài quá 128 KB hoặc có ký tự lạ."
    )


@pytest.mark.parametrize(
    "extra",
    [
        "{a: {b: 1}}",
        "[1, 2]",
        "{" + ", ".join(f"k{n}: 1" for n in range(51)) + "}",
        "{a: " + "x" * 5001 + "}",
    ],
)
def test_extra_is_flat_few_and_short(tmp_path, extra):
    text = HEAD + f'  - code: "1"\n    title: Việc một\n    extra: {extra}\n'
    message = refusal(write(tmp_path, "e.yaml", text))
    assert message.startswith("e.yaml, dòng 5: thông tin thêm (extra")
    assert len(message) < 200 and "\n" not in message


def test_a_flat_extra_is_kept(tmp_path):
    text = (
        HEAD + '  - code: "1"\n    title: Việc một\n    extra: {Sản phẩm: Báo cáo, Kinh phí: 5}\n'
    )
    [task] = read_plan(write(tmp_path, "e.yaml", text)).tasks
    assert task.extra == {"Sản phẩm": "Báo cáo", "Kinh phí": 5}


def test_many_problems_are_listed_ten_and_counted(tmp_path):
    rows = "".join(f"{n},Việc {n},2025-13-01\n" for n in range(1, 31))
    lines = refusal(write(tmp_path, "x.csv", "code,title,due\n" + rows)).split("\n")
    assert len(lines) == 11 and lines[-1] == "… và 20 lỗi khác."


def test_a_docx_zip_bomb_is_refused_from_its_directory(tmp_path):
    path = tmp_path / "bom.docx"
    path.write_bytes(zip_bomb_docx(inflated=MAX_MEMBER_BYTES + 2 * 1024 * 1024))
    assert path.stat().st_size < 200_000
    message = refusal(path)
    assert message.startswith("bom.docx: phần word/document.xml giải nén ra 51 MB")
    assert message.endswith("— tệp bất thường, không đọc.")


def test_a_highly_compressed_part_is_refused_below_the_size_cap(tmp_path):
    bomb = zip_bomb_docx(inflated=20 * 1024 * 1024)
    with pytest.raises(PlanFileError, match=r"nén [0-9]+ lần"):
        check_archive(bomb, "x.xlsx")  # bytes work as well as a path


def test_an_ordinary_docx_passes_the_archive_check(tmp_path):
    document = docx.Document()
    document.add_paragraph("Kế hoạch")
    buffer = io.BytesIO()
    document.save(buffer)
    check_archive(buffer.getvalue(), "kh.docx")
    with zipfile.ZipFile(buffer) as archive:
        assert archive.testzip() is None


def test_a_docx_keeps_items_numbered_past_999(tmp_path):
    document = docx.Document()
    for line in ("KẾ HOẠCH", "Thực hiện nhiệm vụ năm 2025", "I. NHIỆM VỤ, GIẢI PHÁP"):
        document.add_paragraph(line)
    for n in range(1, 1006):
        text = f"Phòng Nội vụ huyện chủ trì thực hiện nội dung số {n} của Kế hoạch."
        document.add_paragraph(text, style="List Number")
    document.save(str(tmp_path / "dai.docx"))
    tasks = read_plan(tmp_path / "dai.docx").tasks
    assert len(tasks) == 1005
    assert tasks[-1].code == "I.1005" and tasks[-1].title == "Nội dung số 1005 của Kế hoạch"
