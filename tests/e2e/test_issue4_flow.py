"""Issue 4 end to end: `dondoc import`, `invite`, `run` and `remind` as real processes over HTTP.

Every `dondoc` process here lives on Monday 23 June 2025 from 07:00 in Hà Nội: time-machine is
started in each child by a `sitecustomize` on its PYTHONPATH, because `dondoc remind` has no
option to send "as of" a moment and the sample plan's deadlines are in 2025. That morning task 2
of the plan (Phòng Văn hóa và Thông tin huyện, due 30/06) has its D-7 reminder; `dondoc remind`
sends what has come that day, and 07:00 is before the 08:00 send time of the bot's own sweeps.
"""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
import time
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from bot.emulators.telegram import TelegramEmulator
from bot.emulators.telegram_html import parse_html
from bot.emulators.telegram_objects import Message, User
from bot.texts import t
from tests.support.paths import SAMPLES
from tests.support.telegram_e2e import BotProcess, bot_settings, dondoc, process_env

PLAN = SAMPLES / "ke-hoach-112-chuyen-doi-so.docx"
EXPECTED = SAMPLES / "ke-hoach-112-chuyen-doi-so.expected.json"
CULTURE = "Phòng Văn hóa và Thông tin huyện"
POLICE = "Công an huyện"
MOMENT = "2025-06-23T07:00:00+07:00"
REPLY = "Đã triển khai được 70%, đang nhân rộng mô hình"
TASK = re.compile(r"Nhiệm vụ ([\w.]+):")
# One timeline for every child: the test's start is MOMENT, and time runs on from there.
SITECUSTOMIZE = """\
import os

if os.environ.get("DONDOC_E2E_MOMENT"):
    import time
    from datetime import datetime, timedelta

    import time_machine

    moment = datetime.fromisoformat(os.environ["DONDOC_E2E_MOMENT"])
    elapsed = time.time() - float(os.environ["DONDOC_E2E_STARTED"])
    time_machine.travel(moment + timedelta(seconds=elapsed), tick=True).start()
"""


class Cli:
    """The `dondoc` command on the test's database, on the MOMENT timeline."""

    def __init__(self, emu: TelegramEmulator, tmp_path: Path):
        travel = tmp_path / "travel"
        travel.mkdir()
        (travel / "sitecustomize.py").write_text(SITECUSTOMIZE)
        self.cwd = tmp_path
        self.env = process_env(
            bot_settings(emu, tmp_path),
            TELEGRAM_BOT_USERNAME=emu.bot_user["username"],
            PYTHONPATH=str(travel),
            DONDOC_E2E_MOMENT=MOMENT,
            DONDOC_E2E_STARTED=str(time.time()),
        )

    async def json(self, *args: str) -> dict:
        """Run `dondoc <args> --json`; its parsed output (it must succeed)."""
        code, out, err = await dondoc(*args, "--json", env=self.env, cwd=self.cwd)
        assert code == 0, err
        return json.loads(out)


def on_disk(tmp_path: Path, query: str) -> list[tuple]:
    """Rows straight from the bot's SQLite file."""
    with sqlite3.connect(tmp_path / "bot.db") as connection:
        return connection.execute(query).fetchall()


def deep_link_code(link: str) -> str:
    """The `start` parameter of a t.me deep link to our bot."""
    url = urlsplit(link)
    assert (url.netloc, url.path) == ("t.me", "/dondoc_test_bot")
    return parse_qs(url.query)["start"][0]


async def ask(emu: TelegramEmulator, user: User, text: str) -> Message:
    """Send a text in the user's private chat; the bot's next message there."""
    await emu.send_text(user, text)
    return await emu.next_message(user.id)


async def whole_summary(emu: TelegramEmulator, user: User) -> str:
    """The user's /summary, every page (turned with the "next page" button)."""
    page = await ask(emu, user, "/summary")
    pages, turn = [page.plain], t("summary.next", "vi")
    while turn in page.labels:
        query = await emu.press(user, page, turn)
        await emu.wait_for(lambda q=query: emu.answered(q))
        pages.append(page.plain)  # the page was edited in place
    return "\n".join(pages)


async def test_issue_4_invite_remind_reply_summary_survive_a_crash(emulator, tmp_path):
    emu = emulator
    cli = Cli(emu, tmp_path)
    imported = await cli.json("import", str(PLAN))
    titles = [task["title"] for task in json.loads(EXPECTED.read_text())["tasks"]]
    assert imported["tasks_created"] == len(titles)

    # While people join, only the operator's `dondoc remind` sends: a sweep of the bot's own that
    # read the recipients just before a join records "undeliverable" after it, never to be revived.
    bot = BotProcess(emu, cli.env, tmp_path, run_args=("--no-scheduler",))
    try:
        *_, invites = await asyncio.gather(
            bot.start(),
            asyncio.gather(
                cli.json("invite", "--role", "leader"),
                cli.json("invite", "--role", "contact", "--unit", CULTURE),
                cli.json("invite", "--role", "contact", "--unit", POLICE),
            ),
        )
        leader = emu.user(7001, "Nguyễn Văn Hùng")
        culture = emu.user(7002, "Trần Thị Mai")
        police = emu.user(7003, "Lê Văn Cường")
        stranger = emu.user(7004, "Người lạ")
        people = (leader, culture, police)
        welcomes = [  # each opens their deep link: Telegram sends "/start <code>"
            await ask(emu, user, f"/start {deep_link_code(invite['link'])}")
            for user, invite in zip(people, invites, strict=True)
        ]
        for user, welcome in zip(people, welcomes, strict=True):
            assert welcome.plain.startswith(f"Chào mừng {user.first_name}!")
        assert "lãnh đạo" in welcomes[0].plain
        assert CULTURE in welcomes[1].plain and POLICE in welcomes[2].plain
        reused = await ask(emu, stranger, f"/start {invites[1]['code']}")
        assert "đã được sử dụng" in reused.plain
        assert not on_disk(tmp_path, "select 1 from contact_endpoints where user_id = '7004'")

        swept = await cli.json("remind")
        per_chat = Counter(int(item["chat_id"]) for item in swept["sent"])
        received = {
            chat: [await emu.next_message(chat) for _ in range(n)] for chat, n in per_chat.items()
        }
        assert set(received) == {leader.id, culture.id, police.id}
        to_culture = {TASK.search(m.plain).group(1): m for m in received[culture.id]}
        # One message per task: D-7 of task 2, task 6 a week overdue, III.1's quarterly report.
        assert sorted(to_culture) == ["2", "6", "III.1"] and len(received[culture.id]) == 3
        assert "Thời hạn: 30/06/2025 (còn 7 ngày)" in to_culture["2"].plain
        assert [TASK.search(m.plain).group(1) for m in received[police.id]] == ["5"]
        assert "6 — Báo cáo sơ kết 6 tháng" in received[leader.id][0].plain  # the escalation

        # The contact answers the task 2 reminder by replying to it (not to the two others).
        await emu.reply(culture, to_culture["2"], REPLY)
        ack = await emu.next_message(culture.id)
        assert "70" in ack.plain and "nhiệm vụ 2" in ack.plain
        stored = "select t.code, r.percent, r.text from progress_reports r join tasks t on t.id = r.task_id"
        assert on_disk(tmp_path, stored) == [("2", 70, REPLY)]
        report_line = f"“{REPLY}” — 70%"
        assert report_line in await whole_summary(emu, leader)

        refusal = await ask(emu, stranger, "/summary")
        assert refusal.plain == parse_html(t("common.stranger", "vi"))
        assert "70" not in refusal.plain and not any(title in refusal.plain for title in titles)

        before_crash = {chat: len(emu.messages_to(chat)) for chat in (u.id for u in people)}
        bot.run_args = ()  # it comes back as in production: its start-up sweep is the catch-up
        # kill -9, then the same database; the operator sweeps again while it starts and sweeps
        again, _ = await asyncio.gather(cli.json("remind"), bot.restart())
        assert report_line in await whole_summary(emu, leader)
        assert on_disk(tmp_path, stored) == [("2", 70, REPLY)]
    finally:
        if bot.child is not None:
            await bot.stop()
    assert again["sent"] == []
    before_crash[leader.id] += 1  # the summary after the restart
    assert {chat: len(emu.messages_to(chat)) for chat in before_crash} == before_crash
    reminders = [m.text for chat in (culture.id, police.id) for m in emu.messages_to(chat)]
    assert len(reminders) == len(set(reminders))
    deliveries = on_disk(tmp_path, "select slot_id, chat_id from deliveries")
    assert len(deliveries) == len(swept["sent"]) == len({slot for slot, _chat in deliveries})
