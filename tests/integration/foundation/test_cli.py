"""The `dondoc` command line: import twice, list, invite, and clear errors for bad input (in
process; one smoke test runs the installed console command)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import CliResult, run_cli
from tests.support.paths import REPO

EXAMPLE = REPO / "examples" / "example-plan.yaml"


def dondoc(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> CliResult:
    """The command, in-process, in a clean environment inside tmp_path."""
    return run_cli(tmp_path, *args, env=env)


def test_import_twice_leaves_one_plan(tmp_path):
    assert dondoc(tmp_path, "import", str(EXAMPLE)).returncode == 0
    second = dondoc(tmp_path, "import", str(EXAMPLE), "--json")
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout) == {
        "plan_id": 1, "created": False, "tasks_created": 0, "tasks_updated": 3, "implements": None,
    }  # fmt: skip
    third = dondoc(tmp_path, "import", str(EXAMPLE), "--implements", "730 -TB/TU", "--json")
    assert json.loads(third.stdout)["implements"] == "730-TB/TU"
    plans = json.loads(dondoc(tmp_path, "plans", "--json").stdout)
    assert [(p["tasks"], p["implements"]) for p in plans] == [(3, "730-TB/TU")]
    listing = dondoc(tmp_path, "tasks")
    assert "Số hóa hồ sơ" in listing.stdout and "Phòng Nội vụ huyện" in listing.stdout


def test_dry_run_json_changes_nothing(tmp_path):
    result = dondoc(tmp_path, "import", str(EXAMPLE), "--dry-run", "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert set(data) == {"plan", "tasks"}
    assert set(data["tasks"][0]) == {
        "code", "title", "lead_units", "support_units", "due", "recurrence", "report_day",
    }  # fmt: skip
    assert json.loads(dondoc(tmp_path, "plans", "--json").stdout) == []


def test_yaml_task_without_title_names_the_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "plan:\n  title: Kế hoạch lỗi\ntasks:\n  - code: '1'\n    title: Việc một\n"
        "  - code: '2'\n    due: 2025-03-31\n",
        encoding="utf-8",
    )
    result = dondoc(tmp_path, "import", str(bad))
    assert result.returncode == 1
    assert "dòng 6" in result.stderr and "thiếu trường tên (title)" in result.stderr
    assert "Traceback" not in result.stderr


def test_task_edit_close_reopen_are_audited(tmp_path):
    dondoc(tmp_path, "import", str(EXAMPLE))
    edited = dondoc(
        tmp_path, "task", "edit", "1", "--due", "2025-04-15", "--lead", "Phòng Nội vụ huyện"
    )
    assert edited.returncode == 0, edited.stderr
    assert "2025-03-31 → 2025-04-15" in edited.stdout
    assert dondoc(tmp_path, "task", "close", "1").returncode == 0
    assert dondoc(tmp_path, "task", "reopen", "1").returncode == 0
    unknown = dondoc(tmp_path, "task", "add", "4", "--title", "Việc mới", "--lead", "Huyện đoàn")
    assert unknown.returncode == 1 and "Không có đơn vị nào tên “Huyện đoàn”" in unknown.stderr
    added = dondoc(
        tmp_path, "task", "add", "4", "--title", "Việc mới", "--lead", "Huyện đoàn", "--new-unit"
    )
    assert added.returncode == 0, added.stderr
    tasks = {t["code"]: t for t in json.loads(dondoc(tmp_path, "tasks", "--json").stdout)}
    assert tasks["1"]["due"] == "2025-04-15" and tasks["1"]["lead_units"] == ["Phòng Nội vụ huyện"]
    assert tasks["4"]["lead_units"] == ["Huyện đoàn"]
    with sqlite3.connect(tmp_path / "cli.db") as connection:
        task_actions = [
            row[0]
            for row in connection.execute(
                "SELECT action FROM audit_log WHERE entity = 'task' AND actor = 'cli' ORDER BY id"
            )
        ]
    assert task_actions == ["edit", "close", "reopen", "create"]


def test_group_members(tmp_path):
    dondoc(tmp_path, "import", str(EXAMPLE))
    added = dondoc(tmp_path, "units", "add-member", "UBND các xã, thị trấn", "UBND xã Đông Hà")
    assert added.returncode == 0, added.stderr
    units = {u["name"]: u for u in json.loads(dondoc(tmp_path, "units", "--json").stdout)}
    assert (
        units["UBND các xã, thị trấn"]["members"] == 1
        and units["UBND các xã, thị trấn"]["kind"] == "group"
    )
    assert [
        t["code"]
        for t in json.loads(dondoc(tmp_path, "tasks", "--unit", "UBND xã Đông Hà", "--json").stdout)
    ] == []


def test_invite_json_and_link(tmp_path):
    dondoc(tmp_path, "import", str(EXAMPLE))
    result = dondoc(
        tmp_path, "invite", "--role", "contact", "--unit", "phòng nội vụ huyện", "--json",
        env={"TELEGRAM_BOT_USERNAME": "dondoc_bot"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["role"] == "contact" and data["unit"] == "Phòng Nội vụ huyện"
    assert data["link"] == f"https://t.me/dondoc_bot?start={data['code']}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("invite", "--role", "boss"), "Vai trò “boss” không hợp lệ"),
        (
            ("invite", "--role", "contact", "--unit", "Sở Không Có"),
            "Không có đơn vị nào tên “Sở Không Có”",
        ),
        (("invite", "--role", "contact"), "cần chỉ rõ đơn vị"),
        (("task", "edit", "99", "--title", "x"), "Không có nhiệm vụ mã “99”"),
        (("import", "khong-co.yaml"), "Không tìm thấy tệp"),
    ],
)
def test_bad_input_gets_one_clear_line(tmp_path, args, message):
    result = dondoc(tmp_path, *args)
    assert result.returncode == 1
    assert message in result.stderr.replace("\n", " ")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATABASE_URL", "khong-phai-url"),
        ("DATABASE_URL", "mysql://root@localhost/x"),
        ("DONDOC_TIMEZONE", "Sao/Hoa"),
        ("TELEGRAM_API_URL", "ftp://x"),
    ],
)
def test_bad_setting_stops_with_the_variable_named(tmp_path, variable, value):
    result = dondoc(tmp_path, "plans", env={variable: value})
    assert result.returncode == 2
    assert f"biến {variable}" in result.stderr and "Traceback" not in result.stderr


def test_the_console_command_runs_in_a_process_of_its_own(tmp_path):
    """Smoke test: `python -m bot.cli` in a clean environment imports and lists plans."""
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("DONDOC_", "TELEGRAM_", "ZALO_"))
    }
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'cli.db'}"
    command = [sys.executable, "-m", "bot.cli"]
    done = subprocess.run(
        [*command, "import", str(EXAMPLE), "--json"],
        cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["tasks_created"] == 3
