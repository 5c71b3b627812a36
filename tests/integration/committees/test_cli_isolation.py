"""`dondoc … --committee A` reads and changes A only: every committee command, also when its
arguments name another committee's task, unit or plan."""

from __future__ import annotations

import asyncio
import shutil

import pytest

from db.engine import Database
from tests.support.cli import run_cli
from tests.support.paths import SAMPLES
from tests.support.province import Member, changed, file_text, snapshots

A_NAME = "Đảng ủy xã An Bình"


def own_commands(own: Member, out: str) -> list[list[str]]:
    """Every committee command on A's own rows: each succeeds."""
    listing = [["plans"], ["tasks"], ["tasks", "--json"], ["units"], ["units", "--json"], ["summary"],
               ["summary", "--json"], ["audit"], ["onboarding"], ["policy"], ["plan", "show"],
               ["remind", "--dry-run", "--on", "2025-04-14"], ["letter", "--all", "-o", f"{out}/letters"],
               ["export", "--format", "xlsx", "-o", f"{out}/a.xlsx"],
               ["export", "--format", "docx", "-o", f"{out}/a.docx"]]  # fmt: skip
    changes = [
        ["import", str(SAMPLES / "ke-hoach-730-khcn.txt")],
        ["invite", "--role", "leader"],
        ["invite", "--role", "contact", "--unit", own.units[1]],
        ["report", "--task", own.codes[1], "--unit", own.units[1], "--text", "Đạt 70%"],
        ["task", "close", own.codes[1]],
        ["units", "alias", own.units[0], "Ban Tuyên giáo"],
    ]
    return listing + changes


def commands_naming(own: Member, other: Member, out: str) -> list[list[str]]:
    """Commands naming the other committee's rows, which A cannot see."""
    return [
        ["tasks", "--plan", str(other.plan_id)], ["tasks", "--unit", other.units[0]],
        ["summary", "--plan", str(other.plan_id)], ["audit", "--task", other.codes[0]],
        ["export", "--format", "xlsx", "--plan", str(other.plan_id), "-o", f"{out}/b.xlsx"],
        ["report", "--task", other.codes[0], "--unit", other.units[0], "--text", "Xong 100%"],
        ["report", "--task", other.codes[0], "--unit", own.units[0], "--text", "Xong 100%"],
        ["invite", "--role", "contact", "--unit", other.units[0]],
        ["task", "close", other.codes[0]], ["task", "edit", other.codes[1], "--due", "2025-12-31"],
        ["units", "rename", other.units[0], "Ban Dân vận"], ["units", "alias", other.units[1], "VP"],
        ["policy", "--plan", str(other.plan_id), "overdue_every=2"],
        ["plan", "set", "--plan", str(other.plan_id), "signer=Nguyễn Văn A"],
        ["letter", "--unit", other.units[0], "-o", f"{out}/other-letters"],
    ]  # fmt: skip


def rows_of(url: str, committee_ids: list[int]) -> dict:
    async def read() -> dict:
        database = Database(url)
        try:
            return await snapshots(database, committee_ids)
        finally:
            await database.dispose()

    return asyncio.run(read())


@pytest.mark.parametrize("other_tag", ["P", "B", "D"])
def test_committee_option_touches_only_that_committee(province_template, tmp_path, other_tag):
    template, members = province_template
    shutil.copyfile(template, tmp_path / "cli.db")
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    own, other = members["A"], members[other_tag]
    others = [m.id for m in members.values() if m is not own] + [1]
    before = rows_of(url, others)
    own_before = rows_of(url, [own.id])[own.id]
    problems = []
    succeeding = own_commands(own, str(tmp_path))
    for args in succeeding + commands_naming(own, other, str(tmp_path)):
        result = run_cli(tmp_path, *args, "--committee", A_NAME)
        if args in succeeding and result.returncode != 0:
            problems.append(f"{args}: exit {result.returncode}: {result.stderr[-200:]}")
        said = result.stdout + result.stderr
        typed = " ".join(args)
        for member in members.values():
            if member is not own:
                problems += [
                    f"{typed}: shows {s!r}"
                    for s in member.secrets_from(own)
                    if s in said and s not in typed
                ]
        if "Traceback" in said:
            problems.append(f"{typed}: {said[-300:]}")
    for path in [*tmp_path.rglob("*.xlsx"), *tmp_path.rglob("*.docx")]:
        written = file_text(path.read_bytes())
        problems += [f"{path.name}: {s!r}" for s in other.secrets_from(own) if s in written]
    after = rows_of(url, others)
    own_after = rows_of(url, [own.id])[own.id]
    assert problems == []
    assert {c: changed(before[c], after[c]) for c in others if before[c] != after[c]} == {}
    grown = changed(own_before, own_after)
    assert {"plans", "invites", "progress_reports", "unit_aliases", "audit_log"} <= set(grown)
