"""Open obstacles in the summary: oldest first, as of a moment, in the text and in `--json`."""

from __future__ import annotations

import asyncio
import json

from bot.services.summary import build_summary, only_task, summary_json
from bot.services.summary_text import render_pages
from db.engine import Database
from tests.integration.summary.helpers import HANOI, add_report, local, seed_sample_with_reports
from tests.support.cli import run_cli as dondoc
from tests.support.database import migrated_sqlite

UNIT_A = "Phòng Văn hóa và Thông tin huyện"


async def seeded(path) -> Database:
    database = migrated_sqlite(path)
    await seed_sample_with_reports(database)
    await add_report(
        database, "6", UNIT_A, "Đạt 30%, vướng kinh phí thuê máy chủ", local(2025, 5, 2)
    )
    await add_report(
        database, "7", UNIT_A, "Chưa triển khai do chưa có hướng dẫn", local(2025, 4, 1)
    )
    await add_report(database, "6", UNIT_A, "Đã đạt 60%, kinh phí đã được cấp", local(2025, 6, 3))
    return database


async def test_obstacles_open_at_a_moment_oldest_first(tmp_path):
    database = await seeded(tmp_path / "s.db")
    async with database.reading() as session:
        may = await build_summary(session, local(2025, 5, 20), HANOI)
        june = await build_summary(session, local(2025, 6, 20), HANOI)
    await database.dispose()
    assert [(o.task, o.text) for o in may.obstacles] == [
        ("7", "chưa có hướng dẫn"),
        ("6", "vướng kinh phí thuê máy chủ"),
    ]
    assert [o.task for o in june.obstacles] == ["7"]  # progress on 6 passed its obstacle
    assert [o.task for o in only_task(may, may.obstacles[1].task_id).obstacles] == ["6"]
    data = summary_json(may, HANOI)
    assert data["obstacles"][0] == {
        "task": "7", "unit": UNIT_A, "text": "chưa có hướng dẫn", "since": "2025-04-01T09:00:00+07:00",
    }  # fmt: skip
    page = "\n".join(render_pages(may, locale="vi", tz=HANOI, limit=4096))
    assert "Khó khăn, vướng mắc (2)" in page
    assert page.index("<b>7</b> · Phòng Văn hóa và Thông tin huyện (từ 01/04/2025)") < page.index(
        "<b>6</b> · "
    )


async def seeded_then_closed(tmp_path) -> None:
    """The seeded database in `tmp_path/cli.db`, where the CLI runner looks."""
    database = await seeded(tmp_path / "cli.db")
    await database.dispose()


def test_summary_json_lists_obstacles(tmp_path):
    asyncio.run(seeded_then_closed(tmp_path))  # the command runs its own event loop
    data = json.loads(dondoc(tmp_path, "summary", "--at", "2025-05-20", "--json").stdout)
    assert [(o["task"], o["unit"]) for o in data["obstacles"]] == [("7", UNIT_A), ("6", UNIT_A)]
