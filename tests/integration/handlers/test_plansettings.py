"""/plan: an admin reads and sets a plan's report settings in chat, each change confirmed and audited."""

from __future__ import annotations

from sqlalchemy import select

from db.models import AuditEntry, Plan
from tests.support.world import buttons, texts


async def stored(world) -> dict:
    async with world.core.db.reading() as session:
        return (await session.scalar(select(Plan))).report_settings or {}


async def set_in_chat(world, assignment: str, *, confirm: bool = True) -> str:
    """`/plan key=value`, then Xác nhận (or Hủy); the final answer's text."""
    preview = await world.say("admin", f"/plan {assignment}")
    ok, cancel = buttons(preview)
    return texts(await world.press("admin", ok if confirm else cancel))


async def test_an_admin_reads_the_settings_documents_use(world):
    text = texts(await world.say("admin", "/plan"))
    assert text.startswith("<b>Thiết lập văn bản — Kế hoạch 112/KH-UBND</b>")
    assert "• <code>form</code>: state" in text and "• <code>signer_name</code>: —" in text
    assert "(đã đặt)" not in text and "/plan khóa=giá trị" in text
    assert texts(await world.say("admin", "/plan 112/kh-ubnd")) == text
    assert "Không có kế hoạch số “99/KH-UBND”" in texts(
        await world.say("admin", "/plan 99/KH-UBND")
    )
    assert "không có quyền" in texts(await world.say("leader", "/plan"))


async def test_a_setting_is_written_only_when_confirmed_and_is_audited(world):
    preview = await world.say("admin", "/plan signer_name=Trần Văn <Bình>")
    assert "Xác nhận đổi thiết lập văn bản của kế hoạch <b>112/KH-UBND</b>" in texts(preview)
    assert "signer_name: — → Trần Văn &lt;Bình&gt;" in texts(preview)
    assert await stored(world) == {}
    ok, _cancel = buttons(preview)
    saved = await world.press("admin", ok)
    assert "Đã lưu thiết lập văn bản của kế hoạch 112/KH-UBND." in texts(saved) and saved[0].edit
    assert "• <code>signer_name</code>: Trần Văn &lt;Bình&gt; <i>(đã đặt)</i>" in texts(saved)
    assert await stored(world) == {"signer_name": "Trần Văn <Bình>"}
    async with world.core.db.reading() as session:
        (entry,) = await session.scalars(
            select(AuditEntry).where(AuditEntry.action == "report_settings")
        )
    assert entry.actor == "telegram:admin" and entry.details["after"] == await stored(world)
    assert "hết hạn" in texts(await world.press("admin", ok))  # the same button twice


async def test_recipients_are_lines_and_a_dash_removes_a_setting(world):
    await set_in_chat(world, "recipients=Thường trực Huyện ủy; Lưu VP")
    assert await stored(world) == {"recipients": ["Thường trực Huyện ủy", "Lưu VP"]}
    preview = texts(await world.say("admin", "/plan recipients=-"))
    assert "recipients: Thường trực Huyện ủy; Lưu VP → (bỏ" in preview
    await set_in_chat(world, "recipients=-")
    assert await stored(world) == {}


async def test_cancelled_and_invalid_settings_change_nothing(world):
    assert "Đã hủy" in await set_in_chat(world, "place=Đông Hưng", confirm=False)
    assert await stored(world) == {}
    assert "Không có thiết lập “colour”" in texts(await world.say("admin", "/plan colour=red"))
    assert "“form” là party hoặc state" in texts(await world.say("admin", "/plan form=abc"))
    assert await stored(world) == {}
