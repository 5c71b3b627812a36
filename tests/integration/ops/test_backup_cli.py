"""`dondoc backup`, `dondoc restore` and `dondoc db copy` from the command line."""

from __future__ import annotations

import stat

import pytest

from tests.integration.ops.conftest import one_line
from tests.support.paths import REPO

EXAMPLE = REPO / "examples" / "example-plan.yaml"


def test_backup_and_restore_from_the_command_line(cli, tmp_path):
    assert cli("import", str(EXAMPLE)).exit_code == 0
    made = cli("backup", "-o", "sao-luu.db")
    assert made.exit_code == 0, made.output
    assert "vào sao-luu.db" in one_line(made.output)
    assert stat.S_IMODE((tmp_path / "sao-luu.db").stat().st_mode) == 0o600
    elsewhere = f"sqlite:///{tmp_path / 'moi.db'}"
    restored = cli("restore", "sao-luu.db", DATABASE_URL=elsewhere)
    assert restored.exit_code == 0, restored.output
    assert "Đã khôi phục" in one_line(restored.output)
    assert "Số hóa hồ sơ" in cli("tasks", DATABASE_URL=elsewhere).output
    again = cli("restore", "sao-luu.db", DATABASE_URL=elsewhere)
    assert again.exit_code == 1
    assert "đã có dữ liệu" in one_line(again.output)


def test_restore_of_something_else_is_refused(cli, tmp_path):
    (tmp_path / "ghi-chu.txt").write_text("không phải sao lưu")
    result = cli("restore", "ghi-chu.txt")
    assert result.exit_code == 1
    assert "không phải bản sao lưu của dondoc" in one_line(result.output)


def test_copy_to_itself_is_refused(cli, tmp_path):
    result = cli("db", "copy", "--to", f"sqlite:///{tmp_path / 'ops.db'}")
    assert result.exit_code == 1
    assert "cùng một cơ sở dữ liệu" in one_line(result.output)


@pytest.mark.postgres
def test_copy_sqlite_to_postgresql(cli, postgres_database):
    assert cli("import", str(EXAMPLE)).exit_code == 0
    copied = cli("db", "copy", "--to", postgres_database)
    assert copied.exit_code == 0, copied.output
    assert "số dòng từng bảng đã khớp" in one_line(copied.output)
    listing = cli("tasks", "--json", DATABASE_URL=postgres_database)
    assert listing.exit_code == 0 and "Số hóa hồ sơ" in listing.output
    refused = cli("db", "copy", "--to", postgres_database)
    assert refused.exit_code == 1 and "đã có dữ liệu" in one_line(refused.output)
