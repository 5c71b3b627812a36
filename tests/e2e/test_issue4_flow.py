"""Issue 4 end to end: `dondoc import`, `invite`, `run` and `remind` as real processes over HTTP.

Every `dondoc` process here lives on Monday 23 June 2025, 07:00 in Hà Nội (time-machine, started
from the environment by a `sitecustomize` on PYTHONPATH): `dondoc remind` has no option to send
"as of" a moment, and the sample plan's deadlines are in 2025. On that day the plan's task 2
(Phòng Văn hóa và Thông tin huyện, due 30/06) has its D-7 reminder.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from pathlib import Path

from bot.emulators.telegram import TelegramEmulator
from bot.emulators.telegram_objects import Message, User
from tests.conftest import SAMPLES
from tests.e2e.conftest import BotProcess, bot_settings, dondoc, process_env

PLAN = SAMPLES / "ke-hoach-112-chuyen-doi-so.docx"
EXPECTED = SAMPLES / "ke-hoach-112-chuyen-doi-so.expected.json"
CULTURE = "Phòng Văn hóa và Thông tin huyện"
POLICE = "Công an huyện"
MOMENT = "2025-06-23T07:00:00+07:00"  # before the 08:00 send time: the bot's own sweep waits
REPLY = "Đã triển khai được 70%, đang nhân rộng mô hình"
TASK = re.compile(r"Nhiệm vụ ([\w.]+):")
SITECUSTOMIZE = """\
import os

if os.environ.get("DONDOC_E2E_MOMENT"):
    import time_machine

    time_machine.travel(os.environ["DONDOC_E2E_MOMENT"], tick=True).start()
"""


class Cli:
    """The `dondoc` command on the test's database, its clock travelled to MOMENT."""

    def __init__(self, emu: TelegramEmulator, tmp_path: Path):
        travel = tmp_path / "travel"
        travel.mkdir()
        (travel / "sitecustomize.py").write_text(SITECUSTOMIZE)
        self.cwd = tmp_path
        self.env = process_env(
            bot_settings(emu, tmp_path), PYTHONPATH=str(travel), DONDOC_E2E_MOMENT=MOMENT
        )

    async def json(self, *args: str) -> dict:
        """Run `dondoc <args> --json`; its parsed output (the exit code must be 0)."""
        code, out, err = await dondoc(*args, "--json", env=self.env, cwd=self.cwd)
        assert code == 0, err
        return json.loads(out)


def rows(tmp_path: Path, query: str) -> list[tuple]:
    """Read the bot's SQLite file directly (what a crash left on disk)."""
    with sqlite3.connect(tmp_path / "bot.db") as connection:
        return connection.execute(query).fetchall()


async def ask(emu: TelegramEmulator, user: User, text: str) -> Message:
    await emu.send_text(user, text)
    return await emu.next_message(user.id)


async def summary(emu: TelegramEmulator, user: User) -> str:
    """The user's whole /summary, turning its pages with the "next" button."""
    page = await ask(emu, user, "/summary")
    pages = [page.plain]
    while page.buttons and page.labels[-1].startswith("Trang sau"):
        query = await emu.press(user, page, page.labels[-1])
        await emu.wait_for(lambda q=query: emu.answered(q))
        pages.append(page.plain)
    return "\n".join(pages)


async def test_issue_4_import_invite_remind_reply_summary_and_crash(emulator, tmp_path):
    emu = emulator
    cli = Cli(emu, tmp_path)
    imported = await cli.json("import", str(PLAN))
    expected = json.loads(EXPECTED.read_text())
    assert imported["tasks_created"] == len(expected["tasks"])
    titles = [task["title"] for task in expected["tasks"]]

    bot = BotProcess(emu, cli.env, tmp_path)
    try:
        await bot.start()
        invites = [
            await cli.json("invite", "--role", "leader"),
            await cli.json("invite", "--role", "contact", "--unit", CULTURE),
            await cli.json("invite", "--role", "contact", "--unit", POLICE),
        ]
        leader = emu.user(7001, "Nguyễn Văn Hùng")
        culture = emu.user(7002, "Trần Thị Mai")
        police = emu.user(7003, "Lê Văn Cường")
        stranger = emu.user(7004, "Người lạ")
        welcomes = [
            await ask(emu, user, f"/start {invite['code']}")
            for user, invite in zip((leader, culture, police), invites, strict=True)
        ]
        print([w.plain for w in welcomes])
        refused = await ask(emu, stranger, f"/start {invites[1]['code']}")
        print(refused.plain)

        swept = await cli.json("remind")
        print(json.dumps(swept, ensure_ascii=False, indent=1))
        per_chat = Counter(int(item["chat_id"]) for item in swept["sent"])
        received = {chat: [await emu.next_message(chat) for _ in range(n)] for chat, n in per_chat.items()}
        for chat, msgs in received.items():
            for m in msgs:
                print(chat, m.plain, m.labels)
        reminder = next(m for m in received[culture.id] if TASK.search(m.plain).group(1) == "2")
        await emu.reply(culture, reminder, REPLY)
        ack = await emu.next_message(culture.id)
        print(ack.plain)
        print(await summary(emu, leader))
        print((await ask(emu, stranger, "/summary")).plain)
        await bot.restart()
        print(await summary(emu, leader))
        again = await cli.json("remind")
        print(again)
    finally:
        print(bot.log_text()[-3000:])
        if bot.child is not None:
            await bot.stop()
    assert False
