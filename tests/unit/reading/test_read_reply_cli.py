"""`dondoc read-reply`, run in process."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from bot.cli.main import app

KEYS = {"status", "percent", "proposed_due", "task_code", "confident", "items"}


def read(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["read-reply", *args], input=stdin)
    return result.exit_code, result.output


def test_one_reply_as_json():
    code, output = read("--today", "2025-03-24", "--json", "Xin gia hạn thêm 15 ngày")
    assert code == 0
    assert json.loads(output) == {
        "status": "extension",
        "percent": None,
        "proposed_due": "2025-04-08",
        "task_code": None,
        "confident": True,
        "items": [],
    }


def test_one_reply_per_input_line():
    replies = "Hoàn thành 3/5 hạng mục\nII.1 xong; II.3 đạt 70%, vướng kinh phí\nXin chào\n"
    code, output = read("--today", "2025-03-24", "--json", "-", stdin=replies)
    assert code == 0
    part, several, greeting = (json.loads(line) for line in output.splitlines())
    assert set(part) == set(several) == KEYS
    assert (part["status"], part["percent"], part["confident"]) == ("in_progress", 60, False)
    assert [(i["task_code"], i["status"], i["percent"]) for i in several["items"]] == [
        ("II.1", "done", 100),
        ("II.3", "blocked", 70),
    ]
    assert (greeting["status"], greeting["confident"]) == (None, False)


def test_in_words():
    code, output = read("--today", "2025-03-24", "Đạt 70%, vướng kinh phí")
    assert code == 0
    assert output.strip() == "Gặp vướng mắc · 70% · vướng mắc: vướng kinh phí · chắc chắn"


def test_a_bad_day_is_refused():
    code, output = read("--today", "24/3/2025", "xong")
    assert code == 1 and "2025-03-24" in output
