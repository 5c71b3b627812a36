"""/export in chat: format buttons, the file sent back, and who may ask."""

from __future__ import annotations

import io

import openpyxl

from bot.domain import Role
from bot.messages import ChannelCapabilities, Incoming
from tests.fakes import FakeChannel, bind_user, message
from tests.integration.summary.helpers import local, seed_sample_with_reports


async def test_leader_picks_a_format_and_gets_the_file(core):
    await seed_sample_with_reports(core.db)
    core.clock.set(local(2025, 7, 1, 10))
    await bind_user(core.db, core.clock.now(), role=Role.LEADER, user_id="leader")
    (menu,) = await core.handle(message("leader", "/export"))
    assert [(b.label, b.data) for b in menu.buttons[0]] == [
        ("Báo cáo (.docx)", "exp:docx"), ("Bảng tính (.xlsx)", "exp:xlsx"), ("Biểu đồ", "exp:png"),
    ]  # fmt: skip
    press = Incoming(channel="telegram", chat_id="leader", user_id="leader", callback_data="exp:xlsx",
                     callback_id="cb", message_id="5")  # fmt: skip
    (sent,) = await core.handle(press)
    assert sent.document.file_name == "tong-hop-2025-07-01.xlsx"
    assert "tính đến 10:00 ngày 01/07/2025" in sent.text
    rows = openpyxl.load_workbook(io.BytesIO(sent.document.content))["Tổng hợp"].max_row
    assert rows == 14  # 3 title rows, the header row, 10 rows of tasks and units
    (chart,) = await core.handle(message("leader", "/export png"))
    assert chart.photo is not None and chart.photo.content.startswith(b"\x89PNG")
    (docx,) = await core.handle(message("leader", "/export docx"))
    assert docx.document.mime_type.endswith("wordprocessingml.document")
    (unknown,) = await core.handle(message("leader", "/export pdf"))
    assert "Không có định dạng “pdf”" in unknown.text


async def test_contacts_cannot_export_and_zalo_cannot_carry_files(core):
    await seed_sample_with_reports(core.db)
    now = core.clock.now()
    await bind_user(core.db, now, role=Role.CONTACT, user_id="noivu", unit="Phòng Nội vụ huyện")
    (refused,) = await core.handle(message("noivu", "/export docx"))
    assert "không có quyền" in refused.text and refused.document is None
    core.channels["zalo"] = FakeChannel(
        name="zalo", capabilities=ChannelCapabilities(max_text=2000, documents=False)
    )
    await bind_user(core.db, now, role=Role.ADMIN, user_id="z-admin", channel="zalo")
    incoming = Incoming(channel="zalo", chat_id="z-admin", user_id="z-admin", text="/export docx")
    (reply,) = await core.handle(incoming)
    assert "không gửi được tệp" in reply.text and reply.document is None


async def test_a_forged_export_button_gets_the_expired_button_answer(core):
    await bind_user(core.db, core.clock.now(), role=Role.LEADER, user_id="leader")
    for data in ("exp", "exp:", "exp:docx:x"):
        press = Incoming(channel="telegram", chat_id="leader", user_id="leader",
                         callback_data=data, callback_id="cb")  # fmt: skip
        (reply,) = await core.handle(press)
        assert reply.document is None and "Nút này đã hết hạn" in reply.text, data
