"""Deadline phrases → due date, recurrence and report day (DOMAIN "A plan and its tasks")."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain import Recurrence
from bot.planparse.deadlines import read_timing

C, M, Q, H, Y = (
    Recurrence.CONTINUOUS,
    Recurrence.MONTHLY,
    Recurrence.QUARTERLY,
    Recurrence.SEMIANNUAL,
    Recurrence.YEARLY,
)


@pytest.mark.parametrize(
    ("phrase", "due", "recurrence", "report_day"),
    [
        ("đến năm 2025", date(2025, 12, 31), None, None),
        ("trong năm 2025", date(2025, 12, 31), None, None),
        ("Năm 2025", date(2025, 12, 31), None, None),
        ("trước ngày 31/3/2025", date(2025, 3, 31), None, None),
        ("hoàn thành trước 31/3/2025", date(2025, 3, 31), None, None),
        ("trước 30/9/2025", date(2025, 9, 30), None, None),
        ("trước ngày 30 tháng 9 năm 2025", date(2025, 9, 30), None, None),
        ("tháng 8/2025", date(2025, 8, 31), None, None),
        ("trong tháng 4/2025", date(2025, 4, 30), None, None),
        ("tháng 12 năm 2025", date(2025, 12, 31), None, None),
        ("Tháng 02/2024", date(2024, 2, 29), None, None),
        ("Quý II/2025", date(2025, 6, 30), None, None),
        ("Quý III/2025", date(2025, 9, 30), None, None),
        ("trong quý 4 năm 2025", date(2025, 12, 31), None, None),
        ("6 tháng đầu năm 2025", date(2025, 6, 30), None, None),
        ("6 tháng cuối năm 2025", date(2025, 12, 31), None, None),
        ("thường xuyên", None, C, None),
        ("thường xuyên, liên tục", None, C, None),
        ("tiếp tục thực hiện", None, C, None),
        ("thường xuyên, liên tục từ nay cho đến năm 2025", date(2025, 12, 31), C, None),
        ("tiếp tục thực hiện đến năm 2025", date(2025, 12, 31), C, None),
        ("hằng tháng", None, M, None),
        ("định kỳ hằng tháng, trước ngày 25", None, M, 25),
        ("Hàng tháng, trước ngày 25", None, M, 25),
        ("hằng quý", None, Q, None),
        ("định kỳ hằng quý (trước ngày 20 của tháng cuối quý)", None, Q, 20),
        ("Thường xuyên; báo cáo kết quả hằng quý", None, Q, None),
        ("6 tháng", None, H, None),
        ("định kỳ 6 tháng", None, H, None),
        ("báo cáo định kỳ 6 tháng, năm", None, H, None),
        ("hằng năm", None, Y, None),
        ("tháng 12 hằng năm", None, Y, None),
        ("trước ngày 15/12 hằng năm", None, Y, 15),
        (
            "xây dựng chương trình trước 15/4/2025; báo cáo kết quả hằng quý",
            date(2025, 4, 15),
            Q,
            None,
        ),
        ("Báo cáo sơ kết 6 tháng", None, None, None),
        ("theo quy định", None, None, None),
    ],
)
def test_phrase(phrase, due, recurrence, report_day):
    timing = read_timing(phrase)
    assert (timing.due, timing.recurrence, timing.report_day) == (due, recurrence, report_day)
    assert timing.guessed == ()


@pytest.mark.parametrize(
    "phrase",
    [
        "thực hiện Nghị quyết số 14-NQ/TU ngày 10/01/2022 của Tỉnh ủy",
        "theo Quyết định số 25/QĐ-UBND ngày 5 tháng 3 năm 2024",
        "định hướng đến năm 2030",
    ],
)
def test_cited_documents_and_visions_are_not_deadlines(phrase):
    assert read_timing(phrase).due is None


def test_a_report_month_other_than_december_is_flagged():
    # The model keeps a report day, not a month: "tháng 6 hằng năm" cannot be said exactly.
    timing = read_timing("báo cáo vào tháng 6 hằng năm")
    assert (timing.due, timing.recurrence, timing.guessed) == (None, Y, ("report_day",))


def test_a_date_without_year_takes_the_plans_year_and_is_flagged():
    timing = read_timing("hoàn thành trong tháng 4", year=2025)
    assert timing.due == date(2025, 4, 30)
    assert timing.guessed == ("due",)
    assert read_timing("hoàn thành trong tháng 4").due is None


def test_several_dates_take_the_last_and_are_flagged():
    timing = read_timing("từ tháng 3/2025 đến tháng 6/2025")
    assert timing.due == date(2025, 6, 30)
    assert timing.guessed == ("due",)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_any_written_date_reads_back(day):
    assert read_timing(f"hoàn thành trước ngày {day.day}/{day.month}/{day.year}").due == day
    long_form = f"trước ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
    assert read_timing(long_form).due == day


@given(st.text(max_size=200))
def test_any_text_reads_without_error(text):
    timing = read_timing(text, year=2025)
    assert timing.report_day is None or 1 <= timing.report_day <= 31
