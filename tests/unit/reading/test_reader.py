"""Reading short Vietnamese progress replies: percent, status, proposed date, task code."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain import ReportStatus
from bot.reading import normalize_code, read_date, read_progress, read_task_code

TODAY = date(2025, 3, 24)
DONE, DOING, BLOCKED, EXTENSION = (
    ReportStatus.DONE,
    ReportStatus.IN_PROGRESS,
    ReportStatus.BLOCKED,
    ReportStatus.EXTENSION,
)


@pytest.mark.parametrize(
    ("text", "percent"),
    [
        ("đạt 70%", 70),
        ("70 %", 70),
        ("được 70 phần trăm", 70),
        ("Đã triển khai được 70%…", 70),
        ("hoàn thành 100%", 100),
        ("Tiến độ: 45,5%", 46),
        ("0%", 0),
        ("Triển khai đến 100% xã, khối lượng đạt 60%", 60),
        ("vượt 150% chỉ tiêu", None),
        ("1000%", None),
        ("đang làm", None),
        ("ngày 30/6", None),
    ],
)
def test_percent(text, percent):
    assert read_progress(text, TODAY).percent == percent


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("xong", DONE),
        ("Xong rồi", DONE),
        ("đã hoàn thành", DONE),
        ("Đơn vị đã hoàn thành nhiệm vụ", DONE),
        ("hoàn thành 100%", DONE),
        ("100%", DONE),
        ("da hoan thanh", DONE),
        ("không gặp khó khăn, đã xong", DONE),
        ("đang làm", DOING),
        ("đang triển khai", DOING),
        ("dang lam", DOING),
        ("đạt 70%", DOING),
        ("Đã hoàn thành 70%, đang nhân rộng mô hình", DOING),
        ("II.3 đã xong 70%", DOING),
        ("chưa hoàn thành", DOING),
        ("chưa xong", DOING),
        ("Đang triển khai, phấn đấu hoàn thành trước 30/6", DOING),
        ("sẽ hoàn thành trong tháng 5", DOING),
        ("vướng mặt bằng", BLOCKED),
        ("gặp khó khăn về kinh phí", BLOCKED),
        ("chưa thể triển khai do thiếu nhân lực", BLOCKED),
        ("đã tháo gỡ khó khăn, đạt 80%", DOING),
        ("xin gia hạn", EXTENSION),
        ("đề nghị gia hạn đến 30/6", EXTENSION),
        ("vướng kinh phí, đề nghị gia hạn đến 30/6", EXTENSION),
        ("Đề nghị lùi thời hạn sang tháng 8", EXTENSION),
        ("không cần gia hạn, đã xong", DONE),
        ("Đã gửi văn bản", None),
        ("", None),
    ],
)
def test_status(text, status):
    assert read_progress(text, TODAY).status == status


@pytest.mark.parametrize(
    ("text", "proposed"),
    [
        ("đề nghị gia hạn đến 30/6", date(2025, 6, 30)),
        ("đến 15/3", date(2026, 3, 15)),  # 15/3 has passed on 24/3/2025: the next one
        ("đến 24/3", date(2025, 3, 24)),
        ("gia hạn đến 30/6/2025", date(2025, 6, 30)),
        ("30-06-2025", date(2025, 6, 30)),
        ("lùi đến 30.6.2025", date(2025, 6, 30)),
        ("đến 31/12/25", date(2025, 12, 31)),
        ("ngày 30 tháng 6 năm 2025", date(2025, 6, 30)),
        ("xin lùi đến cuối tháng 7", date(2025, 7, 31)),
        ("cuối tháng 2", date(2026, 2, 28)),
        ("tháng 8/2025", date(2025, 8, 31)),
        ("cuối tháng này", date(2025, 3, 31)),
        ("cuối tháng sau", date(2025, 4, 30)),
        ("quý III/2025", date(2025, 9, 30)),
        ("cuối quý 2", date(2025, 6, 30)),
        ("cuối năm", date(2025, 12, 31)),
        ("Ngày 10/3 đã họp; đề nghị gia hạn đến 30/6", date(2025, 6, 30)),
        ("31/2/2025", None),
        ("đang làm", None),
        ("đạt 70%", None),
    ],
)
def test_proposed_date(text, proposed):
    assert read_date(text, TODAY) == proposed


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("II.3 đã xong 70%", "II.3"),
        ("NV 4: đang làm", "4"),
        ("nv4 xong", "4"),
        ("Nhiệm vụ số 2 đã hoàn thành", "2"),
        ("nhiem vu 7 dang lam", "7"),
        ("Mục II.1.a đạt 50%", "II.1.a"),
        ("ii.3 xong", None),  # a bare lower-case numeral is not taken for a code
        ("nhiệm vụ ii.3: xong", "II.3"),
        ("4: đã xong", "4"),
        ("đạt 70%", None),
        ("đến 30/6/2025", None),
        ("nhiệm vụ được giao đã xong", None),
    ],
)
def test_task_code(text, code):
    assert read_task_code(text) == code


def test_code_normalization():
    assert normalize_code("ii.3.A") == "II.3.a"
    assert normalize_code(" 4 ") == "4"


def test_a_full_reply():
    reading = read_progress("NV 2: vướng kinh phí, đề nghị gia hạn đến 30/6", TODAY)
    assert (reading.task_code, reading.status, reading.proposed_due) == (
        "2",
        EXTENSION,
        date(2025, 6, 30),
    )
    assert reading.looks_like_report
    assert not read_progress("Xin chào", TODAY).looks_like_report


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_never_crashes_and_percent_is_a_percent(text, today):
    reading = read_progress(text, today)
    assert reading.percent is None or 0 <= reading.percent <= 100
    assert reading.proposed_due is None or isinstance(reading.proposed_due, date)
    assert reading.status is None or isinstance(reading.status, ReportStatus)
    assert reading.status is not DONE or reading.confident  # never a guessed "done"


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 100), st.sampled_from(["đạt {}%", "được {} phần trăm", "đã làm được {} %"]))
def test_any_stated_percent_is_read(value, template):
    reading = read_progress(template.format(value), TODAY)
    assert reading.percent == value
    assert reading.status == (DONE if value == 100 else DOING)


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_any_written_date_is_read(day):
    text = f"đề nghị gia hạn đến {day.day}/{day.month}/{day.year}"
    assert read_progress(text, TODAY).proposed_due == day


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 364))
def test_a_date_without_year_is_never_in_the_past(offset):
    day = TODAY + timedelta(days=offset)
    proposed = read_date(f"đến {day.day}/{day.month}", TODAY)
    assert proposed is not None and TODAY <= proposed <= TODAY + timedelta(days=366)
    assert (proposed.day, proposed.month) == (day.day, day.month)


@pytest.mark.parametrize(
    ("text", "percent"),
    [
        ("Hoàn thành 3/5 hạng mục", 60),
        ("xong 12/20 xã", 60),
        ("Đã hoàn thành 2 trong 3 nội dung", 67),
        ("Xong một nửa", 50),
        ("Đã xong phần lớn, còn 2 xã chưa ban hành", None),
        ("Gần xong", None),
    ],
)
def test_a_part_is_progress_never_done_nor_a_date(text, percent):
    reading = read_progress(text, TODAY)
    assert (reading.status, reading.percent) == (DOING, percent)
    assert read_date(text, TODAY) is None


@pytest.mark.parametrize(
    "text", ["Hoàn thành 3/5 hạng mục", "Đã xong phần lớn", "Cơ bản hoàn thành"]
)
def test_done_while_naming_a_part_asks(text):
    reading = read_progress(text, TODAY)
    assert not reading.confident and reading.unsure == {"status"}


@pytest.mark.parametrize(
    ("text", "percent"), [("còn lại khoảng 30% khối lượng", 70), ("con lai 20%", 80)]
)
def test_what_remains_is_subtracted(text, percent):
    assert read_progress(text, TODAY).percent == percent


@pytest.mark.parametrize(
    ("text", "today", "proposed"),
    [
        ("Xin gia hạn thêm 15 ngày", TODAY, date(2025, 4, 8)),
        ("gia hạn thêm 1 tháng", TODAY, date(2025, 4, 24)),
        ("gia hạn thêm 1 tháng", date(2025, 1, 31), date(2025, 2, 28)),
        ("xin gia han them 2 tuan", TODAY, date(2025, 4, 7)),
        ("Đề nghị gia hạn sang tuần sau", TODAY, date(2025, 4, 4)),  # next week's Friday
        ("Đề nghị gia hạn sang tuần sau", date(2025, 3, 30), date(2025, 4, 4)),  # a Sunday
        ("Xin gia hạn đến hết quý", date(2025, 5, 10), date(2025, 6, 30)),
        ("Xin lùi sang tháng sau", TODAY, date(2025, 4, 30)),
    ],
)
def test_spans_count_from_the_day_of_the_reply(text, today, proposed):
    reading = read_progress(text, today)
    assert (reading.status, reading.proposed_due) == (EXTENSION, proposed)


def test_the_date_of_a_document_is_not_a_proposal():
    text = "Đã gửi Báo cáo số 15/BC-UBND ngày 12/3/2025, đề nghị gia hạn đến 30/4"
    assert read_progress(text, TODAY).proposed_due == date(2025, 4, 30)
    assert read_date("Báo cáo số 15/BC-UBND ngày 12/3/2025", TODAY) is None
    assert read_date("Do chưa có hướng dẫn nên xin gia hạn đến ngày 30/6", TODAY) == date(
        2025, 6, 30
    )


@pytest.mark.parametrize(
    "text",
    [
        "Không có khó khăn vướng mắc, đang triển khai đúng tiến độ",
        "đã tháo gỡ khó khăn, đạt 80%",
        "k vướng mắc, đang làm",
        "Khó khăn về kinh phí đã được tháo gỡ, đang triển khai",
    ],
)
def test_a_denied_obstacle_is_none(text):
    reading = read_progress(text, TODAY)
    assert (reading.status, reading.obstacle) == (DOING, None)


@pytest.mark.parametrize(
    ("text", "status", "percent", "obstacle"),
    [
        ("Chưa triển khai", DOING, 0, None),
        ("Chưa thực hiện được do thiếu cán bộ chuyên môn", BLOCKED, 0, "thiếu cán bộ chuyên môn"),
        ("Chưa triển khai vì vướng giải phóng mặt bằng", BLOCKED, 0, "vướng giải phóng mặt bằng"),
        ("Chưa có hướng dẫn của cấp trên", BLOCKED, None, "Chưa có hướng dẫn của cấp trên"),
    ],
)
def test_not_started_is_a_report_with_its_reason(text, status, percent, obstacle):
    reading = read_progress(text, TODAY)
    assert (reading.status, reading.percent, reading.obstacle) == (status, percent, obstacle)
    assert reading.not_started == (percent == 0)


def test_the_obstacle_is_in_the_units_words():
    reading = read_progress(
        "Đạt 40%. Khó khăn: nhân lực mỏng, nhiều việc đột xuất. Đề nghị hỗ trợ", TODAY
    )
    assert reading.obstacle == "Khó khăn: nhân lực mỏng, nhiều việc đột xuất"


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("da xong", "đã xong"),
        ("ht", "hoàn thành"),
        ("đc 60%", "được 60%"),
        ("k vuong mac, dang lam", "không vướng mắc, đang làm"),
        ("ko co kinh phi nen chua lam dc", "không có kinh phí nên chưa làm được"),
        ("xg r", "xong rồi"),
        ("xin gia han them 1 thang", "xin gia hạn thêm 1 tháng"),
        ("Đả hòan thành", "Đã hoàn thành"),
    ],
)
def test_abbreviations_and_missing_diacritics_read_the_same(typed, written):
    typed_reading, written_reading = read_progress(typed, TODAY), read_progress(written, TODAY)
    # the obstacle stays in each sender's own spelling
    assert dataclasses.replace(typed_reading, obstacle=None) == dataclasses.replace(
        written_reading, obstacle=None
    )
    assert (typed_reading.obstacle is None) == (written_reading.obstacle is None)
    assert typed_reading.looks_like_report


def test_several_tasks_in_one_message():
    reading = read_progress("II.1 xong; II.3 đạt 70%, vướng kinh phí", TODAY)
    assert [(i.task_code, i.status, i.percent, i.obstacle) for i in reading.items] == [
        ("II.1", DONE, 100, None),
        ("II.3", BLOCKED, 70, "vướng kinh phí"),
    ]
    assert reading.status is None and reading.looks_like_report
    assert reading.about("II.3") is reading.items[1]
    assert reading.about("II.9") is reading


def test_a_reading_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        read_progress("xong", TODAY).status = DOING  # type: ignore[misc]
