"""/onboarding in chat: who is on board per unit, expired codes re-issued with their sheets;
the admins told when a unit's first contact joins."""

from __future__ import annotations

import io
import re

import docx
from sqlalchemy import select

from bot.contactlist import Invitee
from bot.domain import Role
from bot.services.invite_batch import invite_list
from bot.services.invites import hash_code
from bot.texts import t
from db.models import Invite
from tests.support.world import UNIT_A, buttons, later, texts

HOME = "Phòng Nội vụ huyện"  # leads a task of plan 112, no contact seeded
POLICE = "Công an huyện"

PRIVATE_ONLY = t("common.private_only", "vi")


async def invite_people(world, *people: tuple[str, str]) -> dict[str, str]:
    """Invites for (name, unit) pairs issued now; their codes by name."""
    invitees = [Invitee(n, name, unit, Role.CONTACT) for n, (name, unit) in enumerate(people, 2)]
    async with world.core.db.transaction() as session:
        issued = await invite_list(session, invitees, "test", world.clock.now())
    return {one.name: one.code for one in issued}


async def test_onboarding_lists_each_unit_with_who_joined_is_invited_or_expired(world):
    codes = await invite_people(world, ("Nguyễn Hoa", HOME), ("Đỗ Minh", POLICE))
    await world.say("hoa", f"/start {codes['Nguyễn Hoa']}", display_name="Hoa & Co")
    out = await world.say("admin", "/onboarding")
    text = texts(out)
    assert "<b>Các đơn vị tham gia trợ lý</b> (trang 1/" in text
    assert f"✅ <b>{HOME}</b>\n   Đã tham gia: Hoa &amp; Co (Telegram)" in text
    assert f"✅ <b>{UNIT_A}</b>\n   Đã tham gia: Đầu mối A (Telegram)" in text
    assert f"✅ <b>{POLICE}</b>\n   Đã tham gia: Đầu mối B (Telegram)\n" in text
    assert "   Đã mời, chưa tham gia: Đỗ Minh" in text
    assert not any(b.startswith("reiss") for b in buttons(out))  # nothing expired yet


async def test_expired_codes_are_reissued_with_one_button_and_new_sheets(world):
    codes = await invite_people(world, ("Đỗ Minh", POLICE))
    later(world.clock, days=15)
    out = await world.say("admin", "/onboarding")
    assert "   Mã hết hạn: Đỗ Minh" in texts(out)
    assert "1 mã hết hạn chưa dùng" in texts(out)
    [reissue] = [b for b in buttons(out) if b.startswith("reiss")]
    done = await world.press("admin", reissue)
    assert done[0].text.startswith("Đã cấp 1 mã mời (hết hạn ngày 22/04/2025).")
    async with world.core.db.reading() as session:
        fresh = await session.scalar(
            select(Invite).where(Invite.invitee_name == "Đỗ Minh", Invite.replaced_at.is_(None))
        )
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(done[1].document.content)).paragraphs)
    [sheet_code] = re.findall(r"Mã mời \(dùng cho Zalo\): (\S+)", body)
    assert sheet_code != codes["Đỗ Minh"] and hash_code(sheet_code) == fresh.code_hash
    assert "   Đã mời, chưa tham gia: Đỗ Minh" in texts(await world.say("admin", "/onboarding"))
    again = await world.press("admin", reissue)  # pressed twice: nothing more issued
    assert texts(again) == "Không có mã hết hạn nào cần cấp lại."


async def test_twelve_units_take_two_pages(world):
    out = await world.say("admin", "/onboarding")
    assert "(trang 1/2)\n3/12 đơn vị đã có đầu mối tham gia; 0 mã hết hạn chưa dùng." in texts(out)
    assert "UBND xã Đông Hà" not in texts(out) and buttons(out) == ["onb:1"]
    second = await world.press("admin", "onb:1")
    assert second[0].edit and "(trang 2/2)" in texts(second)
    assert "✅ <b>UBND xã Đông Hà</b>\n   Đã tham gia: Đầu mối xã (Telegram)" in texts(second)


async def test_onboarding_answers_only_admins_and_only_in_private(world):
    group = await world.say("admin", "/onboarding", chat_id="-100", chat_type="group")
    assert texts(group) == PRIVATE_ONLY
    assert texts(await world.say("leader", "/onboarding")) == "Bạn không có quyền dùng lệnh này."
    assert texts(await world.press("admin", "reiss", chat_id="-100", chat_type="group")) == (
        PRIVATE_ONLY
    )


async def test_admins_are_told_when_a_units_first_contact_joins(world):
    codes = await invite_people(world, ("Nguyễn Hoa", HOME), ("Lê Nam", HOME), ("Đỗ Minh", UNIT_A))
    out = await world.say("hoa", f"/start {codes['Nguyễn Hoa']}", display_name="Nguyễn Hoa")
    [notice] = [message for message in out if message.chat_id is not None]
    assert (notice.channel, notice.chat_id) == ("telegram", "admin")
    assert notice.text == (
        f"🎉 <b>{HOME}</b> đã có đầu mối đầu tiên tham gia: Nguyễn Hoa (qua Telegram)."
    )
    second = await world.say("nam", f"/start {codes['Lê Nam']}", display_name="Lê Nam")
    assert [m for m in second if m.chat_id is not None] == []  # not the first any more
    other = await world.say("minh", f"/start {codes['Đỗ Minh']}", display_name="Đỗ Minh")
    assert [m for m in other if m.chat_id is not None] == []  # UNIT_A had a contact already


async def test_without_files_the_reissued_codes_come_as_text(world):
    await invite_people(world, ("Đỗ Minh", POLICE))
    later(world.clock, days=15)
    world.channel.capabilities.documents = False
    done = await world.press("admin", "reiss")
    async with world.core.db.reading() as session:
        fresh = await session.scalar(
            select(Invite).where(Invite.invitee_name == "Đỗ Minh", Invite.replaced_at.is_(None))
        )
    assert [message.document for message in done] == [None]
    [shown] = re.findall(r"<code>(\S+)</code>", texts(done))
    assert texts(done).endswith(f"• Đỗ Minh — {POLICE}: <code>{shown}</code>")
    assert hash_code(shown) == fresh.code_hash
