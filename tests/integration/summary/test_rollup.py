"""The parent committee's roll-up: its children in /summary and `summary --json`, drill-down,
isolation between committees, and a query count that does not grow with the children."""

from __future__ import annotations

import asyncio
import io
import json
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import docx
import openpyxl
from sqlalchemy import event, select

from bot.core import Core
from bot.domain import Role
from bot.messages import Incoming
from bot.plandoc import PlanDocument, PlanHeader, TaskDraft
from bot.services.committees import CommitteeChanges, add_committee
from bot.services.exports import export_document
from bot.services.rollup import build_rollup
from bot.services.units import add_member, ensure_unit, members_of
from db.engine import Database
from db.models import CommitteeStanding, Unit
from db.scope import Scope, acting_for
from tests.fakes import FakeChannel, bind_user, seed_plan
from tests.support.cli import run_cli
from tests.support.database import migrated_sqlite

PROVINCE = "Tỉnh ủy Thái Bình"
AN = "Đảng ủy xã An Bình"  # issued its plan implementing the province's; overdue tasks
BINH = "Đảng ủy xã Bình Minh"  # no implementing plan; everything on time
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def plan(number: str, title: str, due: date, units: list[str]) -> PlanDocument:
    """A plan whose task N is led by units[N]."""
    tasks = [
        TaskDraft(code=str(i), title=f"Nhiệm vụ {i} của {unit}", lead_units=[unit], due=due)
        for i, unit in enumerate(units, 1)
    ]
    return PlanDocument(plan=PlanHeader(number=number, title=title), tasks=tasks)


async def add_children(db: Database, names: list[str]) -> list[int]:
    """Committees under the province."""
    async with db.transaction() as session:
        changes = CommitteeChanges(parent=PROVINCE)
        return [(await add_committee(session, name, changes)).id for name in names]


async def province(db: Database, now) -> dict[str, int]:
    """A province with two communes; a leader in each of the three."""
    async with db.transaction() as session:
        parent = await add_committee(session, PROVINCE, CommitteeChanges())
    an, binh = await add_children(db, [AN, BINH])
    ids = {PROVINCE: parent.id, AN: an, BINH: binh}
    with acting_for(Scope.of(parent.id)):
        await seed_plan(
            db,
            plan("210-KH/TU", "Kế hoạch thực hiện Thông báo số 730-TB/TU", date(2025, 12, 31),
                 ["Ban Tuyên giáo Tỉnh ủy"]),
        )  # fmt: skip
        await bind_user(db, now, role=Role.LEADER, user_id="tinh", name="Bí thư Tỉnh ủy")
    with acting_for(Scope.of(an)):
        await seed_plan(
            db,
            plan("12-KH/ĐU", "Kế hoạch thực hiện Kế hoạch số 210-KH/TU của Tỉnh ủy",
                 date(2025, 3, 1), ["Văn phòng Đảng ủy xã An Bình", "Ban Xây dựng Đảng xã"]),
        )  # fmt: skip
        await bind_user(db, now, role=Role.LEADER, user_id="an", name="Bí thư xã An Bình")
    with acting_for(Scope.of(binh)):
        await seed_plan(
            db,
            plan("3-KH/ĐU", "Kế hoạch công tác năm 2025", date(2025, 12, 31),
                 ["Văn phòng Đảng ủy xã Bình Minh"]),
        )  # fmt: skip
        await bind_user(db, now, role=Role.LEADER, user_id="binh", name="Bí thư xã Bình Minh")
    return ids


async def say(core: Core, user: str, text: str) -> str:
    answers = await core.handle(
        Incoming(channel="telegram", user_id=user, chat_id=user, text=text, message_id=text)
    )
    return "\n".join(answer.text for answer in answers)


async def test_rollup_lists_children_worst_first_with_their_implementing_plans(db, clock):
    ids = await province(db, clock.now())
    rollup = await build_rollup(db, ids[PROVINCE], clock.now(), HANOI)
    assert rollup is not None
    assert [child.name for child in rollup.children] == [AN, BINH]  # AN has overdue tasks
    an, binh = rollup.children
    assert an.overdue == 2 and an.counts["overdue"] == 2 and an.counts["in_progress"] == 0
    assert binh.overdue == 0 and binh.counts["in_progress"] == 1
    assert [(i.parent_plan.label, i.plan and i.plan.label) for i in an.implementations] == [
        ("210-KH/TU", "12-KH/ĐU")
    ]
    assert binh.missing_plans and binh.missing_plans[0].label == "210-KH/TU"
    assert (an.units_with_tasks, an.reported_units, an.reporting_rate) == (2, 0, 0.0)
    assert await build_rollup(db, ids[AN], clock.now(), HANOI) is None  # no children


async def test_parent_leader_reads_children_and_drills_down(db, clock, settings):
    await province(db, clock.now())
    core = Core(settings=settings, db=db, clock=clock, channels={"telegram": FakeChannel()})
    text = await say(core, "tinh", "/summary")
    assert "CÁC CẤP ỦY/CƠ QUAN CẤP DƯỚI (2)" in text
    assert text.index(AN) < text.index(BINH)
    assert "<b>Chưa ban hành</b> kế hoạch thực hiện 210-KH/TU" in text
    assert "Đã ban hành kế hoạch thực hiện 210-KH/TU: 12-KH/ĐU" in text
    drill = await say(core, "tinh", f"/summary {BINH.upper()}")
    assert f"Cấp ủy/cơ quan: <b>{BINH}</b> (chỉ xem)" in drill
    assert "Kế hoạch công tác năm 2025" in drill and "Ban Tuyên giáo" not in drill


async def test_period_and_plan_summaries_carry_the_committees_below(db, clock, settings):
    ids = await province(db, clock.now())
    with acting_for(Scope.of(ids[PROVINCE])):
        await seed_plan(
            db, plan("99-KH/TU", "Kế hoạch khác", date(2025, 12, 31), ["Văn phòng Tỉnh ủy"])
        )
    core = Core(settings=settings, db=db, clock=clock, channels={"telegram": FakeChannel()})
    period = await say(core, "tinh", "/summary quý I")
    assert "CÁC CẤP ỦY/CƠ QUAN CẤP DƯỚI (2)" in period
    assert period.index(AN) < period.index(BINH)
    assert "Chưa ban hành</b> kế hoạch thực hiện 99-KH/TU" in period
    by_plan = await say(core, "tinh", "/summary 210-KH/TU")
    assert "CÁC CẤP ỦY/CƠ QUAN CẤP DƯỚI (2)" in by_plan
    assert "Đã ban hành kế hoạch thực hiện 210-KH/TU: 12-KH/ĐU" in by_plan
    assert "<b>Chưa ban hành</b> kế hoạch thực hiện 210-KH/TU" in by_plan  # Bình Minh
    assert "99-KH/TU" not in by_plan
    for words in ("/summary quý I", "/summary 12-KH/ĐU"):
        assert "CẤP DƯỚI" not in await say(core, "an", words)


async def test_the_period_workbook_from_the_button_has_the_committees_below(db, clock, settings):
    await province(db, clock.now())
    core = Core(settings=settings, db=db, clock=clock, channels={"telegram": FakeChannel()})
    press = Incoming(channel="telegram", user_id="tinh", chat_id="tinh", callback_id="cb",
                     callback_data="pexp:xlsx:2025Q1:0", message_id="77")  # fmt: skip
    (answer,) = await core.handle(press)
    assert answer.document is not None
    sheet = openpyxl.load_workbook(io.BytesIO(answer.document.content))["Cấp dưới"]
    names = [row[1] for row in sheet.iter_rows(values_only=True)]
    assert AN in names and BINH in names


async def test_a_summary_of_an_earlier_moment_keeps_the_standings_of_now(db, clock):
    ids = await province(db, clock.now())
    await build_rollup(db, ids[PROVINCE], clock.now(), HANOI)
    await build_rollup(db, ids[PROVINCE], datetime(2025, 1, 31, tzinfo=UTC), HANOI)
    async with db.reading() as session:
        kept = set(await session.scalars(select(CommitteeStanding.computed_at)))
    assert kept == {clock.now()}


async def test_child_leader_never_sees_parent_or_sibling(db, clock, settings):
    await province(db, clock.now())
    core = Core(settings=settings, db=db, clock=clock, channels={"telegram": FakeChannel()})
    own = await say(core, "an", "/summary")
    assert "12-KH/ĐU" in own
    for foreign in ("CẤP DƯỚI", BINH, "730-TB/TU", "Ban Tuyên giáo", "Bình Minh"):
        assert foreign not in own
    for name in (BINH, PROVINCE):
        refused = await say(core, "an", f"/summary {name}")
        assert "không thuộc phạm vi đó" in refused
        assert "Văn phòng Đảng ủy xã Bình Minh" not in refused


async def test_query_count_does_not_grow_with_children(db, clock):
    ids = await province(db, clock.now())
    statements = []

    def count(*_args) -> None:
        statements.append(1)

    async def queries() -> int:
        statements.clear()
        event.listen(db.engine.sync_engine, "before_cursor_execute", count)
        try:
            await build_rollup(db, ids[PROVINCE], clock.now(), HANOI)
        finally:
            event.remove(db.engine.sync_engine, "before_cursor_execute", count)
        return len(statements)

    two = await queries()
    more = await add_children(db, [f"Đảng ủy xã Số {n}" for n in range(1, 6)])
    for number, child in enumerate(more, 1):
        with acting_for(Scope.of(child)):
            await seed_plan(
                db, plan(f"{number}-KH/X", "Kế hoạch khác", date(2025, 3, 1), ["Văn phòng"])
            )
    assert await queries() == two
    rollup = await build_rollup(db, ids[PROVINCE], clock.now(), HANOI)
    assert rollup is not None and len(rollup.children) == 7


async def test_a_child_is_a_unit_of_its_parent_that_its_groups_can_hold(db):
    async with db.transaction() as session:
        parent = await add_committee(session, PROVINCE, CommitteeChanges())
    await add_children(db, [AN])
    with acting_for(Scope.of(parent.id)):
        async with db.transaction() as session:
            group = await ensure_unit(session, "Các đảng ủy xã", "test")
            member = await add_member(session, group.name, AN, "test")
            assert (member.name, member.committee_id) == (AN, parent.id)
            assert [unit.id for unit in await members_of(session, group.id)] == [member.id]
    async with db.reading() as session:
        named = await session.scalars(select(Unit.committee_id).where(Unit.name == AN))
        assert list(named) == [parent.id]  # the parent's unit, no second one made


def test_summary_json_has_the_committees_and_import_reads_implements(tmp_path):
    async def build() -> None:
        database = migrated_sqlite(tmp_path / "cli.db")
        await province(database, datetime(2025, 3, 24, 1, tzinfo=UTC))
        await database.dispose()

    asyncio.run(build())
    result = run_cli(tmp_path, "summary", "--committee", PROVINCE, "--at", "2025-03-24", "--json")
    assert result.returncode == 0, result.stderr
    committees = json.loads(result.stdout)["committees"]
    assert [c["committee"] for c in committees] == [AN, BINH]
    assert committees[1]["implementing_plans"] == [
        {"parent_plan": "210-KH/TU", "issued": False, "plan": None}
    ]
    [parent_plan] = json.loads(run_cli(tmp_path, "plans", "--committee", PROVINCE, "--json").stdout)
    by_plan = run_cli(tmp_path, "summary", "--committee", PROVINCE, "--at", "2025-03-24",
                      "--plan", str(parent_plan["id"]), "--json")  # fmt: skip
    assert json.loads(by_plan.stdout)["committees"] == committees
    plans = json.loads(run_cli(tmp_path, "plans", "--committee", AN, "--json").stdout)
    assert [p["implements"] for p in plans] == ["210-KH/TU"]


async def test_the_parents_report_ends_with_a_table_of_the_committees_below(db, clock):
    ids = await province(db, clock.now())
    tables = {}
    for name in (PROVINCE, AN):
        rollup = await build_rollup(db, ids[name], clock.now(), HANOI)
        with acting_for(Scope.of(ids[name])):
            async with db.reading() as session:
                document = await export_document(session, "docx", clock.now(), HANOI, None, rollup)
        tables[name] = [
            [cell.text for cell in row.cells]
            for table in docx.Document(io.BytesIO(document.content)).tables
            for row in table.rows
        ]
    header = ["STT", "Cấp ủy, cơ quan", "Kế hoạch thực hiện", "Số nhiệm vụ", "Hoàn thành",
              "Đang thực hiện", "Quá hạn", "Vướng mắc", "Đơn vị đã báo cáo"]  # fmt: skip
    assert header in tables[PROVINCE]
    start = tables[PROVINCE].index(header) + 1
    below = tables[PROVINCE][start : start + 2]  # the signature block follows
    assert below == [
        ["1", AN, "Đã ban hành: 12-KH/ĐU", "2", "0", "0", "2", "0", "0/2 (0%)"],
        ["2", BINH, "Chưa ban hành (thực hiện 210-KH/TU)", "1", "0", "1", "0", "0", "0/1 (0%)"],
    ]
    assert header not in tables[AN]  # a committee without children: no such table


async def test_the_parents_workbook_has_a_sheet_of_the_committees_below(db, clock):
    ids = await province(db, clock.now())
    rollup = await build_rollup(db, ids[PROVINCE], clock.now(), HANOI)
    with acting_for(Scope.of(ids[PROVINCE])):
        async with db.reading() as session:
            document = await export_document(session, "xlsx", clock.now(), HANOI, None, rollup)
    sheet = openpyxl.load_workbook(io.BytesIO(document.content))["Cấp dưới"]
    rows = [list(row) for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert rows == [
        [1, AN, "Đã ban hành: 12-KH/ĐU", 2, 0, 0, 2, 0, "0/2 (0%)"],
        [2, BINH, "Chưa ban hành (thực hiện 210-KH/TU)", 1, 0, 1, 0, 0, "0/1 (0%)"],
    ]
    assert sheet["A1"].value == "TÌNH HÌNH THỰC HIỆN CỦA CÁC CẤP ỦY, CƠ QUAN CẤP DƯỚI"
