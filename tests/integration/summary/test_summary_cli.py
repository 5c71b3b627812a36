"""`dondoc summary` and `dondoc export` from the command line."""

from __future__ import annotations

import json
from datetime import date, datetime

import openpyxl
import pytest

from bot.cli.commands.summary import parse_moment, send_now
from bot.cli.common import UserError
from bot.config import Settings
from bot.services.status import end_of_day
from db.engine import Database
from db.migrate import upgrade
from tests.integration.foundation.test_cli import dondoc
from tests.integration.summary.helpers import HANOI, seed_sample_with_reports


async def seeded(tmp_path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'cli.db'}")
    await upgrade(database)
    await seed_sample_with_reports(database)
    await database.dispose()


async def test_summary_json_at_two_dates(tmp_path):
    await seeded(tmp_path)
    july = dondoc(tmp_path, "summary", "--at", "2025-07-01", "--json")
    assert july.returncode == 0, july.stderr
    data = json.loads(july.stdout)
    assert set(data) == {"at", "counts", "tasks", "not_reported", "obstacles"}
    assert set(data["tasks"][0]) == {
        "code",
        "title",
        "lead_units",
        "due",
        "status",
        "days_overdue",
        "last_report",
    }
    tasks = {t["code"]: t for t in data["tasks"]}
    assert [tasks[c]["status"] for c in ("1", "2", "3", "6", "7")] == [
        "done_on_time", "overdue", "in_progress", "overdue", "in_progress",
    ]  # fmt: skip
    assert tasks["2"]["last_report"] == {
        "text": "Đang thực hiện 50%", "percent": 50, "status": "in_progress", "at": "2025-06-01T09:00:00+07:00",
    }  # fmt: skip
    assert {"unit": "Công an huyện", "tasks": ["5"]} in data["not_reported"]
    december = json.loads(dondoc(tmp_path, "summary", "--at", "31/12/2025", "--json").stdout)
    tasks = {t["code"]: t for t in december["tasks"]}
    assert (tasks["3"]["status"], tasks["7"]["status"]) == ("done_late", "overdue")


async def test_summary_text_at_a_moment(tmp_path):
    await seeded(tmp_path)
    text = dondoc(tmp_path, "summary", "--at", "2025-07-01T08:00")
    assert text.returncode == 0, text.stderr
    assert "Tính đến 08:00 ngày 01/07/2025" in text.stdout
    assert text.stdout.index("NHIỆM VỤ QUÁ HẠN") < text.stdout.index("ĐANG THỰC HIỆN")
    assert "<b>" not in text.stdout


def test_moments_the_cli_accepts():
    assert parse_moment("2025-07-01", HANOI) == end_of_day(date(2025, 7, 1), HANOI)
    assert parse_moment("01/07/2025", HANOI) == end_of_day(date(2025, 7, 1), HANOI)
    assert parse_moment("2025-07-01T08:00", HANOI) == datetime(2025, 7, 1, 8, tzinfo=HANOI)
    assert parse_moment("2025-07-01T08:00+00:00", HANOI) == datetime(2025, 7, 1, 15, tzinfo=HANOI)
    with pytest.raises(UserError, match="không hợp lệ"):
        parse_moment("mai", HANOI)


async def test_send_without_a_channel_says_so(tmp_path):
    config = Settings(_env_file=None, DATABASE_URL=f"sqlite:///{tmp_path / 'cli.db'}",
                      TELEGRAM_BOT_TOKEN=None, ZALO_BOT_TOKEN=None)  # fmt: skip
    database = Database(config.database_url)
    await upgrade(database)
    answer = await send_now(config, database, end_of_day(date(2025, 7, 1), HANOI), None)
    await database.dispose()
    assert answer.startswith("Chưa cấu hình kênh nhắn tin nào")


async def test_export_writes_the_file(tmp_path):
    await seeded(tmp_path)
    result = dondoc(
        tmp_path, "export", "--format", "xlsx", "-o", str(tmp_path / "r.xlsx"), "--at", "2025-07-01"
    )
    assert result.returncode == 0, result.stderr
    rows = list(
        openpyxl.load_workbook(tmp_path / "r.xlsx")["Tổng hợp"].iter_rows(
            min_row=2, values_only=True
        )
    )
    assert len(rows) == 10  # nine tasks, one of them with two lead units
    bad = dondoc(tmp_path, "export", "--format", "pdf", "-o", str(tmp_path / "r.pdf"))
    assert bad.returncode == 1 and "không hỗ trợ" in bad.stderr
