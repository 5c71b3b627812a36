"""Scheduled digests: to the committee chat and the leaders, once per period and chat."""

from __future__ import annotations

from datetime import datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import select

from bot.domain import Role
from bot.messages import Outgoing, Sent, Unreachable
from bot.services.bound_chats import bind_chat
from bot.services.digests import digest_job, with_changes
from bot.services.summary_changes import Changes
from db.models import DigestSend
from scheduler.jobs import digests as digest_jobs
from tests.fakes import FakeChannel, bind_user
from tests.integration.summary.helpers import HANOI, add_report, local, seed_sample_with_reports

COMMITTEE_CHAT = "-100777"
VH_TT = "Phòng Văn hóa và Thông tin huyện"


class RefusingChannel(FakeChannel):
    """A channel whose user `blocked` has blocked the bot."""

    async def send(self, chat_id: str, message: Outgoing) -> Sent:
        if chat_id == "blocked":
            raise Unreachable("bot was blocked by the user")
        return await super().send(chat_id, message)


async def setup(core) -> RefusingChannel:
    channel = RefusingChannel()
    core.channels["telegram"] = channel
    await seed_sample_with_reports(core.db)
    now = core.clock.now()
    for user, role in (("leader", Role.LEADER), ("blocked", Role.LEADER), ("admin", Role.ADMIN)):
        await bind_user(core.db, now, role=role, user_id=user)
    await bind_user(core.db, now, role=Role.LEADER, user_id="z1", channel="zalo")  # no Zalo here
    async with core.db.transaction() as session:
        await bind_chat(session, "telegram", COMMITTEE_CHAT, "test")
    return channel


async def ledger(core) -> list[tuple[str, str, str, str]]:
    async with core.db.reading() as session:
        rows = await session.scalars(select(DigestSend).order_by(DigestSend.id))
        return [(r.kind, r.period, r.chat_id, r.state) for r in rows]


async def test_weekly_digest_goes_once_to_the_committee_chat_and_each_leader(core):
    channel = await setup(core)
    core.clock.set(local(2025, 6, 30, 7))
    assert await digest_job(core.deps) == 2
    assert [chat for chat, _message, _id in channel.sent] == [COMMITTEE_CHAT, "leader"]
    text = channel.texts_to("leader")[0]
    assert text.startswith("<b>BÁO CÁO TUẦN: TÌNH HÌNH THỰC HIỆN KẾ HOẠCH</b>")
    assert "• Quá hạn: <b>1</b>" in text  # task 6, due 15/6
    assert await ledger(core) == [
        ("weekly", "2025-W27", COMMITTEE_CHAT, "sent"), ("weekly", "2025-W27", "leader", "sent"),
        ("weekly", "2025-W27", "blocked", "failed"),
    ]  # fmt: skip
    assert await digest_job(core.deps) == 0  # a second run (or process) sends nothing again
    assert len(channel.sent) == 2


async def test_monthly_digest_on_the_first_working_day(core):
    channel = await setup(core)
    core.clock.set(local(2025, 7, 1, 7))
    assert await digest_job(core.deps) == 2
    assert channel.texts_to(COMMITTEE_CHAT)[0].startswith("<b>BÁO CÁO THÁNG 6/2025")
    core.clock.set(local(2025, 7, 2, 7))
    assert await digest_job(core.deps) == 0


async def test_the_scheduled_job_runs_every_day_at_07_30_in_ha_noi_and_sends(core):
    channel = await setup(core)
    scheduler = AsyncIOScheduler()
    digest_jobs.register(scheduler, core)
    (job,) = scheduler.get_jobs()
    after = datetime(2025, 6, 29, 23, 0, tzinfo=HANOI)
    assert job.trigger.get_next_fire_time(None, after) == datetime(2025, 6, 30, 7, 30, tzinfo=HANOI)
    core.clock.set(local(2025, 6, 30, 7, 30))
    await job.func()
    assert [chat for chat, _message, _id in channel.sent] == [COMMITTEE_CHAT, "leader"]


async def test_the_next_weekly_digest_adds_what_changed_since_the_last(core):
    channel = await setup(core)
    core.clock.set(local(2025, 6, 30, 7))
    await digest_job(core.deps)
    assert "Thay đổi từ kỳ trước" not in channel.texts_to("leader")[0]  # nothing to compare with
    await add_report(core.db, "6", VH_TT, "Đã gửi báo cáo sơ kết", local(2025, 7, 3), "done")
    await add_report(core.db, "2", VH_TT, "Vướng kinh phí, chưa lắp đặt được", local(2025, 7, 4),
                     "blocked")  # fmt: skip
    core.clock.set(local(2025, 7, 7, 7))
    assert await digest_job(core.deps) == 2
    text = channel.texts_to("leader")[-1]
    changes = text[text.index("<b>Thay đổi từ kỳ trước</b> (từ ngày 30/06/2025)") :]
    assert "• Hoàn thành: <b>1</b> nhiệm vụ (6)" in changes
    assert "• Mới quá hạn: <b>1</b> nhiệm vụ (2)" in changes  # due 30/6, overdue from 1/7
    assert (
        "• Vướng mắc mới, nhiệm vụ 2 — Phòng Văn hóa và Thông tin huyện: “Vướng kinh phí" in changes
    )
    assert channel.texts_to(COMMITTEE_CHAT)[-1] == text


async def test_changes_that_do_not_fit_the_last_page_go_on_a_page_of_their_own():
    changes = Changes(local(2025, 6, 30, 7), (), (), (("2", "Phòng A", "x" * 50),))
    pages = with_changes(["a" * 90], changes, "vi", HANOI, limit=100)
    assert pages[0] == "a" * 90 and pages[1].startswith("<b>Thay đổi từ kỳ trước</b>")
    (joined,) = with_changes(["a"], changes, "vi", HANOI, limit=1000)
    assert joined.startswith("a\n\n<b>Thay đổi từ kỳ trước</b>")
