"""User text that looks like rich markup ("[/b]") is shown as typed by every CLI table."""

from __future__ import annotations

from tests.integration.foundation.test_cli import dondoc

TITLE = "Báo cáo [/b] kết quả [bold]x[/bold] \\[y]"
UNIT = "Phòng [/red]Nội vụ huyện"
PLAN = f"""plan:
  number: 1/KH-[/i]
  title: "Kế hoạch [/b] năm 2025"
  issuer: "UBND [/]"
tasks:
  - code: "[/b]1"
    title: '{TITLE}'
    lead_units: ['{UNIT}']
    due: 2025-03-31
"""


def test_markup_in_user_text_is_printed_literally(tmp_path):
    plan = tmp_path / "kh.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    shown = dondoc(tmp_path, "import", str(plan), "--dry-run")
    assert shown.returncode == 0, shown.stderr
    assert "Kế hoạch [/b] năm 2025" in shown.stdout and "[/b]1" in shown.stdout
    assert dondoc(tmp_path, "import", str(plan)).returncode == 0
    shown = {}
    for command in (["tasks"], ["plans"], ["units"], ["remind", "--dry-run", "--on", "2025-03-31"]):
        result = dondoc(tmp_path, *command)
        assert result.returncode == 0, (command, result.stderr)
        shown[command[0]] = result.stdout
    assert TITLE in shown["tasks"] and UNIT in shown["tasks"]
    assert "Kế hoạch [/b] năm 2025" in shown["plans"]
    assert UNIT in shown["units"]
    assert "[/b]1" in shown["remind"] and UNIT in shown["remind"]


def test_markup_in_an_error_message_is_printed_literally(tmp_path):
    plan = tmp_path / "[bold]kh[red].yaml"
    plan.write_text("plan: {title: x}\ntasks: [{code: '1'}]\n", encoding="utf-8")
    result = dondoc(tmp_path, "import", str(plan))
    assert result.returncode == 1
    assert "[bold]kh[red].yaml, dòng 2: thiếu trường tên (title)" in result.stderr
