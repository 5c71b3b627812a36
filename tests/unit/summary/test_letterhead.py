"""The form, place, number and recipients a plan's documents are headed with."""

from __future__ import annotations

import pytest

from bot.services.exports.letterhead import is_party_body, letterhead, locality, recipient_lines


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("Huyện ủy Đông Hưng", "Đông Hưng"),
        ("Huyện uỷ Đông Hưng", "Đông Hưng"),
        ("UBND huyện Đông Hưng", "Đông Hưng"),
        ("Ủy ban nhân dân huyện Đông Hưng", "Đông Hưng"),
        ("Ban Tuyên giáo Huyện ủy Đông Hưng", "Đông Hưng"),
        ("Đảng ủy xã Đông Hà", "Đông Hà"),
        ("Sở Tài chính tỉnh Thái Bình", "Thái Bình"),
        ("UBND Thành phố Thái Bình", "Thái Bình"),
        ("Ban Thường vụ Huyện ủy", None),
        ("Huyện ủy", None),
        ("UBND các xã, thị trấn", None),
        (None, None),
    ],
)
def test_the_place_is_the_locality_never_a_fragment_of_the_body(name, place):
    assert locality(name) == place


@pytest.mark.parametrize(
    ("issuer", "party"),
    [
        ("Huyện ủy Đông Hưng", True), ("Ban Thường vụ Huyện uỷ", True), ("Đảng ủy xã Đông Hà", True),
        ("Ban Tuyên giáo Huyện ủy", True), ("Tỉnh ủy Thái Bình", True),
        ("UBND huyện Đông Hưng", False), ("Sở Tài chính tỉnh Thái Bình", False),
        ("Phòng Nội vụ huyện", False), (None, False),
    ],
)  # fmt: skip
def test_party_bodies_are_told_from_state_bodies(issuer, party):
    assert is_party_body(issuer) is party


def test_a_party_plan_gets_the_party_form_and_its_office_code():
    head = letterhead("Ban Thường vụ Huyện ủy Đông Hưng", {})
    assert (head.form, head.superior, head.office) == ("party", "HUYỆN ỦY ĐÔNG HƯNG", "VĂN PHÒNG")
    assert head.place == "Đông Hưng" and head.body == "Huyện ủy"
    assert head.number("BC") == "Số        -BC/VPHU"
    assert recipient_lines(head) == [
        "- Thường trực Huyện ủy (để báo cáo),", "- Các đồng chí Ủy viên Ban Thường vụ,",
        "- Các cơ quan, đơn vị liên quan,", "- Lưu Văn phòng.",
    ]  # fmt: skip


def test_a_state_plan_gets_the_state_form():
    head = letterhead("UBND huyện Đông Hưng", {})
    assert (head.form, head.superior, head.place) == ("state", "UBND HUYỆN ĐÔNG HƯNG", "Đông Hưng")
    assert head.number("BC") == "Số:        /BC-VP"
    assert recipient_lines(head)[-1] == "- Lưu: VT." and recipient_lines(head)[0].endswith(";")


def test_settings_win_over_what_the_issuer_says():
    settings = {
        "form": "state", "place": "Mê Linh", "office_code": "VPUB", "signer_name": "Trần Thị Mai",
        "signer_title": "Phó Chánh Văn phòng", "on_behalf": "KT. Chánh Văn phòng",
        "recipients": ["Thường trực Huyện ủy", "Lưu VT"],
    }  # fmt: skip
    head = letterhead("Huyện ủy", settings)
    assert (head.form, head.place, head.number("BC")) == ("state", "Mê Linh", "Số:        /BC-VPUB")
    assert (head.signer_title, head.signer_name) == ("PHÓ CHÁNH VĂN PHÒNG", "Trần Thị Mai")
    assert recipient_lines(head) == ["- Thường trực Huyện ủy;", "- Lưu VT."]


def test_an_issuer_without_a_locality_leaves_the_place_to_fill_in():
    assert letterhead("Ban Thường vụ Huyện ủy", {}).place == "……………"
