"""Comparing a parsed plan with an `*.expected.json`, the way a careful reader would."""

from __future__ import annotations

from bot.plandoc import PlanDocument
from bot.unitnames import fold_spelling, unit_key

TASK_FIELDS = ("due", "recurrence", "report_day")


def _keys(names: list[str]) -> list[str]:
    return sorted(unit_key(name) for name in names)


def _opening(title: str) -> list[str]:
    return fold_spelling(title).casefold().replace(",", " ").split()[:2]


def assert_matches(document: PlanDocument, expected: dict) -> None:
    """Header and every non-optional task right; no task the reader would not list."""
    got = document.to_json()
    plan, want = got["plan"], expected["plan"]
    for field in ("number", "issued_on", "signed_by"):
        assert plan[field] == want[field], field
    assert unit_key(plan["issuer"] or "") == unit_key(want["issuer"] or "")
    assert fold_spelling(plan["title"]).casefold() == fold_spelling(want["title"]).casefold()
    tasks = {task["code"]: task for task in got["tasks"]}
    wanted = {task["code"]: task for task in expected["tasks"]}
    assert set(tasks) <= set(wanted), f"unexpected tasks: {sorted(set(tasks) - set(wanted))}"
    for code, want_task in wanted.items():
        task = tasks.get(code)
        if task is None:
            assert want_task.get("optional"), f"task {code} not found"
            continue
        assert _keys(task["lead_units"]) == _keys(want_task["lead_units"]), code
        assert _keys(task["support_units"]) == _keys(want_task["support_units"]), code
        for field in TASK_FIELDS:
            assert task[field] == want_task[field], f"{code}: {field}"
        assert _opening(task["title"]) == _opening(want_task["title"]), code
