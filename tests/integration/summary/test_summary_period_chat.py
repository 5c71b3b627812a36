"""/summary with a period or a plan number, its period files, and the urging letters' button."""

from __future__ import annotations

import io

import pytest
from docx import Document as WordDocument

from bot.domain import Role
from bot.messages import ChannelCapabilities, Incoming
from tests.fakes import FakeChannel, bind_user, message, plan_from_expected, seed_plan
from tests.integration.summary.helpers import local, seed_sample_with_reports
from tests.support.paths import SAMPLES

VH_TT = "Phòng Văn hóa và Thông tin huyện"


@pytest.fixture
async def sample(core):
    """Plan 112 with its reports, seen on 1 July 2025 at 10:00 in Hà Nội."""
    await seed_sample_with_reports(core.db)
    core.clock.set(local(2025, 7, 1, 10))
    now = core.clock.now()
    for user, role in (("leader", Role.LEADER), ("admin", Role.ADMIN), ("observer", Role.OBSERVER)):
        await bind_user(core.db, now, role=role, user_id=user)
    await bind_user(core.db, now, role=Role.CONTACT, user_id="vhtt", unit=VH_TT)
    return core


def press(user: str, data: str, channel: str = "telegram") -> Incoming:
    return Incoming(channel=channel, chat_id=user, user_id=user, callback_data=data,
                    callback_id="cb", message_id="77")  # fmt: skip


def button_data(reply) -> list[str]:
    return [button.data for row in reply.buttons for button in row]


async def test_a_quarter_is_summarized_at_its_end_with_what_happened_in_it(sample):
    (reply,) = await sample.handle(message("leader", "/summary quý II"))
    text = reply.text
    assert text.startswith("<b>TÌNH HÌNH THỰC HIỆN KẾ HOẠCH QUÝ II NĂM 2025</b>")
    assert "Tính đến hết ngày 30/06/2025" in text
    assert "Kỳ báo cáo: quý II năm 2025 (từ 01/04/2025 đến 30/06/2025)" in text
    assert "Trong kỳ: <b>1</b> lượt báo cáo, <b>0</b> nhiệm vụ hoàn thành" in text
    assert "• Quá hạn: <b>1</b>" in text  # task 6 (15/6); task 2 is due on the period's last day
    assert button_data(reply) == ["pexp:docx:2025Q2:0", "pexp:xlsx:2025Q2:0"]
    (first,) = await sample.handle(message("leader", "/summary quý I"))
    assert "Trong kỳ: <b>1</b> lượt báo cáo, <b>1</b> nhiệm vụ hoàn thành" in first.text
    (month,) = await sample.handle(message("leader", "/summary tháng 6 quahan"))
    assert "Chỉ các nhiệm vụ quá hạn" in month.text and "Kỳ báo cáo: tháng 6 năm 2025" in month.text
    assert not [d for d in button_data(month) if d.startswith("ltr:")]  # letters speak of now
    (future,) = await sample.handle(message("leader", "/summary quý IV năm 2025"))
    assert future.text == "Kỳ quý IV năm 2025 chưa bắt đầu."


async def test_the_period_report_buttons_send_the_files(sample):
    (docx,) = await sample.handle(press("admin", "pexp:docx:2025Q2:0"))
    assert docx.document.file_name == "bao-cao-2025Q2.docx"
    assert docx.text == "Báo cáo quý II năm 2025, tính đến 10:00 ngày 01/07/2025."
    words = "\n".join(p.text for p in WordDocument(io.BytesIO(docx.document.content)).paragraphs)
    assert "quý II năm 2025" in words
    (xlsx,) = await sample.handle(press("leader", "pexp:xlsx:2025-06:0"))
    assert xlsx.document.file_name == "tong-hop-2025-06.xlsx"
    (refused,) = await sample.handle(press("observer", "pexp:docx:2025Q2:0"))
    assert "không có quyền" in refused.text and refused.document is None
    (forged,) = await sample.handle(press("leader", "pexp:docx:2025Q9:0"))
    assert "hết hạn" in forged.text and forged.document is None


async def test_a_plan_number_names_the_plan(sample):
    (reply,) = await sample.handle(message("leader", "/summary 112/kh-ubnd"))
    assert (
        "Kế hoạch số 112/KH-UBND" in reply.text and "Tính đến 10:00 ngày 01/07/2025" in reply.text
    )
    assert "Kỳ báo cáo" not in reply.text and reply.buttons == ()
    (missing,) = await sample.handle(message("leader", "/summary 15-KH/HU"))
    assert missing.text == "Không có kế hoạch số “15-KH/HU”."
    (both,) = await sample.handle(message("leader", "/summary quý II 112/KH-UBND"))
    assert "Kỳ báo cáo: quý II" in both.text and button_data(both)[0].endswith(":2025Q2:1")
    (unknown,) = await sample.handle(message("leader", "/summary quý II Phòng Không Có"))
    assert "Không tìm thấy nhiệm vụ hay đơn vị “Phòng Không Có”" in unknown.text


async def test_a_contact_sees_their_unit_in_the_period_without_the_plans_activity(sample):
    (reply,) = await sample.handle(message("vhtt", "/summary quý II"))
    assert f"Đơn vị: <b>{VH_TT}</b>" in reply.text
    assert "Trong kỳ" not in reply.text and reply.buttons == ()
    (refused,) = await sample.handle(message("vhtt", "/summary quý II Phòng Nội vụ huyện"))
    assert "chỉ xem được tình hình của đơn vị mình" in refused.text
    (forged,) = await sample.handle(press("vhtt", "psum:2025Q2:0:a:1"))
    assert f"Đơn vị: <b>{VH_TT}</b>" in forged.text and "Trong kỳ" not in forged.text


async def test_pages_of_a_period_summary_turn_with_typed_buttons(sample):
    sample.channels["zalo"] = FakeChannel(
        name="zalo", capabilities=ChannelCapabilities(max_text=700, inline_buttons=False)
    )
    await bind_user(sample.db, sample.clock.now(), role=Role.LEADER, user_id="z", channel="zalo")
    incoming = Incoming(channel="zalo", chat_id="z", user_id="z", text="/summary năm 2025")
    (first,) = await sample.handle(incoming)
    assert "Trang 1/" in first.text
    (next_page,) = [d for d in button_data(first) if d.startswith("psum:")]
    assert next_page == "psum:2025:0:a:2"
    (second,) = await sample.handle(press("z", next_page, channel="zalo"))
    assert "Trang 2/" in second.text and second.edit


async def test_leaders_get_urging_letters_from_the_overdue_summary(sample):
    (overdue,) = await sample.handle(message("leader", "/summary quahan"))
    assert "ltr:0" in button_data(overdue)
    (observed,) = await sample.handle(message("observer", "/summary quahan"))
    assert "ltr:0" not in button_data(observed)
    (plain,) = await sample.handle(message("leader", "/summary"))
    assert "ltr:0" not in button_data(plain)
    (of_plan,) = await sample.handle(message("leader", "/summary 112/KH-UBND quahan"))
    assert button_data(of_plan) == ["ltr:1"]
    *letters, done = await sample.handle(press("leader", "ltr:0"))
    assert [letter.text for letter in letters] == [f"Công văn đôn đốc gửi {VH_TT}."]
    assert letters[0].document.file_name.startswith("cong-van-don-doc-phong-van-hoa")
    assert done.text == "Đã gửi 1 công văn đôn đốc, mỗi đơn vị chậm một công văn."
    (refused,) = await sample.handle(press("observer", "ltr:0"))
    assert "không có quyền" in refused.text


async def test_letters_ask_which_plan_when_there_are_several(sample):
    other = await seed_plan(
        sample.db, plan_from_expected(SAMPLES / "ke-hoach-730-khcn.expected.json")
    )
    (choice,) = await sample.handle(press("admin", "ltr:0"))
    assert choice.text == "Viết công văn đôn đốc cho kế hoạch nào?"
    assert button_data(choice) == ["ltr:1", f"ltr:{other}"]
    replies = await sample.handle(press("admin", "ltr:1"))
    assert replies[-1].text.startswith("Đã gửi 1 công văn")
