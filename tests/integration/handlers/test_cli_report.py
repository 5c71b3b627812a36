"""`dondoc report`: a report received by phone or on paper, through the same service."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.cli.commands.report import parse_moment
from bot.cli.common import UserError
from bot.planparse import read_plan
from tests.fakes import seed_plan
from tests.support.cli import run_cli
from tests.support.database import migrated_sqlite
from tests.support.paths import REPO

EXAMPLE = REPO / "examples" / "example-plan.yaml"
LEAD = "Văn phòng HĐND và UBND huyện"


@pytest.fixture
async def imported(tmp_path):
    """The example plan in the database the CLI runner points at (no extra process)."""
    database = migrated_sqlite(tmp_path / "cli.db")
    await seed_plan(database, read_plan(EXAMPLE))
    await database.dispose()
    return tmp_path


def test_report_from_the_office(imported):
    tmp_path = imported
    result = run_cli(
        tmp_path,
        "report",
        "--task",
        "1",
        "--unit",
        LEAD,
        "--text",
        "Đã đạt 70%",
        "--at",
        "2025-03-20T09:00",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        f"Đã ghi nhận báo cáo nhiệm vụ 1 của {LEAD} (20/03/2025 09:00): Đang thực hiện, 70%."
    )
    done = run_cli(
        tmp_path,
        "report",
        "--task",
        "2",
        "--unit",
        "UBND các xã, thị trấn",
        "--text",
        "xong",
        "--at",
        "2025-03-21",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["status"], data["percent"], data["reported_at"]) == (
        "done",
        100,
        "2025-03-21T00:00:00+07:00",
    )
    with sqlite3.connect(tmp_path / "cli.db") as connection:
        rows = connection.execute("SELECT source, entered_by FROM progress_reports").fetchall()
        actors = connection.execute(
            "SELECT actor FROM audit_log WHERE action = 'report'"
        ).fetchall()
    assert rows == [("cli", "cli"), ("cli", "cli")] and actors == [("cli",), ("cli",)]


def test_clear_errors(imported):
    tmp_path = imported
    unknown = run_cli(tmp_path, "report", "--task", "9", "--unit", LEAD, "--text", "xong")
    assert unknown.returncode == 1 and "Không có nhiệm vụ mã “9”" in unknown.stderr
    nobody = run_cli(tmp_path, "report", "--task", "1", "--unit", "UBND xã Đông Hà", "--text", "x")
    assert nobody.returncode == 1 and "Không có đơn vị nào tên “UBND xã Đông Hà”" in nobody.stderr
    other = run_cli(tmp_path, "report", "--task", "3", "--unit", LEAD, "--text", "xong")
    assert other.returncode == 1
    assert f"Đơn vị “{LEAD}” không được giao nhiệm vụ 3" in other.stderr
    assert "Traceback" not in unknown.stderr + nobody.stderr + other.stderr


def test_moments_are_local_time():
    hanoi = ZoneInfo("Asia/Ho_Chi_Minh")
    assert parse_moment("2025-03-20", hanoi) == datetime(2025, 3, 20, tzinfo=hanoi)
    assert parse_moment("2025-03-20T09:00", hanoi).utcoffset() == timedelta(hours=7)
    with pytest.raises(UserError, match="Thời điểm “20/3” không hợp lệ"):
        parse_moment("20/3", hanoi)
