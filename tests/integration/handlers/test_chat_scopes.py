"""Plan-wide data only where it belongs: private chats, the bound committee chat, a unit's own group."""

from __future__ import annotations

from bot.texts import t
from tests.support.world import UNIT_A, UNIT_B, texts

UNBOUND = {"chat_id": "-100", "chat_type": "group"}
COMMITTEE = {"chat_id": "-300", "chat_type": "group"}
UNIT_A_GROUP = {"chat_id": "-400", "chat_type": "group"}
PRIVATE_ONLY = t("common.private_only", "vi")


async def bind(world) -> None:
    await world.say("admin", "/bind", **COMMITTEE)
    await world.say("admin", f"/bind donvi {UNIT_A}", **UNIT_A_GROUP)


async def test_a_leaders_summary_in_an_unbound_group_is_refused(world):
    for command in ("/summary", "/summary quahan", "/tasks"):
        assert texts(await world.say("leader", command, **UNBOUND)) == PRIVATE_ONLY
    assert texts(await world.press("leader", "sum:a:2", **UNBOUND)) == PRIVATE_ONLY
    assert "TÌNH HÌNH THỰC HIỆN KẾ HOẠCH" in texts(await world.say("leader", "/summary"))


async def test_the_bound_committee_chat_gets_the_whole_summary(world):
    await bind(world)
    whole = texts(await world.say("leader", "/summary", **COMMITTEE))
    assert "Tổng số <b>9</b> nhiệm vụ" in whole and UNIT_B in whole
    assert "Nhiệm vụ 5" in texts(await world.say("leader", "/summary 5", **COMMITTEE))
    # exports and codes stay private even there
    assert texts(await world.say("leader", "/export", **COMMITTEE)) == PRIVATE_ONLY
    assert texts(await world.say("admin", "/link", **COMMITTEE)) == PRIVATE_ONLY


async def test_a_units_group_sees_that_unit_only(world):
    await bind(world)
    summary = texts(await world.say("leader", "/summary", **UNIT_A_GROUP))
    assert f"Đơn vị: <b>{UNIT_A}</b>" in summary and "Tổng số <b>4</b> nhiệm vụ" in summary
    assert UNIT_B not in summary
    other = texts(await world.say("leader", f"/summary {UNIT_B}", **UNIT_A_GROUP))
    assert other == t("summary.own_unit_only", "vi", unit=UNIT_A)
    tasks = texts(await world.say("leader", "/tasks", **UNIT_A_GROUP))
    assert tasks.startswith(f"<b>Nhiệm vụ của {UNIT_A}</b>") and "<b>5</b>" not in tasks
    assert "Tổng số" in texts(await world.say("a", "/summary", **UNIT_A_GROUP))
    # a contact of another unit in A's group has no view there
    assert texts(await world.say("b", "/summary", **UNIT_A_GROUP)) == PRIVATE_ONLY


async def test_a_forged_page_button_in_a_units_group_stays_in_the_unit(world):
    await bind(world)
    everything = texts(await world.press("leader", "sum:a:1", **UNIT_A_GROUP))
    assert f"Đơn vị: <b>{UNIT_A}</b>" in everything and UNIT_B not in everything


async def test_another_units_code_reads_as_a_code_that_does_not_exist(world):
    """Contact B asks about task 2 (Unit A's) and about 77 (nobody's): the same answer."""
    for code in ("2", "77", "III.1"):
        answer = texts(await world.say("b", f"/summary {code}"))
        assert answer == t("summary.not_found", "vi", query=code), code
    assert "Nhiệm vụ 2" in texts(await world.say("a", "/summary 2"))
    answers = {}  # a report naming a task: the same holds
    for code in ("2", "88"):
        answers[code] = texts(await world.say("b", f"Nhiệm vụ {code} đã hoàn thành 50%"))
        assert answers[code].startswith(t("report.code_not_yours", "vi", code=code)), code
    assert answers["2"].replace(" 2 ", " 88 ", 1) == answers["88"]
    await bind(world)
    # in A's group the same holds for B's task
    assert texts(await world.say("leader", "/summary 5", **UNIT_A_GROUP)) == t(
        "summary.not_found", "vi", query="5"
    )
