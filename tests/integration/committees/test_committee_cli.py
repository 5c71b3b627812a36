"""`dondoc committee add|list|edit`, and `--committee` keeping each committee's registry apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import CliResult, run_cli
from tests.support.paths import REPO

EXAMPLE = REPO / "examples" / "example-plan.yaml"
COMMUNE = "Đảng ủy xã An Bình"
PROVINCE = "Tỉnh ủy Tây Ninh"


def dondoc(tmp_path: Path, *args: str) -> CliResult:
    """The command, in-process, on tmp_path/cli.db."""
    return run_cli(tmp_path, *args)


def listed(tmp_path: Path) -> dict[str, dict]:
    """`committee list --json` by name."""
    return {
        row["name"]: row
        for row in json.loads(dondoc(tmp_path, "committee", "list", "--json").stdout)
    }


def test_a_new_deployment_has_its_default_committee_and_adds_others(tmp_path):
    assert list(listed(tmp_path)) == ["Mặc định"]
    added = dondoc(
        tmp_path, "committee", "add", COMMUNE, "--parent", "mặc định", "--place", "An Bình",
        "--form", "party", "--telegram-token-env", "TG_AN_BINH", "--day", "2026-01-02=off", "--json",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout) == {
        "id": 2, "name": COMMUNE, "parent": "Mặc định", "place": "An Bình", "form": "party",
        "telegram_token_env": "TG_AN_BINH", "zalo_token_env": None,
        "calendar": {"2026-01-02": "off"}, "plans": 0, "units": 0, "people": 0,
    }  # fmt: skip
    edited = dondoc(tmp_path, "committee", "edit", "Mặc định", "--name", "Tỉnh ủy Tây Ninh")
    assert edited.returncode == 0, edited.stderr
    assert listed(tmp_path)[COMMUNE]["parent"] == "Tỉnh ủy Tây Ninh"
    dondoc(
        tmp_path,
        "committee",
        "edit",
        "đảng uỷ xã an bình",
        "--no-parent",
        "--telegram-token-env",
        "",
    )
    assert listed(tmp_path)[COMMUNE]["parent"] is None
    assert listed(tmp_path)[COMMUNE]["telegram_token_env"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "Mặc định"], "Đã có cấp ủy/cơ quan “Mặc định”"),
        (["add", "   "], "không được để trống"),
        (["add", "Xã B", "--parent", "Tỉnh X"], "Không có cấp ủy/cơ quan “Tỉnh X”"),
        (["add", "Xã B", "--telegram-token-env", "123456:AAH-secret"], "không ghi chính token"),
        (["add", "Xã B", "--form", "army"], "“party” (Đảng) hoặc “state”"),
        (["add", "Xã B", "--day", "2026-13-01=off"], "không đúng dạng NĂM-THÁNG-NGÀY"),
        (["add", "Xã B", "--day", "2026-01-02=holiday"], "“off” (nghỉ) hoặc “work”"),
        (["edit", "Xã Z", "--place", "Z"], "Không có cấp ủy/cơ quan “Xã Z”"),
        (["edit", "Mặc định", "--parent", "Mặc định"], "không thể làm cấp trên của nó"),
    ],
)
def test_bad_committee_input_gets_one_clear_line(tmp_path, args, message):
    result = dondoc(tmp_path, "committee", *args)
    assert result.returncode == 1
    assert message in result.stderr
    assert "123456:AAH-secret" not in result.stderr + result.stdout
    assert list(listed(tmp_path)) == ["Mặc định"]


def test_a_child_cannot_become_its_own_parents_parent(tmp_path):
    dondoc(tmp_path, "committee", "add", COMMUNE, "--parent", "Mặc định")
    result = dondoc(tmp_path, "committee", "edit", "Mặc định", "--parent", COMMUNE)
    assert result.returncode == 1
    assert "không thể làm cấp trên của nó" in result.stderr


def test_each_committee_sees_only_what_was_imported_for_it(tmp_path):
    dondoc(tmp_path, "committee", "add", COMMUNE)
    imported = dondoc(tmp_path, "import", str(EXAMPLE), "--committee", COMMUNE, "--json")
    assert imported.returncode == 0, imported.stderr
    assert json.loads(dondoc(tmp_path, "plans", "--json").stdout) == []
    assert json.loads(dondoc(tmp_path, "tasks", "--json").stdout) == []
    ours = json.loads(
        dondoc(tmp_path, "tasks", "--json", "--committee", "đảng ủy xã an bình").stdout
    )
    assert len(ours) == 3
    dondoc(tmp_path, "import", str(EXAMPLE))  # the same plan, now for the default committee
    theirs = json.loads(dondoc(tmp_path, "tasks", "--json").stdout)
    assert sorted(t["code"] for t in theirs) == sorted(t["code"] for t in ours)
    [their_plan] = json.loads(dondoc(tmp_path, "plans", "--json").stdout)
    [our_plan] = json.loads(dondoc(tmp_path, "plans", "--json", "--committee", COMMUNE).stdout)
    assert their_plan["id"] != our_plan["id"]
    counts = listed(tmp_path)
    assert (counts[COMMUNE]["plans"], counts["Mặc định"]["plans"]) == (1, 1)
    assert counts[COMMUNE]["units"] == counts["Mặc định"]["units"] > 0


def test_an_unknown_committee_is_named_with_those_there_are(tmp_path):
    result = dondoc(tmp_path, "tasks", "--committee", "Xã Không Có")
    assert result.returncode == 1
    assert "Không có cấp ủy/cơ quan “Xã Không Có”. Hiện có: Mặc định." in result.stderr


def test_deployment_commands_take_no_committee(tmp_path):
    result = dondoc(tmp_path, "status", "--committee", "Mặc định")
    assert result.returncode == 2
    assert "No such option: --committee" in result.stderr


def test_renaming_a_child_committee_renames_its_unit_in_the_parent(tmp_path):
    dondoc(tmp_path, "committee", "add", PROVINCE)
    dondoc(tmp_path, "committee", "add", COMMUNE, "--parent", PROVINCE)
    (before,) = parent_units(tmp_path)
    edited = dondoc(tmp_path, "committee", "edit", COMMUNE, "--name", "Đảng ủy xã Tân An")
    assert edited.returncode == 0, edited.stderr
    assert parent_units(tmp_path) == [{**before, "name": "Đảng ủy xã Tân An"}]
    log = json.loads(dondoc(tmp_path, "audit", "--json", "--committee", PROVINCE).stdout)
    renames = [row for row in log if row["action"] == "rename"]
    assert [(r["entity"], r["entity_id"], r["details"]) for r in renames] == [
        ("unit", before["id"], {"old": COMMUNE, "new": "Đảng ủy xã Tân An"})
    ]
    # The old name stays an alias of the unit, as after `units rename`.
    aliased = dondoc(tmp_path, "units", "rename", COMMUNE, "Xã Tân An", "--committee", PROVINCE)
    assert aliased.returncode == 0, aliased.stderr


def test_a_child_is_not_renamed_onto_another_unit_of_its_parent(tmp_path):
    dondoc(tmp_path, "committee", "add", PROVINCE)
    dondoc(tmp_path, "committee", "add", COMMUNE, "--parent", PROVINCE)
    dondoc(tmp_path, "import", str(EXAMPLE), "--committee", PROVINCE)
    refused = dondoc(tmp_path, "committee", "edit", COMMUNE, "--name", "Phòng Nội vụ huyện")
    assert refused.returncode != 0
    assert "Đã có đơn vị “Phòng Nội vụ huyện”" in refused.stderr + refused.stdout
    assert listed(tmp_path)[COMMUNE]["name"] == COMMUNE


def parent_units(tmp_path: Path) -> list[dict]:
    """The province's units (`units --committee … --json`)."""
    return json.loads(dondoc(tmp_path, "units", "--committee", PROVINCE, "--json").stdout)
