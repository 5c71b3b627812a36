"""Unit names as people type them: abbreviations, no diacritics, no level word."""

from __future__ import annotations

import pytest

from bot.services.unit_resolver import UnitResolver
from db.models import Unit

DISTRICT = [
    "Phòng Văn hóa và Thông tin huyện",
    "Phòng Tài chính - Kế hoạch huyện",
    "Phòng Lao động - Thương binh và Xã hội huyện",
    "Phòng Nông nghiệp và Phát triển nông thôn huyện",
    "Phòng Giáo dục và Đào tạo huyện",
    "Phòng Tài nguyên và Môi trường huyện",
    "Phòng Kinh tế - Hạ tầng huyện",
    "UBND huyện",
    "HĐND huyện",
    "Ủy ban MTTQ Việt Nam huyện",
    "Trung tâm Văn hóa - Thể thao huyện",
    "Trung tâm Văn hóa, Thông tin và Thể thao huyện",
]
COMMUNE = [
    "Văn phòng HĐND và UBND xã",
    "Phòng Kinh tế",
    "Phòng Văn hóa - Xã hội",
    "Trung tâm Phục vụ hành chính công xã",
    "Công an xã",
]


def resolver(names: list[str]) -> UnitResolver:
    from bot.unitnames import unit_key

    units = [
        Unit(id=n, key=unit_key(name), name=name, kind="body") for n, name in enumerate(names, 1)
    ]
    return UnitResolver(units, [])


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Phòng VH&TT huyện", "Phòng Văn hóa và Thông tin huyện"),
        ("phong vhtt", "Phòng Văn hóa và Thông tin huyện"),
        ("Phòng VH-TT", "Phòng Văn hóa và Thông tin huyện"),
        ("Phòng TC-KH", "Phòng Tài chính - Kế hoạch huyện"),
        ("Phòng Tài chính - Kế hoạch", "Phòng Tài chính - Kế hoạch huyện"),
        ("Phong Tai chinh Ke hoach huyen", "Phòng Tài chính - Kế hoạch huyện"),
        ("Phòng LĐ-TB&XH", "Phòng Lao động - Thương binh và Xã hội huyện"),
        ("Phòng NN&PTNT huyện", "Phòng Nông nghiệp và Phát triển nông thôn huyện"),
        ("Phòng GD&ĐT", "Phòng Giáo dục và Đào tạo huyện"),
        ("Phòng TN&MT", "Phòng Tài nguyên và Môi trường huyện"),
        ("Phòng KT-HT", "Phòng Kinh tế - Hạ tầng huyện"),
        ("UBND huyen", "UBND huyện"),
        ("Hội đồng nhân dân huyện", "HĐND huyện"),
        ("MTTQ huyện", "Ủy ban MTTQ Việt Nam huyện"),
        ("Trung tâm VH-TT huyện", "Trung tâm Văn hóa - Thể thao huyện"),
    ],
)
def test_district_names_as_typed(typed, meant):
    assert resolver(DISTRICT).resolve(typed).unit.name == meant


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("VP HĐND-UBND xã", "Văn phòng HĐND và UBND xã"),
        ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã", "Văn phòng HĐND và UBND xã"),
        ("Phòng Kinh tế xã", "Phòng Kinh tế"),
        ("Phòng VH-XH", "Phòng Văn hóa - Xã hội"),
        ("TT PVHCC xã", "Trung tâm Phục vụ hành chính công xã"),
        ("Trung tam phuc vu hanh chinh cong", "Trung tâm Phục vụ hành chính công xã"),
        ("cong an xa", "Công an xã"),
    ],
)
def test_commune_bodies_after_2025(typed, meant):
    assert resolver(COMMUNE).resolve(typed).unit.name == meant


def test_a_missing_level_word_fits_only_when_one_unit_does():
    both = resolver(["Công an huyện", "Công an xã"])
    answer = both.resolve("Công an")
    assert answer.unit is None and answer.ambiguous
    assert [unit.name for unit in answer.candidates] == ["Công an huyện", "Công an xã"]
    assert resolver(["Công an huyện"]).resolve("Công an").unit.name == "Công an huyện"


def test_an_unknown_name_offers_look_alikes_not_a_unit():
    answer = resolver(DISTRICT).resolve("Phòng Tài chinh - Ke hoach hyện")
    assert answer.unit is None and not answer.ambiguous
    assert answer.similar[0].name == "Phòng Tài chính - Kế hoạch huyện"
    assert resolver(DISTRICT).resolve("Phòng Y tế").similar == []


def test_an_abbreviation_is_not_a_prefix_match():
    answer = resolver(DISTRICT).resolve("Phòng VH")
    assert answer.unit is None


def test_a_lengthened_name_reads_as_a_near_duplicate():
    answer = resolver(["Trung tâm VH-TT huyện"]).resolve("Trung tâm VH-TT và Truyền thông huyện")
    assert answer.unit is None and [unit.name for unit in answer.similar] == [
        "Trung tâm VH-TT huyện"
    ]
