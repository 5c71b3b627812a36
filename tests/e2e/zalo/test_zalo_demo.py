"""`dondoc demo --channel zalo` plays the example script on the Zalo emulator, offline."""

from __future__ import annotations

import io

from rich.console import Console
from sqlalchemy import select

from bot.demo import EXAMPLE_SCRIPT
from bot.demo_zalo import demo_class
from db.models import ProgressReport


async def test_the_example_script_runs_on_zalo_with_numbers_for_buttons(tmp_path):
    output = io.StringIO()
    demo = demo_class("zalo")(
        tmp_path / "demo-data", Console(file=output, width=100), interactive=False
    )
    try:
        await demo.start()
        for line in EXAMPLE_SCRIPT.read_text(encoding="utf-8").splitlines():
            assert await demo.run_line(line)
        first_page = demo.emu.texts_to(demo.users["lanhdao"].id)[-1]
        assert await demo.run_line("1")  # the leader answers "1" for "Trang sau ▶"
        async with demo.core.db.reading() as session:
            reports = list(await session.scalars(select(ProgressReport)))
    finally:
        await demo.stop()
    # its part as a support unit of task 1, then 70% on its own task III.1
    assert [(report.percent, report.channel) for report in reports] == [(100, "zalo"), (70, "zalo")]
    ubnd = demo.emu.texts_to(demo.users["ubnd"].id)
    assert ubnd[-1].startswith("Đã hẹn: bot sẽ nhắc lại nhiệm vụ")  # "2" pressed "Nhắc lại sau"
    assert first_page.endswith("1. Trang sau ▶\nTrả lời 1")
    assert "70%" in demo.emu.texts_to(demo.users["lanhdao"].id)[-1]
    shown = output.getvalue()
    assert "ubnd › 2" in shown and "Traceback" not in shown
    assert all("<b>" not in message.text for message in demo.emu.sent)
