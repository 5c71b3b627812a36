"""Lead and support units read from a sentence of a plan."""

from __future__ import annotations

import pytest

from bot.planparse.assignments import find_assignments, unit_list


def _read(text: str) -> tuple[list[str], list[str]]:
    found = find_assignments(text)
    used = [a for a in found if a.strong] or found
    return [u for a in used for u in a.lead], [u for a in used for u in a.support]


@pytest.mark.parametrize(
    ("text", "lead", "support"),
    [
        (
            "- Giao UBND huyện, các cấp ủy Đảng thực hiện thường xuyên, liên tục.",
            ["UBND huyện", "Các cấp ủy Đảng"],
            [],
        ),
        (
            "UBND huyện chủ trì, phối hợp Ban Tuyên giáo Huyện ủy và các cơ quan, ban ngành liên quan"
            " tiếp tục thực hiện đến năm 2025.",
            ["UBND huyện"],
            ["Ban Tuyên giáo Huyện ủy", "Các cơ quan, ban ngành liên quan"],
        ),
        (
            "Ban Tuyên giáo Huyện ủy phối hợp với Mặt trận thực hiện.",
            ["Ban Tuyên giáo Huyện ủy"],
            ["Ủy ban MTTQ Việt Nam huyện"],
        ),
        (
            "Các cơ quan, đơn vị liên quan phối hợp thực hiện.",
            [],
            ["Các cơ quan, đơn vị liên quan"],
        ),
        (
            "- Cơ quan chủ trì: Phòng Nội vụ; cơ quan phối hợp: Phòng Tài chính - Kế hoạch, UBND các xã,"
            " thị trấn.",
            ["Phòng Nội vụ"],
            ["Phòng Tài chính - Kế hoạch", "UBND các xã, thị trấn"],
        ),
        (
            "Tổ chức hội nghị quán triệt (Văn phòng HĐND và UBND huyện chủ trì; hoàn thành trong"
            " tháng 4/2025).",
            ["Văn phòng HĐND và UBND huyện"],
            [],
        ),
        (
            "Tổ chức tập huấn, giao Phòng Nội vụ chủ trì, phối hợp với Trung tâm Văn hóa, Thể thao và"
            " Truyền thanh huyện thực hiện.",
            ["Phòng Nội vụ"],
            ["Trung tâm Văn hóa, Thể thao và Truyền thanh huyện"],
        ),
        (
            "Đề nghị Ủy ban MTTQ Việt Nam huyện và các tổ chức chính trị - xã hội huyện tuyên truyền.",
            ["Ủy ban MTTQ Việt Nam huyện", "Các tổ chức chính trị - xã hội huyện"],
            [],
        ),
        (
            "Phòng Văn hóa và Thông tin huyện là cơ quan thường trực, theo dõi, đôn đốc các cơ quan,"
            " đơn vị thực hiện Kế hoạch.",
            ["Phòng Văn hóa và Thông tin huyện"],
            [],
        ),
        (
            "Các cơ quan tham mưu, giúp việc Huyện ủy và các đồng chí Ủy viên Ban Chấp hành Đảng bộ"
            " huyện theo chức năng, nhiệm vụ được giao theo dõi, kiểm tra.",
            [
                "Các cơ quan tham mưu, giúp việc Huyện ủy",
                "Các đồng chí Ủy viên Ban Chấp hành Đảng bộ huyện",
            ],
            [],
        ),
        (
            "Phòng Tài chính - Kế hoạch: bố trí kinh phí thực hiện.",
            ["Phòng Tài chính - Kế hoạch"],
            [],
        ),
        (
            "Ban Chỉ đạo chuyển đổi số huyện chủ trì kiểm tra.",
            ["Ban Chỉ đạo chuyển đổi số huyện"],
            [],
        ),
    ],
)
def test_units_of_a_sentence(text, lead, support):
    assert _read(text) == (lead, support)


@pytest.mark.parametrize(
    "text",
    [
        "Tiếp tục nâng cao vai trò lãnh đạo, chỉ đạo của các cấp ủy Đảng, chính quyền.",
        "Đặc biệt, phải chú trọng đổi mới và nâng cao chất lượng nghiên cứu.",
        "Rà soát văn bản quy phạm pháp luật do HĐND, UBND huyện ban hành.",
        "Các nhiệm vụ cụ thể, đơn vị chủ trì và thời hạn hoàn thành tại Phụ lục.",
        "Tổ chức hội nghị sơ kết, khen thưởng.",
    ],
)
def test_sentences_that_assign_nothing(text):
    assert _read(text) == ([], [])


CENTRE = "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện Đông"  # 13 words
LONG_UNIT = "Phòng Nội vụ huyện Đông Hưng tỉnh Thái Bình"


def test_a_name_of_thirteen_words_is_read_and_a_longer_phrase_is_no_list() -> None:
    assert unit_list(f"Phòng Nội vụ và {CENTRE}") == ("Phòng Nội vụ", CENTRE)
    assert unit_list(f"Phòng Nội vụ và {CENTRE} Hưng") is None
    assert unit_list(f"{LONG_UNIT} {CENTRE}") is None


@pytest.mark.parametrize("separator", [" va\u0300 ", "\u037e ", ", ", "; "])
def test_list_separators_in_any_spelling_part_long_names(separator: str) -> None:
    # "và" decomposed, as some PDFs write it; U+037E folds into ";".
    assert unit_list(f"{LONG_UNIT}{separator}{CENTRE}") == (LONG_UNIT, CENTRE)
