"""Support units' reports are their contribution, never the lead's completion; evidence under /task."""

from __future__ import annotations

from bot.callbacks import SendEvidence
from bot.services.contributions import contributions
from bot.services.evidence import evidence_counts
from bot.services.summary import build_summary
from tests.support.world import UNIT_A, buttons, photo, texts


async def test_a_support_units_done_is_its_contribution_not_the_tasks_completion(world):
    answer = await world.say("a", "NV 1 xong")  # A supports task 1; the communes' group leads it
    own = [m for m in answer if m.chat_id is None]
    assert "phần phối hợp" in texts(own)
    to_lead = [m for m in answer if m.chat_id == "xa"]  # the member commune's contact
    assert len(to_lead) == 1
    assert f"Phối hợp:</b> {UNIT_A} đã báo cáo nhiệm vụ <b>1</b>" in to_lead[0].text
    async with world.core.db.reading() as session:
        summary = await build_summary(session, world.clock.now(), world.core.settings.tz)
        found = await contributions(session, [world.tasks["1"]])
    line = next(line for line in summary.tasks if line.task.code == "1")
    assert line.last_report is None and line.status.value != "done_on_time"
    [contribution] = found[world.tasks["1"]]
    assert (contribution.unit, contribution.status) == (UNIT_A, "done")


async def test_a_lead_units_report_is_no_contribution(world):
    answer = await world.say("a", "NV 2 xong")
    assert texts(answer).startswith("Đã ghi nhận báo cáo nhiệm vụ 2")
    async with world.core.db.reading() as session:
        assert await contributions(session, [world.tasks["2"]]) == {}


async def test_tasks_marks_lead_and_support(world):
    listing = texts(await world.say("a", "/tasks"))
    one = listing[listing.index("<b>1</b>.") :].split("\n\n")[0]
    two = listing[listing.index("<b>2</b>.") :].split("\n\n")[0]
    assert "Phối hợp" in one and "Chủ trì" not in one
    assert "Chủ trì" in two


async def test_the_task_card_shows_contributions_and_evidence(world):
    await world.say("a", "NV 1 xong")
    await world.say("a", "NV 6 đạt 40%", attachments=(photo("ph-1"),))
    card_1 = texts(await world.say("admin", "/task 1"))
    assert f"Phối hợp: {UNIT_A} đã báo cáo 24/03 (Hoàn thành, 100%)" in card_1
    card = await world.say("admin", "/task 6")
    assert "Kèm 1 tệp minh chứng" in texts(card)
    [evidence] = [b for b in buttons(card) if b.startswith("evd:")]
    async with world.core.db.reading() as session:
        assert await evidence_counts(session) == {world.tasks["6"]: 1}
    world.channel.files["ph-1"] = b"\x89PNG evidence"
    [sent] = await world.press("admin", evidence)
    assert sent.photo is not None and sent.photo.content == b"\x89PNG evidence"
    assert (
        "không lấy lại được"
        in texts(await world.press("admin", SendEvidence(999, 0).pack())).lower()
    )
