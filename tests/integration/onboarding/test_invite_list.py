"""`dondoc invite --from LIST`: a contact list becomes invites (all or none) and printable sheets."""

from __future__ import annotations

import json
import sqlite3
import zipfile

import docx
from openpyxl import Workbook

from tests.integration.foundation.test_cli import EXAMPLE, dondoc

BOT = {"TELEGRAM_BOT_USERNAME": "dondoc_test_bot"}


def contact_xlsx(path, rows):
    """A list as offices make them: a title, a blank row, reordered headers, an extra column."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append(["DANH SÁCH ĐẦU MỐI THAM GIA TRỢ LÝ ĐÔN ĐỐC"])
    sheet.merge_cells("A1:F1")
    sheet.append([])
    sheet.append(["STT", "Họ và tên", "Chức vụ", "Ghi chú", "Vai trò", "don vi"])
    for number, row in enumerate(rows, 1):
        sheet.append([number, *row])
    book.create_sheet("Hướng dẫn").append(["Điền đủ các cột"])
    book.save(path)
    return path


def invites_in(tmp_path):
    with sqlite3.connect(tmp_path / "cli.db") as connection:
        return connection.execute(
            "SELECT invitee_name, role, invitee_title FROM invites ORDER BY id"
        ).fetchall()


def test_a_contact_list_becomes_invites_and_sheets(tmp_path):
    assert dondoc(tmp_path, "import", str(EXAMPLE)).returncode == 0
    people = contact_xlsx(tmp_path / "ds.xlsx", [
        ["Nguyễn Thị Hoa", "Chuyên viên", "họp sáng", "Đầu mối", "Phòng Nội vụ"],
        ["Lê Văn Nam", "Phó Trưởng phòng", "", "đầu mối", "phong van hoa va thong tin huyen"],
        ["Trần Bình", "Chủ tịch", "", "Lãnh đạo", ""],
        ["Phạm An", "Chánh Văn phòng", "", "Văn phòng", "VP HĐND và UBND huyện"],
    ])  # fmt: skip
    sheets = tmp_path / "phieu.docx"
    result = dondoc(tmp_path, "invite", "--from", str(people), "--json", "-o", str(sheets), env=BOT)
    assert result.returncode == 0, result.stderr
    issued = json.loads(result.stdout)
    assert [(i["name"], i["unit"], i["role"]) for i in issued] == [
        ("Nguyễn Thị Hoa", "Phòng Nội vụ huyện", "contact"),
        ("Lê Văn Nam", "Phòng Văn hóa và Thông tin huyện", "contact"),
        ("Trần Bình", None, "leader"),
        ("Phạm An", "Văn phòng HĐND và UBND huyện", "admin"),
    ]
    assert len({i["code"] for i in issued}) == 4
    assert issued[0]["link"] == f"https://t.me/dondoc_test_bot?start={issued[0]['code']}"
    assert issued[0]["expires"].startswith(tuple("23"))
    assert invites_in(tmp_path)[1] == ("Lê Văn Nam", "contact", "Phó Trưởng phòng")
    document = docx.Document(str(sheets))
    text = "\n".join(p.text for p in document.paragraphs)
    assert text.count("GIẤY MỜI THAM GIA TRỢ LÝ ĐÔN ĐỐC") == 4
    assert f"Mã mời (dùng cho Zalo): {issued[1]['code']}" in text
    assert "Đơn vị: Phòng Văn hóa và Thông tin huyện" in text and "Vai trò: lãnh đạo" in text
    with zipfile.ZipFile(sheets) as package:
        assert len([n for n in package.namelist() if n.endswith(".png")]) == 4


def test_an_unknown_unit_stops_the_whole_list(tmp_path):
    dondoc(tmp_path, "import", str(EXAMPLE))
    people = contact_xlsx(tmp_path / "ds.xlsx", [
        ["Nguyễn Thị Hoa", "Chuyên viên", "", "Đầu mối", "Phòng Nội vụ"],
        ["Lê Văn Nam", "Chuyên viên", "", "Đầu mối", "Phòng Y tế huyện"],
        ["Đỗ Minh", "Chuyên viên", "", "Đầu mối", "Phòng Tư pháp"],
    ])  # fmt: skip
    result = dondoc(tmp_path, "invite", "--from", str(people), "--json")
    assert result.returncode == 1
    assert "dòng 5" in result.stderr and "Phòng Y tế huyện" in result.stderr
    assert invites_in(tmp_path) == []


def test_bad_rows_are_all_named(tmp_path):
    dondoc(tmp_path, "import", str(EXAMPLE))
    bad = tmp_path / "ds.csv"
    bad.write_text(
        "Đơn vị;Họ và tên;Vai trò;Số điện thoại\n"
        "Phòng Nội vụ huyện;Nguyễn Hoa;đầu mối;0912000111\n"
        "Phòng Tư pháp huyện;;đầu mối;\n"
        ";Lê Nam;Đầu mối;\n"
        "Phòng Tư pháp huyện;Trần Bình;thư ký;\n",
        encoding="utf-8",
    )
    result = dondoc(tmp_path, "invite", "--from", str(bad))
    assert result.returncode == 1
    for problem in ("dòng 3: thiếu họ và tên", "dòng 4: thiếu đơn vị", "dòng 5: vai trò “thư ký”"):
        assert problem in result.stderr
    assert invites_in(tmp_path) == []


def test_an_ambiguous_unit_lists_the_candidates(tmp_path):
    dondoc(tmp_path, "import", str(EXAMPLE))
    for unit in ("Công an huyện", "Công an xã Đông Hà"):
        dondoc(tmp_path, "task", "add", f"CA-{unit[-2:]}", "--title", "Việc", "--lead", unit,
               "--new-unit")  # fmt: skip
    dondoc(tmp_path, "task", "add", "CA3", "--title", "Việc", "--lead", "Công an xã", "--new-unit")
    listing = tmp_path / "ds.csv"
    listing.write_text("Đơn vị,Họ và tên\nCông an,Nguyễn Hoa\n", encoding="utf-8")
    result = dondoc(tmp_path, "invite", "--from", str(listing))
    assert result.returncode == 1
    assert "khớp nhiều đơn vị: Công an huyện; Công an xã." in result.stderr


def test_pdf_sheets_come_from_libreoffice_or_are_refused(tmp_path):
    import shutil

    dondoc(tmp_path, "import", str(EXAMPLE))
    listing = tmp_path / "ds.csv"
    listing.write_text("Đơn vị,Họ và tên\nPhòng Nội vụ,Nguyễn Hoa\n", encoding="utf-8")
    result = dondoc(tmp_path, "invite", "--from", str(listing), "-o", str(tmp_path / "p.pdf"))
    assert "không có mã QR" in result.stderr  # no TELEGRAM_BOT_USERNAME here
    if shutil.which("soffice") or shutil.which("libreoffice"):
        assert result.returncode == 0, result.stderr
        assert (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF")
    else:
        assert result.returncode == 1 and "LibreOffice" in result.stderr
