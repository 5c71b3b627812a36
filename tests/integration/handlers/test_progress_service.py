"""The progress service on both databases: who may report, idempotence, edits, extensions."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot.domain import ReportStatus, Role
from bot.services.progress import ReportRefused, edit_report, record_report
from bot.services.tasks import get_task
from bot.services.units import add_member, get_unit
from db.models import AuditEntry, Contact, ExtensionRequest, ProgressReport, Task
from tests.fakes import bind_user, plan_from_expected, seed_plan
from tests.support.world import GROUP, MEMBER, PLAN_112, UNIT_A, UNIT_B

NOW = datetime(2025, 3, 24, 1, 0, tzinfo=UTC)


@pytest.fixture
async def seeded(db):
    await seed_plan(db, plan_from_expected(PLAN_112))
    async with db.transaction() as session:
        await add_member(session, GROUP, MEMBER, "test")
    return db


async def report(db, code: str, unit: str, text: str, **fields):
    async with db.transaction() as session:
        return await record_report(
            session,
            task=await get_task(session, code),
            unit=await get_unit(session, unit),
            text=text,
            entered_by="test",
            reported_at=fields.pop("reported_at", NOW),
            **fields,
        )


async def test_only_assigned_units_may_report(seeded):
    with pytest.raises(ReportRefused):
        await report(seeded, "2", UNIT_B, "xong")
    with pytest.raises(ReportRefused):  # the member of a group that is not on task 2 either
        await report(seeded, "2", MEMBER, "xong")
    async with seeded.reading() as session:
        assert await session.scalar(select(func.count(ProgressReport.id))) == 0


async def test_a_contact_reports_for_their_own_unit_only(seeded):
    contact_id = await bind_user(seeded, NOW, role=Role.CONTACT, user_id="b", unit=UNIT_B)
    async with seeded.transaction() as session:
        contact = await session.get(Contact, contact_id)
        with pytest.raises(ReportRefused):
            await record_report(
                session, task=await get_task(session, "2"), unit=await get_unit(session, UNIT_A),
                text="xong", contact=contact, entered_by="test", reported_at=NOW,
            )  # fmt: skip


async def test_a_member_reports_on_its_groups_task_for_itself(seeded):
    recorded = await report(
        seeded, "1", MEMBER, "Đã ban hành kế hoạch", status_override=ReportStatus.DONE
    )
    async with seeded.reading() as session:
        member = await get_unit(session, MEMBER)
    assert recorded.report.unit_id == member.id and recorded.report.percent == 100


async def test_one_report_per_chat_message_and_the_task_is_touched(seeded):
    key = {"channel": "telegram", "chat_id": "a", "message_id": "42"}
    first = await report(seeded, "2", UNIT_A, "đạt 70%", now=NOW + timedelta(minutes=1), **key)
    second = await report(seeded, "2", UNIT_A, "đạt 70%", **key)
    assert first.created and not second.created and second.report.id == first.report.id
    async with seeded.reading() as session:
        touched = await session.scalar(select(Task.updated_at).where(Task.id == first.task.id))
        assert touched == NOW + timedelta(minutes=1)
        assert await session.scalar(select(func.count(ProgressReport.id))) == 1
        entry = await session.scalar(select(AuditEntry).where(AuditEntry.action == "report"))
    assert entry.details["percent"] == 70 and entry.details["unit"] == UNIT_A


async def test_an_edit_keeps_what_the_new_text_does_not_say(seeded):
    recorded = await report(seeded, "2", UNIT_A, "gặp khó khăn, đạt 40%")
    async with seeded.transaction() as session:
        stored = await session.get(ProgressReport, recorded.report.id)
        edited = await edit_report(session, stored, text="Thiếu mặt bằng", actor="test", now=NOW)
    assert (edited.report.status, edited.report.percent) == ("blocked", 40)
    assert edited.report.edited_at == NOW


async def test_an_extension_with_a_date_opens_a_request(seeded):
    recorded = await report(seeded, "2", UNIT_A, "đề nghị gia hạn đến 30/9/2025")
    assert recorded.extension.proposed_due == date(2025, 9, 30)
    assert recorded.report.proposed_due == date(2025, 9, 30)
    early = await report(seeded, "2", UNIT_A, "đề nghị gia hạn đến 15/6/2025")
    assert early.extension is None and early.extension_error.key == "extensions.date_not_later"
    async with seeded.reading() as session:
        assert await session.scalar(select(func.count(ExtensionRequest.id))) == 1


async def test_a_date_in_a_report_that_is_no_extension_is_not_kept(seeded):
    recorded = await report(seeded, "2", UNIT_A, "Ngày 20/3 đã họp triển khai, đạt 30%")
    assert recorded.report.proposed_due is None and recorded.extension is None


async def test_the_same_message_at_once_from_two_workers_is_one_report(seeded):
    key = {"channel": "telegram", "chat_id": "a", "message_id": "7"}
    first, second = await asyncio.gather(
        report(seeded, "2", UNIT_A, "đạt 70%", **key), report(seeded, "2", UNIT_A, "đạt 70%", **key)
    )
    assert sorted([first.created, second.created]) == [False, True]
    assert first.report.id == second.report.id
