"""`dondoc remind --dry-run --on … --json` on the sample plan, and `dondoc calendar`."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.integration.reminders.helpers import seed_sample
from tests.support.cli import run_cli
from tests.support.database import migrated_sqlite


@pytest.fixture
def dondoc(tmp_path: Path) -> Callable[..., tuple[int, str]]:
    """Run `dondoc …` in-process on a database holding the sample plan; (exit code, output)."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"

    async def seed() -> None:
        database = migrated_sqlite(tmp_path / "cli.db")
        await seed_sample(database)
        await database.dispose()

    asyncio.run(seed())
    env = {"DATABASE_URL": url, "TELEGRAM_BOT_TOKEN": "", "ZALO_BOT_TOKEN": ""}

    def invoke(*args: str) -> tuple[int, str]:
        done = run_cli(tmp_path, *args, env=env)
        return done.returncode, done.stdout + done.stderr

    return invoke


def on(dondoc, day: str) -> list[tuple[str, str | None, str, str]]:
    code, output = dondoc("remind", "--dry-run", "--on", day, "--json")
    assert code == 0, output
    return [(item["task"], item["unit"], item["kind"], item["at"]) for item in json.loads(output)]


def test_dry_run_follows_the_policy_on_the_sample_plan(dondoc):
    communes = "UBND các xã, thị trấn"
    culture = "Phòng Văn hóa và Thông tin huyện"  # supports task 1: before and on the deadline
    assert on(dondoc, "2025-03-24") == [
        ("1", communes, "before_due", "2025-03-24T08:00:00+07:00"),
        ("1", culture, "before_due", "2025-03-24T08:00:00+07:00"),
    ]
    assert [unit for _t, unit, _k, _at in on(dondoc, "2025-03-28")] == [communes, culture]
    assert on(dondoc, "2025-03-29") == []
    assert on(dondoc, "2025-03-30") == []
    assert on(dondoc, "2025-03-31") == [
        ("1", communes, "due", "2025-03-31T08:00:00+07:00"),
        ("1", culture, "due", "2025-03-31T08:00:00+07:00"),
    ]
    assert on(dondoc, "2025-04-01") == [("1", communes, "overdue", "2025-04-01T08:00:00+07:00")]
    assert on(dondoc, "2025-04-07") == []  # Giỗ Tổ Hùng Vương
    assert sorted(on(dondoc, "2025-04-08")) == [
        ("1", communes, "escalation", "2025-04-08T08:00:00+07:00"),
        ("1", communes, "overdue", "2025-04-08T08:00:00+07:00"),
    ]
    assert ("6", culture, "due", "2025-06-13T08:00:00+07:00") in on(dondoc, "2025-06-13")
    police = "Công an huyện"
    assert ("5", police, "report_request", "2025-06-20T08:00:00+07:00") in on(dondoc, "2025-06-20")
    assert on(dondoc, "2025-06-25") == [
        ("5", police, "report_request", "2025-06-25T08:00:00+07:00")
    ]


def test_dry_run_json_has_the_documented_fields(dondoc):
    _code, output = dondoc("remind", "--dry-run", "--on", "2025-03-24", "--json")
    item = json.loads(output)[0]
    assert item == {
        "task": "1",
        "title": "Xây dựng, ban hành Kế hoạch chuyển đổi số năm 2025 của các xã, thị trấn",
        "unit": "UBND các xã, thị trấn",
        "kind": "before_due",
        "at": "2025-03-24T08:00:00+07:00",
    }
    _code, output = dondoc("remind", "--dry-run", "--at", "2025-03-24T07:59", "--json")
    assert json.loads(output) == []


def test_support_reminders_follow_the_policy_switch(dondoc):
    assert dondoc("policy", "--task", "1", "remind_support=false")[0] == 0
    assert [unit for _t, unit, _k, _at in on(dondoc, "2025-03-24")] == ["UBND các xã, thị trấn"]
    assert dondoc("policy", "--task", "1", "--unset", "remind_support")[0] == 0
    assert len(on(dondoc, "2025-03-24")) == 2


def test_an_office_day_off_moves_the_reminders(dondoc):
    assert dondoc("calendar", "add-holiday", "2025-03-28", "--note", "Nghỉ bù")[0] == 0
    assert on(dondoc, "2025-03-28") == []
    assert {kind for _t, _u, kind, _at in on(dondoc, "2025-03-27")} == {"before_due"}
    _code, output = dondoc("calendar", "list", "--year", "2025", "--json")
    days = {item["day"]: item for item in json.loads(output)}
    assert days["2025-03-28"] == {
        "day": "2025-03-28",
        "working": False,
        "name": "Nghỉ bù",
        "source": "office",
    }
    assert days["2025-04-07"]["source"] == "public"
    assert dondoc("calendar", "add-workday", "2025-03-29")[0] == 0
    assert {kind for _t, _u, kind, _at in on(dondoc, "2025-03-29")} == {"before_due"}
    assert dondoc("calendar", "remove", "2025-03-29")[0] == 0
    assert on(dondoc, "2025-03-29") == []


def test_policy_can_be_set_per_plan_and_bad_keys_are_explained(dondoc):
    code, output = dondoc("policy", "before_due_days=[2]", "send_time=07:30")
    assert code == 0, output
    assert json.loads(output)["before_due_days"] == [2]
    assert on(dondoc, "2025-03-24") == []
    assert on(dondoc, "2025-03-28") == [
        ("1", "UBND các xã, thị trấn", "before_due", "2025-03-28T07:30:00+07:00"),
        ("1", "Phòng Văn hóa và Thông tin huyện", "before_due", "2025-03-28T07:30:00+07:00"),
    ]
    code, output = dondoc("policy", "--task", "1", "befor_due_days=[3]")
    assert code == 1 and "befor_due_days" in output and "nhiệm vụ" in output


def test_sending_without_a_channel_says_so(dondoc):
    code, output = dondoc("remind")
    assert code == 1 and "TELEGRAM_BOT_TOKEN" in output
    code, output = dondoc("remind", "--dry-run", "--on", "31/02/2025")
    assert code == 1 and "không hợp lệ" in output
