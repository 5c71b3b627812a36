"""Reports sent as plain messages: replies to reminders, task codes, edits, files, Zalo order."""

from __future__ import annotations

from datetime import timedelta

from bot.domain import Role
from bot.messages import Attachment, ChannelCapabilities, Incoming
from tests.fakes import FakeChannel, bind_user
from tests.support.world import UNIT_A, UNIT_B, buttons, later, photo, texts


async def test_a_reply_to_a_reminder_reports_on_its_task(world):
    reminder = await world.remind("2", UNIT_A, "a")
    ack = await world.say("a", "Đã triển khai được 70%…", reply_to_message_id=reminder)
    assert texts(ack) == "Đã ghi nhận báo cáo nhiệm vụ 2: Đang thực hiện, 70%."
    [report] = await world.reports()
    assert report.task_id == world.tasks["2"] and report.unit_id == world.units[UNIT_A]


async def test_the_same_message_twice_is_one_report(world):
    reminder = await world.remind("2", UNIT_A, "a")
    first = await world.say("a", "xong", message_id="m-1", reply_to_message_id=reminder)
    again = await world.say("a", "xong", message_id="m-1", reply_to_message_id=reminder)
    assert texts(first) == "Đã ghi nhận báo cáo nhiệm vụ 2: Hoàn thành, 100%."
    assert "đã được ghi nhận trước đó" in texts(again)
    assert len(await world.reports()) == 1


async def test_a_reply_to_another_units_reminder_is_not_taken(world):
    reminder_for_b = await world.remind("5", UNIT_B, "a")  # forged: B's reminder in A's chat
    answer = await world.say("a", "xong", reply_to_message_id=reminder_for_b)
    assert "nhiệm vụ nào" in texts(answer)  # asked which of A's own tasks
    assert str(world.tasks["5"]) not in " ".join(b.split(":")[2] for b in buttons(answer))
    assert await world.reports() == []


async def test_a_code_in_the_text_names_the_task(world):
    ack = await world.say("a", "NV 6: đang làm, đạt 30%")
    assert texts(ack) == "Đã ghi nhận báo cáo nhiệm vụ 6: Đang thực hiện, 30%."
    roman = await world.say("a", "III.1 đã xong 70%")
    assert texts(roman) == "Đã ghi nhận báo cáo nhiệm vụ III.1: Đang thực hiện, 70%."


async def test_a_code_of_another_unit_is_refused_and_asked(world):
    answer = await world.say("a", "NV 5: xong")  # task 5 is B's
    assert "Không thấy nhiệm vụ 5" in texts(answer)
    assert await world.reports() == []


async def test_otherwise_the_bot_asks_which_task_and_keeps_the_message_aside(world):
    question = await world.say("a", "Đã hoàn thành 70%, đang nhân rộng mô hình", message_id="m-9")
    picks = [b for b in buttons(question) if b.startswith("pick:")]
    assert len(picks) == 6
    pick_for_7 = next(b for b in picks if b.endswith(f":{world.tasks['7']}"))
    assert "nhân rộng" not in pick_for_7  # the button carries an id, not the text
    ack = await world.press("a", pick_for_7)
    assert texts(ack) == "Đã ghi nhận báo cáo nhiệm vụ 7: Đang thực hiện, 70%."
    assert ack[0].edit
    [report] = await world.reports()
    assert report.message_id == "m-9" and report.text.startswith("Đã hoàn thành 70%")
    assert "hết hạn" in texts(await world.press("a", pick_for_7))  # used once


async def test_chatter_is_not_a_report(world):
    answer = await world.say("a", "Xin chào bạn")
    assert "/report" in texts(answer) and buttons(answer) == []


async def test_an_edited_message_updates_its_report(world):
    reminder = await world.remind("2", UNIT_A, "a")
    await world.say("a", "đạt 70%", message_id="m-5", reply_to_message_id=reminder)
    later(world.clock, minutes=5)
    ack = await world.say("a", "đạt 80%", message_id="m-5", edited=True)
    assert texts(ack) == "Đã cập nhật báo cáo nhiệm vụ 2: Đang thực hiện, 80%."
    [report] = await world.reports()
    assert (report.percent, report.text, report.edited_at) == (80, "đạt 80%", world.clock.now())


async def test_someone_elses_edit_changes_nothing(world):
    reminder = await world.remind("2", UNIT_A, "a")
    await world.say("a", "đạt 70%", message_id="m-5", reply_to_message_id=reminder)
    await world.say("b", "đạt 10%", message_id="m-5", chat_id="a", edited=True)
    [report] = await world.reports()
    assert report.percent == 70


async def test_a_photo_with_a_caption_is_a_report_with_evidence(world):
    reminder = await world.remind("2", UNIT_A, "a")
    ack = await world.say(
        "a", "Đã xong, gửi kèm biên bản", reply_to_message_id=reminder, attachments=(photo("f-1"),)
    )
    assert texts(ack) == "Đã ghi nhận báo cáo nhiệm vụ 2: Hoàn thành, 100%."
    [report] = await world.reports()
    assert [a["file_id"] for a in report.attachments] == ["f-1"]


async def test_a_lone_file_joins_the_latest_report_of_the_day(world):
    await world.say("a", "NV 2: đạt 50%")
    later(world.clock, hours=2)
    doc = Attachment(kind="document", file_id="f-2", file_name="bao-cao.docx")
    ack = await world.say("a", "", attachments=(doc,))
    assert (
        texts(ack)
        == "Đã lưu tệp đính kèm làm minh chứng cho báo cáo nhiệm vụ 2 (Đang thực hiện, 50%)."
    )
    [report] = await world.reports()
    assert report.attachments[0]["file_name"] == "bao-cao.docx"


async def test_a_lone_file_without_a_recent_report_asks_which_task(world):
    await world.say("a", "NV 2: đạt 50%")
    later(world.clock, days=2)
    question = await world.say("a", "", attachments=(photo("f-3"),))
    pick = next(b for b in buttons(question) if b.endswith(f":{world.tasks['6']}"))
    await world.press("a", pick)
    reports = await world.reports()
    assert len(reports) == 2 and reports[1].attachments[0]["file_id"] == "f-3"


async def zalo_world(world):
    """A Zalo-like channel (no quoted replies, no buttons) and a contact of A on it."""
    zalo = FakeChannel(
        name="zalo", capabilities=ChannelCapabilities(inline_buttons=False, reply_to=False)
    )
    world.core.channels["zalo"] = zalo
    await bind_user(
        world.core.db,
        world.clock.now(),
        role=Role.CONTACT,
        user_id="za",
        unit=UNIT_A,
        channel="zalo",
    )


async def test_without_quoted_replies_a_message_after_a_reminder_answers_it(world):
    await zalo_world(world)
    await world.remind(
        "7", UNIT_A, "za", channel="zalo", sent_at=world.clock.now() - timedelta(days=1)
    )
    await world.remind("6", UNIT_A, "za", channel="zalo", occurrence="x")
    message = Incoming(channel="zalo", chat_id="za", user_id="za", text="đạt 60%", message_id="z1")
    assert (
        texts(await world.core.handle(message))
        == "Đã ghi nhận báo cáo nhiệm vụ 6: Đang thực hiện, 60%."
    )
    # the latest is answered now: the next message goes to the earlier, still unanswered one
    message = Incoming(channel="zalo", chat_id="za", user_id="za", text="đạt 10%", message_id="z2")
    assert (
        texts(await world.core.handle(message))
        == "Đã ghi nhận báo cáo nhiệm vụ 7: Đang thực hiện, 10%."
    )
    # nothing unanswered left: the bot asks
    message = Incoming(channel="zalo", chat_id="za", user_id="za", text="đạt 20%", message_id="z3")
    assert "nhiệm vụ nào" in texts(await world.core.handle(message))


async def test_an_old_reminder_is_not_answered_by_chance(world):
    await zalo_world(world)
    await world.remind(
        "7", UNIT_A, "za", channel="zalo", sent_at=world.clock.now() - timedelta(days=5)
    )
    message = Incoming(channel="zalo", chat_id="za", user_id="za", text="đạt 60%", message_id="z1")
    assert "nhiệm vụ nào" in texts(await world.core.handle(message))


async def test_in_a_group_chat_only_clear_reports_are_taken(world):
    group = {"chat_id": "-100", "chat_type": "group"}
    assert await world.say("a", "đạt 50%", **group) == []
    reminder = await world.remind("2", UNIT_A, "-100")
    ack = await world.say("a", "đạt 50%", reply_to_message_id=reminder, **group)
    assert texts(ack) == "Đã ghi nhận báo cáo nhiệm vụ 2: Đang thực hiện, 50%."
