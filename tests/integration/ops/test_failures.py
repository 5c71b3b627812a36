"""Every failure an operator meets is one line in Vietnamese naming the fix, exit code ≠ 0."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from tests.integration.ops.conftest import one_line
from tests.support.database import POSTGRES_URL

TELEGRAM_TOKEN = "7000000009:AAH-ops-secret-Zq81xYw3vT5uRk2LpN0"
ZALO_TOKEN = "3000000009:zalo-ops-secret-Mx7rQ2"
# `dondoc run` logs its start at INFO; health on a free port.
QUIET_RUN = {"DONDOC_LOG_LEVEL": "WARNING", "DONDOC_HEALTH_LISTEN": "127.0.0.1:0"}


def server_url(database: str, user: str = "postgres", port: int = 5432) -> str:
    from sqlalchemy.engine import make_url

    url = make_url(POSTGRES_URL).set(database=database, username=user, port=port)
    return url.render_as_string(hide_password=False)


@pytest.mark.postgres
def test_unknown_database_names_it_and_the_fix(cli):
    result = cli("tasks", DATABASE_URL=server_url("khong_co_db_nay"))
    assert result.exit_code == 1
    line = one_line(result.output)
    assert "“khong_co_db_nay” không có trên máy chủ" in line and "createdb" in line


@pytest.mark.postgres
def test_unknown_role_names_it(cli):
    result = cli("plans", DATABASE_URL=server_url("test", user="khong_co_vai_tro"))
    assert result.exit_code == 1
    assert "createuser khong_co_vai_tro" in one_line(result.output)


def test_nothing_listening_on_the_port(cli):
    result = cli("tasks", DATABASE_URL="postgresql://postgres@127.0.0.1:1/dondoc")
    assert result.exit_code == 1
    assert "Không kết nối được máy chủ cơ sở dữ liệu 127.0.0.1:1" in one_line(result.output)


def test_sqlite_file_in_a_missing_directory(cli, tmp_path):
    missing = tmp_path / "khong-co" / "dondoc.db"
    result = cli("tasks", DATABASE_URL=f"sqlite:///{missing}")
    assert result.exit_code == 1
    assert f"Không mở được tệp SQLite “{missing}”" in one_line(result.output)


def test_read_only_database_says_so(cli, tmp_path):
    assert cli("db", "upgrade").exit_code == 0
    read_only = f"sqlite:///file:{tmp_path / 'ops.db'}?mode=ro&uri=true"
    result = cli("calendar", "add-holiday", "2025-09-01", DATABASE_URL=read_only)
    assert result.exit_code == 1
    assert "chỉ cho đọc" in one_line(result.output)


def test_in_memory_sqlite_is_refused_in_one_line(cli):
    result = cli("tasks", DATABASE_URL="sqlite:///:memory:")
    assert result.exit_code == 2
    assert "biến DATABASE_URL" in one_line(result.output)


def test_a_newer_schema_is_refused_and_left_as_it_is(cli, tmp_path):
    assert cli("db", "upgrade").exit_code == 0
    with sqlite3.connect(tmp_path / "ops.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0999'")
    result = cli("tasks")
    assert result.exit_code == 1
    assert "phiên bản lược đồ 0999, mới hơn" in one_line(result.output)
    with sqlite3.connect(tmp_path / "ops.db") as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("0999",)
        ]


def test_debug_level_shows_the_traceback(cli):
    result = cli(
        "tasks", DATABASE_URL="postgresql://postgres@127.0.0.1:1/x", DONDOC_LOG_LEVEL="DEBUG"
    )
    assert result.exit_code != 0
    assert isinstance(result.exception, OSError)


def test_malformed_token_is_refused_before_any_network_call(cli):
    # Nothing listens on port 1: a network call would fail differently.
    result = cli("run", TELEGRAM_BOT_TOKEN="abc-secret", TELEGRAM_API_URL="http://127.0.0.1:1")
    assert result.exit_code == 2
    line = one_line(result.output)
    assert "biến TELEGRAM_BOT_TOKEN" in line and "abc" not in line


def test_short_token_for_real_telegram_is_refused_without_echo(cli):
    result = cli("run", TELEGRAM_BOT_TOKEN="123:short-secret-x")
    assert result.exit_code == 2
    line = one_line(result.output)
    assert "TELEGRAM_BOT_TOKEN" in line and "short" not in line and "123:" not in line


def never_shows(token: str, output: str) -> None:
    """Neither the token nor any 6-character piece of its secret appears."""
    secret = token.split(":", 1)[1]
    assert token.split(":")[0] not in output
    for start in range(len(secret) - 5):
        assert secret[start : start + 6] not in output, output


@pytest.mark.parametrize("status", [401, 404])
def test_telegram_refusal_never_prints_the_token(cli, refusing_api, status):
    api = refusing_api(status)
    result = cli("run", TELEGRAM_BOT_TOKEN=TELEGRAM_TOKEN, TELEGRAM_API_URL=api, **QUIET_RUN)
    assert result.exit_code == 1
    line = one_line(result.output)
    assert "Máy chủ Telegram từ chối token" in line and "TELEGRAM_API_URL" in line
    never_shows(TELEGRAM_TOKEN, result.output)


@pytest.mark.parametrize("status", [401, 404])
def test_zalo_refusal_never_prints_the_token(cli, refusing_api, status):
    api = refusing_api(status)
    result = cli("run", ZALO_BOT_TOKEN=ZALO_TOKEN, ZALO_API_URL=api, **QUIET_RUN)
    assert result.exit_code == 1
    assert "Máy chủ Zalo từ chối token" in one_line(result.output)
    never_shows(ZALO_TOKEN, result.output)


def test_remind_refusal_never_prints_the_token(cli, refusing_api):
    api = refusing_api(401)
    result = cli("remind", TELEGRAM_BOT_TOKEN=TELEGRAM_TOKEN, TELEGRAM_API_URL=api)
    assert result.exit_code == 1
    assert "TELEGRAM_BOT_TOKEN" in one_line(result.output)
    never_shows(TELEGRAM_TOKEN, result.output)


def test_the_installed_command_prints_one_line(tmp_path):
    env = {"DATABASE_URL": "postgresql://postgres@127.0.0.1:1/x", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "tasks"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert "127.0.0.1:1" in one_line(result.stderr)


def test_library_log_lines_stay_out_of_run_output(cli, refusing_api):
    api = refusing_api(401)
    result = cli(
        "run", TELEGRAM_BOT_TOKEN=TELEGRAM_TOKEN, TELEGRAM_API_URL=api,
        DONDOC_LOG_LEVEL="INFO", DONDOC_HEALTH_LISTEN="127.0.0.1:0",
    )  # fmt: skip
    assert result.exit_code == 1
    for library in ("alembic", "httpx", "httpcore", "apscheduler", "Traceback"):
        assert library not in result.output
    never_shows(TELEGRAM_TOKEN, result.output)
