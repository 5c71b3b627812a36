"""Files that are not plans are refused with a clear Vietnamese message."""

from __future__ import annotations

import os

import docx
import matplotlib
import pytest

from bot.plandoc import PlanFileError
from bot.planparse import read_plan

JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000") + os.urandom(2000)
NEWS = """Sáng 12/3, tại Hội trường UBND huyện, Hội Nông dân huyện tổ chức hội nghị
tổng kết công tác năm 2024. Dự hội nghị có đại diện lãnh đạo các cơ quan, đơn vị.
Năm 2024, phong trào nông dân thi đua sản xuất, kinh doanh giỏi tiếp tục phát triển.
"""
LETTER = """ỦY BAN NHÂN DÂN HUYỆN ĐÔNG HƯNG
Số: 12/GM-UBND
GIẤY MỜI
Ủy ban nhân dân huyện trân trọng kính mời đồng chí Trưởng phòng Nội vụ dự họp
vào hồi 8 giờ ngày 20/3/2025 tại Hội trường UBND huyện.
"""
PURPOSE_ONLY = """KẾ HOẠCH
Tổ chức Hội nghị tổng kết năm 2024
I. MỤC ĐÍCH, YÊU CẦU
1. Đánh giá kết quả thực hiện nhiệm vụ năm 2024.
2. Hội nghị tổ chức trang trọng, tiết kiệm.
"""


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("trong.txt", b"", "tệp trống"),
        ("khoang-trang.txt", b"  \n\n \t\n", "tệp trống"),
        ("anh.docx", JPEG, "không phải tệp Word"),
        ("ngau-nhien.docx", os.urandom(4096), "không phải tệp Word"),
        ("ngau-nhien.pdf", os.urandom(4096), "không phải tệp PDF"),
        ("nhi-phan.txt", bytes(range(256)) * 8, "không phải"),
        ("latin1.txt", "Kế hoạch".encode("cp1258", errors="replace") + b"\xff\xfe\xfa", "UTF-8"),
        ("tin-tuc.txt", NEWS.encode(), "không tìm thấy nhiệm vụ"),
        ("giay-moi.txt", LETTER.encode(), "không tìm thấy nhiệm vụ"),
        ("chi-muc-dich.txt", PURPOSE_ONLY.encode(), "không tìm thấy nhiệm vụ"),
    ],
)
def test_not_a_plan(tmp_path, name, content, says):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(PlanFileError) as error:
        read_plan(path)
    assert says in str(error.value)
    assert name in str(error.value)


def test_empty_docx(tmp_path):
    path = tmp_path / "rong.docx"
    docx.Document().save(str(path))
    with pytest.raises(PlanFileError, match="không có nội dung"):
        read_plan(path)


def test_scanned_pdf_without_text_layer(tmp_path):
    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure = pyplot.figure(figsize=(8.27, 11.69))
    figure.add_artist(pyplot.Rectangle((0.1, 0.1), 0.8, 0.8, fill=False))
    path = tmp_path / "ban-quet.pdf"
    figure.savefig(path)
    pyplot.close(figure)
    with pytest.raises(PlanFileError, match="không có lớp chữ"):
        read_plan(path)


def test_unknown_extension_names_the_supported_ones(tmp_path):
    path = tmp_path / "ke-hoach.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(PlanFileError, match=r"\.docx.*\.pdf.*\.txt"):
        read_plan(path)
