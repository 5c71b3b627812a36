"""The one unit-name normalizer: keys, display names, groups and list splitting."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.unitnames import clean_name, fold_spelling, looks_like_group, split_units, unit_key


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("UBND huyện", "Ủy ban nhân dân huyện"),
        ("Uỷ ban nhân dân huyện", "ủy ban nhân dân huyện"),
        ("Mặt trận", "Ủy ban MTTQ Việt Nam huyện"),
        ("UBMTTQ", "Ủy ban MTTQ Việt Nam huyện"),
        ("Ủy ban Mặt trận Tổ quốc", "Ủy ban MTTQ Việt Nam huyện"),
        ("UBMTTQVN huyện", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện"),
        ("các tổ chức chính trị xã hội huyện", "Các tổ chức chính trị - xã hội huyện"),
        ("Văn phòng HĐND và UBND huyện", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện"),
        ("Trung tâm Văn hoá, Thể thao", "Trung tâm Văn hóa, Thể thao"),
        ("Phòng Kinh tế và Hạ tầng huyện.", "  phòng kinh tế và hạ tầng huyện "),
        ("các cơ quan, ban ngành", "Các cơ quan ban ngành"),
    ],
)
def test_same_unit_same_key(one, other):
    assert unit_key(one) == unit_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("UBND huyện", "UBND tỉnh"),
        ("Ủy ban MTTQ Việt Nam huyện", "Ủy ban MTTQ Việt Nam tỉnh"),
        ("Phòng Nội vụ", "Phòng Tư pháp"),
    ],
)
def test_different_units_different_keys(one, other):
    assert unit_key(one) != unit_key(other)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Ủy ban nhân dân huyện", "UBND huyện"),
        ("mặt trận", "Ủy ban MTTQ Việt Nam huyện"),
        ("UBMTTQ tỉnh", "Ủy ban MTTQ Việt Nam tỉnh"),
        ("các tổ chức chính trị xã hội huyện", "Các tổ chức chính trị - xã hội huyện"),
        ("- Phòng Nội vụ (cơ quan thường trực);", "Phòng Nội vụ"),
        ("Uỷ ban Kiểm tra Huyện uỷ", "Ủy ban Kiểm tra Huyện ủy"),
    ],
)
def test_display_names(raw, shown):
    assert clean_name(raw) == shown


def test_tone_placement_moves_only_in_open_syllables():
    assert fold_spelling("hoà, khoẻ, thuỷ, Uỷ ban, HOÀ") == "hòa, khỏe, thủy, Ủy ban, HÒA"
    assert fold_spelling("Kế hoạch toàn diện, Quý III, quỹ") == "Kế hoạch toàn diện, Quý III, quỹ"


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("UBND huyện, các cấp ủy Đảng", ["UBND huyện", "Các cấp ủy Đảng"]),
        (
            "Mặt trận, các tổ chức chính trị xã hội huyện, các cơ quan, đơn vị trên địa bàn huyện",
            [
                "Ủy ban MTTQ Việt Nam huyện",
                "Các tổ chức chính trị - xã hội huyện",
                "Các cơ quan, đơn vị trên địa bàn huyện",
            ],
        ),
        (
            "Ban Tuyên giáo Huyện ủy và các cơ quan, ban ngành liên quan",
            ["Ban Tuyên giáo Huyện ủy", "Các cơ quan, ban ngành liên quan"],
        ),
        (
            "Văn phòng HĐND và UBND huyện; Trung tâm Viễn thông Đông Hưng",
            ["Văn phòng HĐND và UBND huyện", "Trung tâm Viễn thông Đông Hưng"],
        ),
        (
            "Thủ trưởng các cơ quan, đơn vị; Chủ tịch UBND các xã, thị trấn",
            ["Thủ trưởng các cơ quan, đơn vị", "Chủ tịch UBND các xã, thị trấn"],
        ),
        (
            "Trung tâm Văn hóa, Thể thao và Truyền thanh huyện, Phòng Lao động - Thương binh và Xã hội",
            [
                "Trung tâm Văn hóa, Thể thao và Truyền thanh huyện",
                "Phòng Lao động - Thương binh và Xã hội",
            ],
        ),
        (
            "Hội Nông dân, Hội Cựu chiến binh, Hội Liên hiệp Phụ nữ, Huyện đoàn",
            ["Hội Nông dân", "Hội Cựu chiến binh", "Hội Liên hiệp Phụ nữ", "Huyện đoàn"],
        ),
        (
            "Phòng Nội vụ\nPhòng Tài chính - Kế hoạch",
            ["Phòng Nội vụ", "Phòng Tài chính - Kế hoạch"],
        ),
        ("UBND huyện, Ủy ban nhân dân huyện", ["UBND huyện"]),
        ("", []),
    ],
)
def test_split_units(text, units):
    assert split_units(text) == units


@pytest.mark.parametrize(
    ("name", "group"),
    [
        ("các cơ quan, ban ngành liên quan", True),
        ("UBND các xã, thị trấn", True),
        ("Thủ trưởng các cơ quan, đơn vị", True),
        ("Phòng Nội vụ", False),
        ("UBND huyện", False),
    ],
)
def test_groups(name, group):
    assert looks_like_group(name) is group


NAME_PARTS = st.sampled_from(
    [
        "UBND", "Ủy ban nhân dân", "Uỷ ban", "Mặt trận", "MTTQ", "Phòng", "Văn hoá", "Thông tin",
        "huyện", "xã", "các", "cơ quan", "đơn vị", "thị trấn", "chính trị - xã hội", "Hoà Bình",
        "Quỹ", "Kế hoạch", "và", ",", ";", "Hội", "Phụ nữ", "liên quan", "Đông Hưng", "(chủ trì)",
    ]
)  # fmt: skip
NAMES = st.lists(NAME_PARTS, min_size=1, max_size=8).map(" ".join)


@given(NAMES)
def test_display_name_keeps_the_key_and_is_stable(name):
    shown = clean_name(name)
    assert clean_name(shown) == shown
    if "(" not in name:
        assert unit_key(shown) == unit_key(name)


@given(st.text(max_size=80))
def test_normalizing_twice_changes_nothing(text):
    assert fold_spelling(fold_spelling(text)) == fold_spelling(text)
    assert unit_key(unit_key(text)) == unit_key(text)


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,;]+", fold_spelling(text)) if w and w != "và"]


@given(NAMES)
def test_splitting_never_loses_text(text):
    assert _words(" ".join(split_units(text, display=False))) == _words(text)
