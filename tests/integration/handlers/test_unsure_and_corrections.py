"""An unsure reply is asked about, never guessed; every acknowledgement can be corrected for 48 hours."""

from __future__ import annotations

from sqlalchemy import select

from bot.callbacks import CorrectReport, FixReport
from bot.services.summary import build_summary
from db.models import AuditEntry, Obstacle
from tests.support.world import UNIT_A, buttons, later, texts


def labels(outgoing) -> list[str]:
    return [b.label for message in outgoing for row in message.buttons for b in row]


async def audit_of(world, action: str) -> list[AuditEntry]:
    async with world.core.db.reading() as session:
        found = await session.scalars(select(AuditEntry).where(AuditEntry.action == action))
        return list(found)


async def test_an_unsure_reply_is_kept_unclassified_and_asked_about_once(world):
    reminder = await world.remind("2", UNIT_A, "a")
    question = await world.say("a", "Hoàn thành 3/5 hạng mục", reply_to_message_id=reminder)
    [report] = await world.reports()
    assert (report.status, report.percent) == (None, 60)  # kept, not counted as anything
    assert "chưa rõ tình trạng" in texts(question)
    assert labels(question) == [
        "Hoàn thành",
        "Đang thực hiện 60%",
        "Gặp vướng mắc",
        "Xin gia hạn",
    ]
    assert buttons(question)[0] == FixReport(report.id, "d").pack()
    async with world.core.db.reading() as session:
        summary = await build_summary(session, world.clock.now(), world.core.settings.tz)
    line = next(line for line in summary.tasks if line.task.code == "2")
    assert line.last_report.status is None  # shown as unclassified until answered


async def test_the_answer_records_the_status_and_is_audited(world):
    reminder = await world.remind("2", UNIT_A, "a")
    question = await world.say("a", "Hoàn thành 3/5 hạng mục", reply_to_message_id=reminder)
    ack = await world.press("a", buttons(question)[1])  # Đang thực hiện 60%
    assert texts(ack) == "Đã sửa báo cáo nhiệm vụ 2: Đang thực hiện, 60%."
    assert labels(ack) == ["Sửa"]
    [report] = await world.reports()
    assert (report.status, report.percent) == ("in_progress", 60)
    [entry] = await audit_of(world, "correct")
    assert entry.details["before"]["status"] is None
    assert entry.details["after"] == {"status": "in_progress", "percent": 60, "proposed_due": None}


async def test_in_progress_without_a_percent_asks_for_it(world):
    reminder = await world.remind("2", UNIT_A, "a")
    question = await world.say("a", "Đã xong phần lớn", reply_to_message_id=reminder)
    assert "Đang thực hiện …%" in labels(question)
    asked = await world.press("a", FixReport((await world.reports())[0].id, "p").pack())
    assert "bao nhiêu phần trăm" in texts(asked)
    assert "từ 0 đến 99" in texts(await world.say("a", "chưa biết"))
    ack = await world.say("a", "75%")
    assert texts(ack) == "Đã sửa báo cáo nhiệm vụ 2: Đang thực hiện, 75%."
    [report] = await world.reports()
    assert (report.status, report.percent) == ("in_progress", 75)


async def test_every_acknowledgement_carries_a_correction_button(world):
    ack = await world.say("a", "NV 6: đang làm, đạt 30%")
    [report] = await world.reports()
    assert buttons(ack) == [CorrectReport(report.id).pack()]
    choices = await world.press("a", buttons(ack)[0])
    assert "Sửa báo cáo nhiệm vụ <b>6</b>" in texts(choices)
    fixed = await world.press("a", FixReport(report.id, "b").pack())
    assert "Gặp vướng mắc, 30%" in texts(fixed)
    async with world.core.db.reading() as session:
        [obstacle] = await session.scalars(select(Obstacle))
    assert (obstacle.report_id, obstacle.closed_at) == (report.id, None)
    await world.press("a", FixReport(report.id, "d").pack())  # corrected again: done after all
    async with world.core.db.reading() as session:
        [obstacle] = await session.scalars(select(Obstacle))
    assert obstacle.closed_at is not None
    [report] = await world.reports()
    assert (report.status, report.percent) == ("done", 100)


async def test_corrections_close_after_48_hours(world):
    await world.say("a", "NV 6: đang làm, đạt 30%")
    [report] = await world.reports()
    later(world.clock, hours=49)
    assert "quá 48 giờ" in texts(await world.press("a", CorrectReport(report.id).pack()))
    assert "quá 48 giờ" in texts(await world.press("a", FixReport(report.id, "d").pack()))
    [report] = await world.reports()
    assert report.status == "in_progress"


async def test_nobody_else_corrects_a_report(world):
    await world.say("a", "NV 6: đang làm, đạt 30%")
    [report] = await world.reports()
    answer = await world.press("b", FixReport(report.id, "d").pack())
    assert "hết hạn" in texts(answer)
    [report] = await world.reports()
    assert report.status == "in_progress"


async def test_an_extension_chosen_without_a_date_asks_for_one(world):
    reminder = await world.remind("2", UNIT_A, "a")
    question = await world.say("a", "Hoàn thành 3/5 hạng mục", reply_to_message_id=reminder)
    asked = await world.press("a", buttons(question)[3])
    assert "hãy gửi thời hạn đề nghị" in texts(asked)
    ack = await world.say("a", "30/9/2025")
    [report] = await world.reports()
    assert (report.status, str(report.proposed_due)) == ("extension", "2025-09-30")
    assert "30/09/2025" in texts(ack)
