"""/summary through the core: who sees what, filters, and pages that fit each platform."""

from __future__ import annotations

import re

import pytest

from bot.domain import Role
from bot.messages import ChannelCapabilities, Incoming
from bot.plandoc import PlanDocument, PlanHeader, TaskDraft
from tests.fakes import FakeChannel, bind_user, message, seed_plan
from tests.integration.summary.helpers import local, seed_sample_with_reports

VH_TT = "Phòng Văn hóa và Thông tin huyện"


@pytest.fixture
async def sample(core):
    """Plan 112 with its reports, seen on 1 July 2025 at 10:00 in Hà Nội."""
    await seed_sample_with_reports(core.db)
    core.clock.set(local(2025, 7, 1, 10))
    now = core.clock.now()
    await bind_user(core.db, now, role=Role.LEADER, user_id="leader")
    await bind_user(core.db, now, role=Role.OBSERVER, user_id="observer")
    await bind_user(core.db, now, role=Role.CONTACT, user_id="noivu", unit="Phòng Nội vụ huyện")
    return core


async def ask(core, user: str, text: str) -> str:
    (reply,) = await core.handle(message(user, text))
    return reply.text


def press(user: str, data: str, channel: str = "telegram") -> Incoming:
    return Incoming(channel=channel, chat_id=user, user_id=user, callback_data=data,
                    callback_id="cb", message_id="77")  # fmt: skip


def task_codes(text: str) -> list[str]:
    return re.findall(r"^<b>([\w.]+)\.</b>", text, re.MULTILINE)


async def test_leader_sees_the_headline_then_overdue_tasks_first(sample):
    text = await ask(sample, "leader", "/summary")
    assert text.startswith("<b>TÌNH HÌNH THỰC HIỆN KẾ HOẠCH</b>")
    assert "Tính đến 10:00 ngày 01/07/2025" in text
    assert "• Đã hoàn thành đúng hạn: <b>1</b>" in text and "• Quá hạn: <b>2</b>" in text
    # Task 2's report of 1/6 came before its deadline (30/6): once overdue it owes a new one.
    assert "Tỷ lệ báo cáo kỳ này: <b>0/5</b> lượt (0%)" in text
    assert task_codes(text)[:2] == ["6", "2"]  # most overdue first
    overdue, missing, rest = (
        text.index(s)
        for s in ("▌NHIỆM VỤ QUÁ HẠN", "▌ĐƠN VỊ CHƯA BÁO CÁO", "▌ĐƠN VỊ CHƯA CÓ ĐẦU MỐI")
    )
    assert not re.search(r"<b>[IVX]+\. ", text)  # no section numbered like a task code
    assert overdue < missing < rest
    assert "↳ 01/06/2025: “Đang thực hiện 50%” — 50% (Đang thực hiện)" in text
    assert "• Công an huyện: nhiệm vụ 5" in text


async def test_observer_reads_the_same_summary(sample):
    assert await ask(sample, "observer", "/summary") == await ask(sample, "leader", "/summary")


async def test_contact_sees_only_their_own_unit(sample):
    text = await ask(sample, "noivu", "/summary")
    assert "Đơn vị: <b>Phòng Nội vụ huyện</b>" in text
    assert task_codes(text) == ["3"]
    assert "Triển khai nền tảng" not in text and "Công an huyện" not in text
    refused = await ask(sample, "noivu", f"/summary {VH_TT}")
    assert "chỉ xem được tình hình của đơn vị mình" in refused and "Triển khai" not in refused
    assert task_codes(await ask(sample, "noivu", "/summary 2")) == []
    (forged,) = await sample.handle(press("noivu", "sum:u1:1"))
    assert "chỉ xem được" in forged.text


async def test_filters_overdue_unit_and_task(sample):
    overdue = await ask(sample, "leader", "/summary quahan")
    assert "Chỉ các nhiệm vụ quá hạn" in overdue and task_codes(overdue) == ["6", "2"]
    unit = await ask(sample, "leader", f"/summary {VH_TT.lower()}")
    assert f"Đơn vị: <b>{VH_TT}</b>" in unit
    assert sorted(task_codes(unit)) == ["2", "6", "7", "III.1"]
    one = await ask(sample, "leader", "/summary 2")
    assert task_codes(one) == ["2"] and "Nhiệm vụ 2" in one
    missing = await ask(sample, "leader", "/summary không có gì")
    assert "Không tìm thấy nhiệm vụ hay đơn vị “không có gì”" in missing


async def test_strangers_get_the_polite_refusal_and_no_data(sample):
    text = await ask(sample, "stranger", "/summary")
    assert "chưa được cấp quyền" in text and "Quá hạn" not in text
    (pressed,) = await sample.handle(press("stranger", "sum:a:2"))
    assert "chưa được cấp quyền" in pressed.text


@pytest.mark.parametrize(("channel", "limit"), [("telegram", 4096), ("zalo", 2000)])
async def test_long_summaries_page_within_the_platform_limit(core, channel, limit):
    core.channels["zalo"] = FakeChannel(
        name="zalo", capabilities=ChannelCapabilities(max_text=2000, inline_buttons=False)
    )
    await seed_plan(core.db, big_plan(90))
    await bind_user(core.db, core.clock.now(), role=Role.ADMIN, user_id="admin", channel=channel)
    core.clock.set(local(2025, 7, 1, 10))
    (first,) = await core.handle(
        Incoming(channel=channel, chat_id="admin", user_id="admin", text="/summary")
    )
    pages, reply = [first], first
    while reply.buttons and reply.buttons[0][-1].data.endswith(f":{len(pages) + 1}"):
        (reply,) = await core.handle(press("admin", reply.buttons[0][-1].data, channel))
        assert reply.edit
        pages.append(reply)
    assert len(pages) > 2
    assert all(len(page.text) <= limit for page in pages)
    assert pages[-1].text.endswith(f"Trang {len(pages)}/{len(pages)}")
    assert [b.label for b in pages[1].buttons[0]] == ["◀ Trang trước", "Trang sau ▶"]
    shown = [code for page in pages for code in task_codes(page.text)]
    assert sorted(shown) == sorted(f"N{n}" for n in range(1, 91))
    (back,) = await core.handle(press("admin", pages[1].buttons[0][0].data, channel))
    assert back.text == pages[0].text


def big_plan(count: int) -> PlanDocument:
    title = "Triển khai, hướng dẫn, kiểm tra và tổng hợp kết quả thực hiện chuyển đổi số tại cơ sở"
    tasks = [
        TaskDraft(code=f"N{n}", title=f"{title} (phần {n})", lead_units=[f"UBND xã Số {n % 20}"],
                  due=local(2025, 5 + n % 4, 10).date())
        for n in range(1, count + 1)
    ]  # fmt: skip
    return PlanDocument(plan=PlanHeader(number="200/KH-UBND", title="Kế hoạch dài"), tasks=tasks)
