"""*Thay đổi từ kỳ trước*: completed, newly overdue and new obstacles since the last digest."""

from __future__ import annotations

from datetime import date

from bot.domain import ReportStatus
from bot.services.status import end_of_day
from bot.services.summary import build_summary
from bot.services.summary_changes import changes_since, changes_text, last_digest_at
from db.models import DigestSend
from tests.integration.summary.helpers import HANOI, add_report, local, seed_sample_with_reports

JULY = end_of_day(date(2025, 7, 1), HANOI)


async def test_changes_since_the_last_digest(db):
    await seed_sample_with_reports(db)
    await add_report(db, "2", "Phòng Văn hóa và Thông tin huyện", "Vướng <kinh phí>",
                     local(2025, 6, 20), ReportStatus.BLOCKED)  # fmt: skip
    await add_report(db, "2", "Phòng Văn hóa và Thông tin huyện", "Vướng cũ",
                     local(2025, 5, 20), ReportStatus.BLOCKED)  # fmt: skip
    async with db.transaction() as session:
        for kind, sent_at, state in (("weekly", local(2025, 6, 9, 7, 30), "sent"),
                                     ("weekly", local(2025, 6, 16, 7, 30), "failed"),
                                     ("monthly", local(2025, 6, 30, 7, 30), "sent"),
                                     ("weekly", local(2025, 7, 7, 7, 30), "sent")):  # fmt: skip
            session.add(DigestSend(kind=kind, period=f"{sent_at:%Y-%m-%d}", channel="telegram", chat_id="g",
                                   state=state, sent_at=sent_at))  # fmt: skip
    async with db.reading() as session:
        since = await last_digest_at(session, "weekly", JULY)
        assert since is not None and since.astimezone(HANOI) == local(2025, 6, 9, 7, 30)
        current = await build_summary(session, JULY, HANOI)
        changes = await changes_since(session, since, current, HANOI, None)
    assert [line.task.code for line in changes.newly_overdue] == ["2", "6"]
    assert changes.completed == () and len(changes.obstacles) == 1
    text = changes_text(changes, "vi", HANOI)
    assert text.splitlines() == [
        "<b>Thay đổi từ kỳ trước</b> (từ ngày 09/06/2025)",
        "• Mới quá hạn: <b>2</b> nhiệm vụ (2, 6)",
        "• Vướng mắc mới, nhiệm vụ 2 — Phòng Văn hóa và Thông tin huyện: “Vướng &lt;kinh phí&gt;”",
    ]


async def test_a_task_completed_since_and_no_change(db):
    await seed_sample_with_reports(db)
    async with db.reading() as session:
        march = await build_summary(session, end_of_day(date(2025, 3, 25), HANOI), HANOI)
        changes = await changes_since(session, local(2025, 3, 1), march, HANOI, None)
        assert [line.task.code for line in changes.completed] == ["1"]
        quiet = await changes_since(session, local(2025, 3, 24), march, HANOI, None)
        assert await last_digest_at(session, "weekly", JULY) is None
    assert changes_text(quiet, "vi", HANOI).endswith("Không có thay đổi.")
