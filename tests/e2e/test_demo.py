"""`dondoc demo` plays its example script against the real bot, offline."""

from __future__ import annotations

import io

from rich.console import Console
from sqlalchemy import select

from bot.demo import EXAMPLE_SCRIPT, PERSONAS, Demo
from db.models import Contact, ProgressReport


async def test_the_example_script_onboards_reminds_records_and_summarizes(tmp_path):
    output = io.StringIO()
    demo = Demo(tmp_path / "demo-data", Console(file=output, width=100), interactive=False)
    try:
        await demo.start()
        for line in EXAMPLE_SCRIPT.read_text(encoding="utf-8").splitlines():
            assert await demo.run_line(line)
        async with demo.core.db.reading() as session:
            roles = sorted(contact.role for contact in await session.scalars(select(Contact)))
            reports = list(await session.scalars(select(ProgressReport)))
    finally:
        await demo.stop()
    assert roles == sorted(persona.role.value for persona in PERSONAS)
    # its part as a support unit of task 1, then 70% on its own task III.1
    assert [(report.percent, report.channel) for report in reports] == [
        (100, "telegram"),
        (70, "telegram"),
    ]
    vhtt = demo.users["vhtt"].id
    reply = demo.emu.message(vhtt, reports[1].message_id)
    assert reply is not None and "70%" in reply.text
    reminder = demo.emu.message(vhtt, reply.reply_to)
    assert reminder.from_bot and reminder.buttons  # the report answers the reminder it replied to
    summary = demo.emu.messages_to(demo.users["lanhdao"].id)[-1]
    assert "70%" in summary.plain
    shown = output.getvalue()
    assert "Đơn vị phối hợp: Phòng Văn hóa và Thông tin huyện" in shown
    assert "Phối hợp: Phòng Văn hóa và Thông tin huyện đã báo cáo nhiệm vụ 1" in shown
    assert "vhtt › (trả lời #" in shown and "Traceback" not in shown
    assert (tmp_path / "demo-data" / "demo.db").is_file()
