"""On Zalo (no buttons) the unsure-reply question and "Sửa" work as numbered choices."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.domain import Role
from bot.emulators.zalo_harness import zalo_bot, zalo_settings
from db.models import ProgressReport
from tests.fakes import bind_user, plan_from_expected, seed_plan
from tests.support.paths import SAMPLES


@pytest.fixture
async def contact(sqlite_db, clock):
    await seed_plan(sqlite_db, plan_from_expected(SAMPLES / "ke-hoach-730-khcn.expected.json"))
    return await bind_user(
        sqlite_db, clock.now(), role=Role.CONTACT, user_id="zu1", unit="UBND huyện", channel="zalo"
    )


@pytest.fixture
async def bot(tmp_path, emulator, sqlite_db, clock):
    async with zalo_bot(zalo_settings(tmp_path, emulator), sqlite_db, clock) as running:
        yield running


async def stored(db) -> list[ProgressReport]:
    async with db.reading() as session:
        return list(await session.scalars(select(ProgressReport)))


async def test_an_unsure_reply_is_answered_by_number(emulator, bot, contact, sqlite_db):
    person = emulator.user("zu1", "Nguyễn Văn A")
    await emulator.send_text(person, "II.3 hoàn thành 3/5 hạng mục")
    question = (await emulator.next_message("zu1")).text
    assert "chưa rõ tình trạng" in question
    assert question.endswith(
        "1. Hoàn thành\n2. Đang thực hiện 60%\n3. Gặp vướng mắc\n4. Xin gia hạn\n"
        "Trả lời 1, 2, 3 hoặc 4"
    )
    [report] = await stored(sqlite_db)
    assert report.status is None
    await emulator.send_text(person, "2")
    ack = (await emulator.next_message("zu1")).text
    assert ack.startswith("Đã sửa báo cáo nhiệm vụ II.3: Đang thực hiện, 60%.")
    assert ack.endswith("1. Sửa\nTrả lời 1")
    [report] = await stored(sqlite_db)
    assert (report.status, report.percent) == ("in_progress", 60)
    await emulator.send_text(person, "1")  # Sửa
    again = (await emulator.next_message("zu1")).text
    assert "Sửa báo cáo nhiệm vụ II.3" in again and again.endswith("Trả lời 1, 2, 3 hoặc 4")
    await emulator.send_text(person, "1")  # Hoàn thành
    assert (await emulator.next_message("zu1")).text.startswith(
        "Đã sửa báo cáo nhiệm vụ II.3: Hoàn thành, 100%."
    )
