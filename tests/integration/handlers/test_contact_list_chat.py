"""An admin sends a contact list in chat: preview, nothing issued, invites and sheets on confirmation."""

from __future__ import annotations

import io
import re

import docx
from sqlalchemy import func, select

from bot.messages import Attachment
from bot.services.invites import hash_code
from db.models import Invite
from tests.support.world import UNIT_A, UNIT_B, buttons, texts

LIST = (
    "STT,Đơn vị,Họ và tên,Chức vụ,Vai trò,Ghi chú\n"
    "1,Phòng VH&TT huyện,Nguyễn Thị Hoa,Trưởng phòng,đầu mối,\n"
    "2,Cong an huyen,Lê Văn Nam,,Đầu mối,gọi trước\n"
    "3,,Trần Minh,Phó Bí thư,lãnh đạo,\n"
).encode()
BAD_LIST = (
    "Họ và tên,Đơn vị,Vai trò\n"
    "Nguyễn Thị Hoa,Phòng VH&TT huyện,đầu mối\n"
    "Lê Văn Nam,Phòng Không Có huyện,đầu mối\n"
    ",Công an huyện,đầu mối\n"
).encode()


def sent_file(world, file_id: str, name: str, content: bytes) -> tuple[Attachment, ...]:
    world.channel.files[file_id] = content
    return (Attachment(kind="document", file_id=file_id, file_name=name, size=len(content)),)


async def invites(world) -> list[Invite]:
    async with world.core.db.reading() as session:
        return list(await session.scalars(select(Invite).where(Invite.invitee_name.is_not(None))))


async def test_preview_names_each_person_and_unit_then_issues_all_and_sends_the_sheets(world):
    preview = await world.say("admin", "", attachments=sent_file(world, "f1", "ds.csv", LIST))
    text = texts(preview)
    assert "<b>Danh sách mời đọc được từ tệp ds.csv</b>: 3 người." in text
    assert (
        f"• Nguyễn Thị Hoa (Trưởng phòng) — {UNIT_A} (ghi là “Phòng VH&amp;TT huyện”) "
        "— đầu mối đơn vị" in text
    )
    assert f"• Lê Văn Nam — {UNIT_B} (ghi là “Cong an huyen”) — đầu mối đơn vị" in text
    assert "• Trần Minh (Phó Bí thư) — — — lãnh đạo" in text
    assert await invites(world) == []  # nothing issued before the admin confirms
    ok = next(b for b in buttons(preview) if b.startswith("cl:ok:"))
    done = await world.press("admin", ok)
    issued = {invite.invitee_name: invite for invite in await invites(world)}
    assert sorted(issued) == ["Lê Văn Nam", "Nguyễn Thị Hoa", "Trần Minh"]
    assert issued["Trần Minh"].role == "leader" and issued["Trần Minh"].unit_id is None
    assert issued["Lê Văn Nam"].unit_id == world.units[UNIT_B]
    assert done[0].edit and done[0].text.startswith("Đã cấp 3 mã mời (hết hạn ngày 07/04/2025).")
    sheets = done[1].document
    assert sheets is not None and sheets.file_name == "phieu-moi.docx"
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(sheets.content)).paragraphs)
    sheet_codes = re.findall(r"Mã mời \(dùng cho Zalo\): (\S+)", body)
    # only the hash is stored: each code printed opens one of the invites just issued
    assert sorted(map(hash_code, sheet_codes)) == sorted(i.code_hash for i in issued.values())
    assert "Họ và tên: Nguyễn Thị Hoa" in body and f"Đơn vị: {UNIT_A}" in body
    again = await world.press("admin", ok)  # a second press issues nothing more
    assert "hết hạn" in texts(again) and len(await invites(world)) == 3


async def test_bad_rows_are_named_and_nothing_is_issued(world):
    out = await world.say("admin", "", attachments=sent_file(world, "f2", "ds.csv", BAD_LIST))
    text = texts(out)
    assert text.startswith("Danh sách mời chưa dùng được, chưa cấp mã nào:")
    assert "dòng 4: thiếu họ và tên" in text
    assert buttons(out) == [] and await invites(world) == []


async def test_an_unknown_unit_stops_the_whole_list_with_its_row(world):
    listing = BAD_LIST.rsplit(b"\n", 2)[0] + b"\n"  # without the row missing a name
    out = await world.say("admin", "", attachments=sent_file(world, "f3", "ds.csv", listing))
    assert "dòng 3: không có đơn vị “Phòng Không Có huyện”" in texts(out)
    assert buttons(out) == [] and await invites(world) == []


async def test_cancel_issues_nothing(world):
    preview = await world.say("admin", "", attachments=sent_file(world, "f4", "ds.csv", LIST))
    no = next(b for b in buttons(preview) if b.startswith("cl:no:"))
    assert texts(await world.press("admin", no)) == "Đã hủy."
    assert await invites(world) == []


async def test_a_csv_plan_is_still_imported_as_a_plan(world):
    plan = "code,title,lead_units,due\n1,Rà soát thủ tục,Công an huyện,2025-06-30\n".encode()
    out = await world.say("admin", "", attachments=sent_file(world, "f5", "kh.csv", plan))
    assert "<b>Kế hoạch đọc được từ tệp</b>" in texts(out)
    assert any(b.startswith("imp:ok:") for b in buttons(out))


async def test_only_admins_may_send_a_list(world):
    out = await world.say("leader", "", attachments=sent_file(world, "f6", "ds.csv", LIST))
    assert "Danh sách mời" not in texts(out)
    async with world.core.db.reading() as session:
        assert await session.scalar(select(func.count(Invite.id))) == 5  # the seeded people only


async def test_a_list_sent_in_a_group_is_not_read_there(world):
    group = {"chat_id": "-100", "chat_type": "group"}
    out = await world.say("admin", "", attachments=sent_file(world, "f7", "ds.csv", LIST), **group)
    assert "Danh sách mời" not in texts(out)  # names and codes are shown in private chats only
    assert buttons(out) == [] and await invites(world) == []
