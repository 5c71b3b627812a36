"""`dondoc summary --send` through a real Telegram channel (the project's Bot API emulator)."""

from __future__ import annotations

import asyncio

from bot.domain import Role
from bot.emulators.telegram import TelegramEmulator
from bot.services.bound_chats import bind_chat
from tests.fakes import bind_user
from tests.integration.summary.helpers import local, seed_sample_with_reports
from tests.support.cli import run_cli
from tests.support.database import migrated_sqlite

TOKEN = "7000000002:summary-send-token"


async def test_send_now_reaches_the_committee_group_and_the_leader(tmp_path):
    url = f"sqlite:///{tmp_path / 'send.db'}"
    database = migrated_sqlite(tmp_path / "send.db")
    await seed_sample_with_reports(database)
    await bind_user(database, local(2025, 6, 1), role=Role.LEADER, user_id="9001")
    async with database.transaction() as session:
        await bind_chat(session, "telegram", "-100777", "test")
    await database.dispose()
    async with TelegramEmulator(token=TOKEN) as emu:
        emu.user(9001, "Lãnh đạo")
        emu.group(-100777, "Thường trực")
        env = {"DATABASE_URL": url, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": emu.api_url}
        # In a thread: the command runs its own event loop while the emulator serves from ours.
        done = await asyncio.to_thread(
            run_cli, tmp_path, "summary", "--send", "--at", "2025-07-01", env=env
        )
        assert done.returncode == 0, done.stderr
        assert "Đã gửi báo cáo tới 2 nơi nhận" in done.stdout
        for chat in (9001, -100777):
            (sent,) = emu.messages_to(chat)
            assert sent.text.startswith("<b>TÌNH HÌNH THỰC HIỆN KẾ HOẠCH</b>") and sent.is_html
            assert "Tính đến hết ngày 01/07/2025" in sent.text
        assert emu.stats.methods["getUpdates"] == 0  # it sent, it did not take the bot's updates
