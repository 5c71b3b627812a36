"""`dondoc summary` and `dondoc export` from the command line."""

from __future__ import annotations

import asyncio
import json
from datetime import date, datetime

import openpyxl
import pytest

from bot.cli.commands.summary import parse_moment, send_now
from bot.cli.common import UserError
from bot.config import Settings
from bot.services.status import end_of_day
from tests.integration.summary.helpers import HANOI, seed_sample_with_reports
from tests.support.cli import run_cli
from tests.support.database import migrated_sqlite


async def seeded(tmp_path) -> None:
    """The sample plan with its reports in `tmp_path/cli.db`, where the CLI runner looks."""
    database = migrated_sqlite(tmp_path / "cli.db")
    await seed_sample_with_reports(database)
    await database.dispose()


def test_summary_json_at_two_dates(tmp_path):
    asyncio.run(seeded(tmp_path))  # the command runs its own event loop
    july = run_cli(tmp_path, "summary", "--at", "2025-07-01", "--json")
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
    december = json.loads(run_cli(tmp_path, "summary", "--at", "31/12/2025", "--json").stdout)
    tasks = {t["code"]: t for t in december["tasks"]}
    assert (tasks["3"]["status"], tasks["7"]["status"]) == ("done_late", "overdue")


def test_summary_text_at_a_moment(tmp_path):
    asyncio.run(seeded(tmp_path))  # the command runs its own event loop
    text = run_cli(tmp_path, "summary", "--at", "2025-07-01T08:00")
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
    database = migrated_sqlite(tmp_path / "cli.db")
    answer = await send_now(config, database, end_of_day(date(2025, 7, 1), HANOI), None)
    await database.dispose()
    assert answer.startswith("Chưa cấu hình kênh nhắn tin nào")


def test_export_writes_the_file(tmp_path):
    asyncio.run(seeded(tmp_path))  # the command runs its own event loop
    result = run_cli(
        tmp_path, "export", "--format", "xlsx", "-o", str(tmp_path / "r.xlsx"), "--at", "2025-07-01"
    )
    assert result.returncode == 0, result.stderr
    rows = list(
        openpyxl.load_workbook(tmp_path / "r.xlsx")["Tổng hợp"].iter_rows(
            min_row=5,
            values_only=True,  # below 3 title rows and the header row
        )
    )
    assert len(rows) == 10  # nine tasks, one of them with two lead units
    bad = run_cli(tmp_path, "export", "--format", "pdf", "-o", str(tmp_path / "r.pdf"))
    assert bad.returncode == 1 and "không hỗ trợ" in bad.stderr


def test_export_writes_a_period_report_and_refuses_a_period_that_does_not_exist(tmp_path):
    asyncio.run(seeded(tmp_path))  # the command runs its own event loop
    output = tmp_path / "q2.docx"
    result = run_cli(
        tmp_path, "export", "--format", "docx", "--period", "2025-Q2", "-o", str(output)
    )
    assert result.returncode == 0, result.stderr
    assert output.read_bytes().startswith(b"PK")
    bad = run_cli(tmp_path, "export", "--format", "docx", "--period", "2025-Q5", "-o", str(output))
    assert bad.returncode == 1 and "2025-Q1 (quý)" in bad.stderr
    chart = run_cli(tmp_path, "export", "--format", "png", "--period", "2025", "-o", str(output))
    assert chart.returncode == 1 and "docx, xlsx" in chart.stderr
