"""The plan header read from letterheads, titles, intros and signature blocks."""

from __future__ import annotations

from datetime import date

import pytest

from bot.planparse.casing import sentence_case
from bot.planparse.header import read_header
from bot.planparse.lines import text_lines

LAYOUT = """\
     UBND TỈNH THÁI BÌNH                  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
   SỞ NỘI VỤ                                  Độc lập - Tự do - Hạnh phúc
   Số:  210 /KH-SNV                        Thái Bình, ngày 3 tháng 11 năm 2025
                               KẾ HOẠCH
          TUYỂN DỤNG CÔNG CHỨC TỈNH THÁI BÌNH NĂM 2025
   Căn cứ Luật Cán bộ, công chức năm 2008;
   Nơi nhận:                                             KT. GIÁM ĐỐC
   - Như trên;                                          PHÓ GIÁM ĐỐC
   - Lưu: VT.                                              (Đã ký)
                                                       Hoàng Văn Bình
"""
PARTY = """\
ĐẢNG BỘ HUYỆN ĐÔNG HƯNG
ĐẢNG ỦY XÃ ĐÔNG HÀ
*
Số 07-KH/ĐU
Đông Hà, ngày 10 tháng 01 năm 2025
KẾ HOẠCH
Thực hiện Nghị quyết số 12-NQ/HU ngày 5/1/2025
của Ban Chấp hành Đảng bộ huyện
Căn cứ Điều lệ Đảng;
T/M ĐẢNG ỦY
BÍ THƯ
Trần Văn Tâm
"""
NO_LETTERHEAD = """\
KẾ HOẠCH
Tổ chức các hoạt động kỷ niệm 50 năm Ngày giải phóng miền Nam
Ngày 02/4/2025, Thường trực Huyện ủy ban hành Thông báo số 150-TB/HU. Để thực hiện tốt,
Ban Thường vụ Huyện ủy ban hành Kế hoạch như sau:
PHÓ BÍ THƯ THƯỜNG TRỰC
Lê Thị Mai
"""


@pytest.mark.parametrize(
    ("text", "number", "title", "issuer", "issued_on", "signed_by"),
    [
        (
            LAYOUT,
            "210/KH-SNV",
            "Kế hoạch tuyển dụng công chức tỉnh Thái Bình năm 2025",
            "Sở Nội vụ",
            date(2025, 11, 3),
            "Hoàng Văn Bình",
        ),
        (
            PARTY,
            "07-KH/ĐU",
            "Kế hoạch thực hiện Nghị quyết số 12-NQ/HU ngày 5/1/2025 của Ban Chấp hành Đảng bộ huyện",
            "Đảng ủy xã Đông Hà",
            date(2025, 1, 10),
            "Trần Văn Tâm",
        ),
        (
            NO_LETTERHEAD,
            None,
            "Kế hoạch tổ chức các hoạt động kỷ niệm 50 năm Ngày giải phóng miền Nam",
            "Ban Thường vụ Huyện ủy",
            None,
            "Lê Thị Mai",
        ),
    ],
)
def test_header(text, number, title, issuer, issued_on, signed_by):
    header = read_header(text_lines(text))
    assert (header.number, header.title, header.issuer) == (number, title, issuer)
    assert (header.issued_on, header.signed_by) == (issued_on, signed_by)


@pytest.mark.parametrize(
    ("shouted", "said"),
    [
        ("ỦY BAN NHÂN DÂN HUYỆN ĐÔNG HƯNG", "Ủy ban nhân dân huyện Đông Hưng"),
        ("HUYỆN ỦY KIẾN XƯƠNG", "Huyện ủy Kiến Xương"),
        ("CHUYỂN ĐỔI SỐ HUYỆN VŨ THƯ NĂM 2025", "Chuyển đổi số huyện Vũ Thư năm 2025"),
        (
            "THỰC HIỆN CHỈ THỊ SỐ 35-CT/TW CỦA BỘ CHÍNH TRỊ",
            "Thực hiện Chỉ thị số 35-CT/TW của Bộ Chính trị",
        ),
        ("UBND các xã, thị trấn", "UBND các xã, thị trấn"),
    ],
)
def test_sentence_case(shouted, said):
    assert sentence_case(shouted) == said
