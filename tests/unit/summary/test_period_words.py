"""Periods and plan numbers as a leader writes them in chat and an operator on the command line."""

from __future__ import annotations

from datetime import date

import pytest

from bot.services.period_words import (
    PeriodError,
    implemented_number,
    parse_cli_period,
    period_label,
    read_chat_query,
)

TODAY = date(2025, 7, 10)


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2025-03", date(2025, 3, 1), date(2025, 3, 31), "tháng 3 năm 2025"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "tháng 2 năm 2024"),
        ("2025-Q1", date(2025, 1, 1), date(2025, 3, 31), "quý I năm 2025"),
        ("2025Q4", date(2025, 10, 1), date(2025, 12, 31), "quý IV năm 2025"),
        ("2025-H1", date(2025, 1, 1), date(2025, 6, 30), "6 tháng đầu năm 2025"),
        ("2025-H2", date(2025, 7, 1), date(2025, 12, 31), "6 tháng cuối năm 2025"),
        ("2025", date(2025, 1, 1), date(2025, 12, 31), "năm 2025"),
    ],
)
def test_command_line_periods(text, start, end, label):
    period = parse_cli_period(text)
    assert (period.start, period.end, period_label(period)) == (start, end, label)


@pytest.mark.parametrize(
    "text", ["2025-13", "2025-Q5", "2025-H3", "25-03", "2025-03-01", "quý 1", ""]
)
def test_command_line_periods_that_do_not_exist_are_refused(text):
    with pytest.raises(PeriodError, match="2025-Q1"):
        parse_cli_period(text)


@pytest.mark.parametrize(
    ("text", "label", "rest"),
    [
        ("tháng 3", "tháng 3 năm 2025", ""),
        ("tháng 9", "tháng 9 năm 2024", ""),  # September has not begun by 10/7/2025
        ("Tháng 3/2024", "tháng 3 năm 2024", ""),
        ("tháng 12 năm 2024", "tháng 12 năm 2024", ""),
        ("quý I", "quý I năm 2025", ""),
        ("quý iv", "quý IV năm 2024", ""),
        ("Quý 2 năm 2025", "quý II năm 2025", ""),
        ("quý III/2025", "quý III năm 2025", ""),
        ("6 tháng", "6 tháng đầu năm 2025", ""),
        ("6 tháng đầu năm 2024", "6 tháng đầu năm 2024", ""),
        ("6 tháng cuối năm", "6 tháng cuối năm 2025", ""),
        ("năm 2025", "năm 2025", ""),
        ("năm nay", "năm 2025", ""),
        ("quahan quý I", "quý I năm 2025", "quahan"),
        ("Phòng Nội vụ huyện tháng 3", "tháng 3 năm 2025", "Phòng Nội vụ huyện"),
    ],
)
def test_chat_period_words(text, label, rest):
    query = read_chat_query(text, TODAY)
    assert (period_label(query.period), query.rest, query.plan_number) == (label, rest, None)


@pytest.mark.parametrize(
    ("text", "number", "rest", "label"),
    [
        ("15-KH/HU", "15-KH/HU", "", None),
        ("quý I 15-KH/HU", "15-KH/HU", "", "quý I năm 2025"),
        ("112/KH-UBND quahan", "112/KH-UBND", "quahan", None),
        ("05 - CTr/TU năm 2024", "05-CTr/TU", "", "năm 2024"),
    ],
)
def test_chat_plan_numbers(text, number, rest, label):
    query = read_chat_query(text, TODAY)
    assert (query.plan_number, query.rest) == (number, rest)
    assert (period_label(query.period) if query.period else None) == label


@pytest.mark.parametrize("text", ["quahan", "Phòng Nội vụ huyện", "III.1", "tháng 13", "7"])
def test_words_without_a_period_leave_the_text_alone(text):
    query = read_chat_query(text, TODAY)
    assert (query.period, query.plan_number, query.rest) == (None, None, text)


@pytest.mark.parametrize(
    ("title", "number"),
    [
        ("Kế hoạch thực hiện Thông báo số 730-TB/TU về kết luận của Ban Thường vụ", "730-TB/TU"),
        ("Kế hoạch THỰC HIỆN Kế hoạch số 15 - KH/HU ngày 02/8/2024", "15-KH/HU"),
        ("Chương trình thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị", "05-CT/TW"),
        ("Kế hoạch thực hiện Nghị quyết Đại hội số 14-NQ/TU", "14-NQ/TU"),
        ("Kế hoạch công tác năm 2025 số 3-KH/ĐU", None),  # its own number, not one it carries out
        ("Kế hoạch thực hiện chuyển đổi số năm 2025", None),
    ],
)
def test_the_document_a_plan_implements_is_read_from_its_title(title, number):
    assert implemented_number(title) == number
