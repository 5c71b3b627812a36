"""Chat rendering of a summary: order of sections, escaping, and pages that fit the platform."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.services.status import PairStatus, ReportView, Status, TaskFacts
from bot.services.summary import PlanInfo, Summary, TaskLine, UnitLine
from bot.services.summary_text import clip, render_pages

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
AT = datetime(2025, 7, 1, 8, tzinfo=HANOI)
PLAN = PlanInfo(1, "112/KH-UBND", "Kế hoạch chuyển đổi số", "UBND huyện Đông Hưng", None)


def line(
    code: str, status: Status, *, title: str = "Việc", units: int = 1, text: str | None = None
) -> TaskLine:
    days = 4 if status is Status.OVERDUE else 0
    report = ReportView(text, 40, "in_progress", AT) if text else None
    unit_lines = tuple(
        UnitLine(100 + n, f"UBND xã Số {n}", None, None, PairStatus(status, days), report)
        for n in range(units)
    )
    facts = TaskFacts(
        int(re.sub(r"\D", "", code) or 0), 1, code, title, date(2025, 6, 27), None, None, None
    )
    return TaskLine(facts, tuple(u.unit for u in unit_lines), unit_lines, status, days, report)


def summary(lines: list[TaskLine]) -> Summary:
    return Summary(AT, (PLAN,), tuple(lines), ())


def test_headline_then_overdue_before_the_rest():
    (page,) = render_pages(
        summary(
            [
                line("1", Status.IN_PROGRESS),
                line("2", Status.OVERDUE),
                line("3", Status.DONE_ON_TIME),
            ]
        ),
        locale="vi",
        tz=HANOI,
        limit=4096,
    )
    assert page.startswith("<b>TÌNH HÌNH THỰC HIỆN KẾ HOẠCH</b>\nKế hoạch số 112/KH-UBND")
    assert "• Quá hạn: <b>1</b>" in page
    order = [
        page.index(marker)
        for marker in ("Quá hạn: <b>1", "NHIỆM VỤ QUÁ HẠN", "ĐANG THỰC HIỆN", "ĐÃ HOÀN THÀNH")
    ]
    assert order == sorted(order)
    assert "<b>quá hạn 4 ngày</b>" in page


def test_user_text_is_escaped():
    (page,) = render_pages(
        summary(
            [line("1", Status.OVERDUE, title="Sửa <b>lỗi</b> & cải tiến", text="<i>xong</i> 40%")]
        ),
        locale="vi",
        tz=HANOI,
        limit=4096,
    )
    assert "Sửa &lt;b&gt;lỗi&lt;/b&gt; &amp; cải tiến" in page
    assert "&lt;i&gt;xong&lt;/i&gt; 40%" in page
    assert "<b>lỗi</b>" not in page


@pytest.mark.parametrize("limit", [4096, 2000])
def test_long_summary_is_paged_within_the_limit_without_losing_a_task(limit):
    long_title = "Triển khai, hướng dẫn và kiểm tra việc thực hiện chuyển đổi số " * 4
    report = "Đã hoàn thành 40% khối lượng, đang phối hợp với các xã để nhân rộng mô hình " * 5
    lines = [
        line(str(n), [Status.OVERDUE, Status.IN_PROGRESS, Status.DONE_LATE][n % 3], title=long_title,
             units=1 + n % 12, text=report)
        for n in range(1, 121)
    ]  # fmt: skip
    pages = render_pages(summary(lines), locale="vi", tz=HANOI, limit=limit)
    assert len(pages) > 3
    assert all(len(page) <= limit for page in pages)
    assert pages[0].endswith(f"Trang 1/{len(pages)}")
    assert pages[-1].endswith(f"Trang {len(pages)}/{len(pages)}")
    shown = [code for page in pages for code in re.findall(r"^<b>(\d+)\.</b>", page, re.MULTILINE)]
    assert sorted(shown, key=int) == [str(n) for n in range(1, 121)]
    continued = [
        page for page in pages[1:] if page.startswith("<b>▌NHIỆM VỤ QUÁ HẠN (40)</b> (tiếp theo)")
    ]
    assert continued, "a section split across pages repeats its heading"
    assert "… và 3 đơn vị khác" in "".join(pages)  # 11 units not reported: 8 named, 3 counted


def test_english_locale():
    (page,) = render_pages(summary([line("1", Status.OVERDUE)]), locale="en", tz=HANOI, limit=4096)
    assert "OVERDUE TASKS (1)" in page and "<b>4 days overdue</b>" in page


def test_titles_are_cut_at_a_word_and_sections_are_not_numbered_like_codes():
    title = "Triển khai nền tảng họp trực tuyến " * 10
    (page,) = render_pages(summary([line("III.1", Status.OVERDUE, title=title)]), locale="vi",
                           tz=HANOI, limit=4096)  # fmt: skip
    head = next(row for row in page.splitlines() if row.startswith("<b>III.1.</b>"))
    assert head.endswith("…") and len(head) <= len("<b>III.1.</b> ") + 160
    assert head.removesuffix("…").split()[-1] in title.split()  # a whole word before "…"
    assert not re.search(r"<b>[IVX]+\. ", page)
    assert clip("một hai ba bốn năm", 12) == "một hai ba…"


def test_group_units_are_joined_with_semicolons_and_codes_name_their_plan():
    other = PlanInfo(2, "15-KH/HU", "Kế hoạch khác", "Huyện ủy Đông Hưng", None)
    group = line("4", Status.OVERDUE, units=3)
    names = ("UBND xã A, thôn B", "UBND xã C", "UBND xã D")
    owing = PairStatus(Status.OVERDUE, 4, reported=False, owes_report=True)
    units = tuple(
        replace(u, unit=name, standing=owing) for u, name in zip(group.units, names, strict=True)
    )
    group = replace(group, units=units)
    elsewhere = replace(line("4", Status.OVERDUE), task=replace(group.task, id=99, plan_id=2))
    (page,) = render_pages(Summary(AT, (PLAN, other), (group, elsewhere), ()), locale="vi",
                           tz=HANOI, limit=4096)  # fmt: skip
    assert "Chưa báo cáo: UBND xã A, thôn B; UBND xã C; UBND xã D" in page
    assert "<b>4 (112/KH-UBND).</b>" in page and "<b>4 (15-KH/HU).</b>" in page
    assert "• UBND xã A, thôn B: nhiệm vụ 4 (112/KH-UBND)" in page
