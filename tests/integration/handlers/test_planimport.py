"""An admin sends a plan document in chat: preview, nothing written, import on confirmation."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.messages import Attachment
from db.models import Plan, Task
from tests.support.paths import REPO, SAMPLES
from tests.support.world import UNIT_A, buttons, texts

EXAMPLE = (REPO / "examples" / "example-plan.yaml").read_bytes()


def document(file_id: str, name: str) -> tuple[Attachment, ...]:
    return (Attachment(kind="document", file_id=file_id, file_name=name, size=len(EXAMPLE)),)


async def counts(world) -> tuple[int, int]:
    async with world.core.db.reading() as session:
        return await session.scalar(select(func.count(Plan.id))), await session.scalar(
            select(func.count(Task.id))
        )


async def test_preview_then_import_on_confirmation(world):
    world.channel.files["f-yaml"] = EXAMPLE
    preview = await world.say("admin", "", attachments=document("f-yaml", "ke-hoach-45.yaml"))
    text = texts(preview)
    assert "Số: 45/KH-UBND" in text and "Số nhiệm vụ: 3" in text
    assert "• <b>1</b> Rà soát, công bố thủ tục hành chính" in text
    assert "Chủ trì: Văn phòng HĐND và UBND huyện — Hạn: 31/03/2025" in text
    assert "Hạn: hằng quý" in text
    assert await counts(world) == (1, 9)  # nothing written yet
    ok = next(b for b in buttons(preview) if b.startswith("imp:ok:"))
    done = await world.press("admin", ok)
    assert "Đã nhập kế hoạch “Kế hoạch cải cách hành chính huyện năm 2025”" in texts(done)
    assert "3 nhiệm vụ mới" in texts(done)
    assert await counts(world) == (2, 12)
    assert "hết hạn" in texts(await world.press("admin", ok))


async def test_cancel_imports_nothing(world):
    world.channel.files["f-yaml"] = EXAMPLE
    preview = await world.say("admin", "", attachments=document("f-yaml", "kh.yml"))
    no = next(b for b in buttons(preview) if b.startswith("imp:no:"))
    assert texts(await world.press("admin", no)) == "Đã hủy."
    assert await counts(world) == (1, 9)


async def test_an_unreadable_file_says_why(world):
    world.channel.files["f-bad"] = b"plan: [\n"
    out = await world.say("admin", "", attachments=document("f-bad", "hong.yaml"))
    assert texts(out).startswith("Không đọc được kế hoạch từ tệp này:")
    assert buttons(out) == []


async def test_a_known_plan_is_flagged(world):
    world.channel.files["f-yaml"] = EXAMPLE
    first = await world.say("admin", "", attachments=document("f-yaml", "a.yaml"))
    await world.press("admin", next(b for b in buttons(first) if b.startswith("imp:ok:")))
    again = await world.say("admin", "", attachments=document("f-yaml", "a.yaml"))
    assert "Kế hoạch này đã có" in texts(again)


async def test_a_plan_text_read_by_the_parser_flags_doubtful_fields(world):
    world.channel.files["f-txt"] = (SAMPLES / "ke-hoach-730-khcn.txt").read_bytes()
    preview = await world.say("admin", "", attachments=document("f-txt", "730.txt"))
    line = next(part for part in texts(preview).split("\n") if part.startswith("• <b>III.1</b>"))
    assert "⚠️ cần kiểm tra: thời hạn" in line
    assert len(texts(preview)) <= world.channel.capabilities.max_text


async def test_a_contacts_document_is_evidence_not_a_plan(world):
    world.channel.files["f-yaml"] = EXAMPLE
    await world.say("a", "NV 2: đạt 50%")
    out = await world.say("a", "", attachments=document("f-yaml", "ke-hoach.yaml"))
    assert (
        texts(out)
        == "Đã lưu tệp đính kèm làm minh chứng cho báo cáo nhiệm vụ 2 (Đang thực hiện, 50%)."
    )
    assert await counts(world) == (1, 9)
    [report] = await world.reports()
    assert report.unit_id == world.units[UNIT_A] and report.attachments[0]["file_id"] == "f-yaml"


async def test_a_long_plan_is_cut_to_one_message(world):
    tasks = "".join(
        f'  - code: "{n}"\n    title: Nhiệm vụ số {n} về chuyển đổi số trong cơ quan nhà nước\n'
        f"    lead_units: [Phòng Nội vụ huyện]\n    due: 2025-12-31\n"
        for n in range(1, 151)
    )
    world.channel.files["f-long"] = f"plan:\n  title: Kế hoạch dài\ntasks:\n{tasks}".encode()
    preview = await world.say("admin", "", attachments=document("f-long", "dai.yaml"))
    text = texts(preview)
    assert len(text) <= world.channel.capabilities.max_text
    assert "Số nhiệm vụ: 150" in text and "nhiệm vụ nữa." in text
    await world.press("admin", next(b for b in buttons(preview) if b.startswith("imp:ok:")))
    assert await counts(world) == (2, 159)


async def test_a_file_that_is_not_utf8_text_is_named_in_the_answer(world):
    world.channel.files["f-latin"] = "plan:\n  title: Kê hoach thu\xe2n\n".encode("latin-1")
    out = await world.say("admin", "", attachments=document("f-latin", "Kế hoạch 45.yaml"))
    assert (
        texts(out)
        == "Không đọc được kế hoạch từ tệp này: Kế hoạch 45.yaml: không phải văn bản UTF-8; "
        "hãy lưu lại tệp với mã UTF-8."
    )


async def test_a_plan_sent_in_a_group_is_not_previewed_there(world):
    world.channel.files["f-yaml"] = EXAMPLE
    attachments = document("f-yaml", "ke-hoach-45.yaml")
    out = await world.say("admin", "", attachments=attachments, chat_id="-100", chat_type="group")
    assert out == []  # people share files in groups; the plan-wide preview is for a private chat
    assert "Số nhiệm vụ: 3" in texts(await world.say("admin", "", attachments=attachments))
