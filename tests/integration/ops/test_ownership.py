"""Migrations touch only dondoc's own database: empty, or already marked as dondoc's."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest
from sqlalchemy import inspect, text

from db.migrate import MARKER_TABLE
from tests.integration.ops.conftest import one_line


def sqlite_tables(path) -> set[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows}


def test_a_fresh_database_gets_the_marker(cli, tmp_path):
    assert cli("plans").exit_code == 0
    with sqlite3.connect(tmp_path / "ops.db") as connection:
        assert connection.execute(f"SELECT id, app FROM {MARKER_TABLE}").fetchall() == [
            (1, "dondoc")
        ]


def test_a_foreign_sqlite_file_is_refused_untouched(cli, tmp_path):
    with sqlite3.connect(tmp_path / "ops.db") as connection:
        connection.execute("CREATE TABLE khach_hang (id INTEGER PRIMARY KEY)")
    result = cli("tasks")
    assert result.exit_code == 1
    line = one_line(result.output)
    assert "bảng của ứng dụng khác (khach_hang)" in line and "--force" in line
    assert sqlite_tables(tmp_path / "ops.db") == {"khach_hang"}


def test_force_adds_dondoc_beside_foreign_tables(cli, tmp_path):
    with sqlite3.connect(tmp_path / "ops.db") as connection:
        connection.execute("CREATE TABLE khach_hang (id INTEGER PRIMARY KEY)")
    assert cli("db", "upgrade", "--force").exit_code == 0
    assert {"khach_hang", MARKER_TABLE, "tasks"} <= sqlite_tables(tmp_path / "ops.db")
    assert cli("tasks").exit_code == 0  # marked now: ours from here on


def test_a_database_migrated_before_the_marker_is_still_ours(cli, tmp_path):
    from db.engine import Database
    from db.migrate import upgrade

    async def first_release_schema() -> None:
        database = Database(f"sqlite:///{tmp_path / 'ops.db'}")
        try:
            await upgrade(database, "0001")
        finally:
            await database.dispose()

    asyncio.run(first_release_schema())
    assert MARKER_TABLE not in sqlite_tables(tmp_path / "ops.db")
    assert cli("plans").exit_code == 0
    assert MARKER_TABLE in sqlite_tables(tmp_path / "ops.db")


def test_another_applications_alembic_database_is_refused(cli, tmp_path):
    with sqlite3.connect(tmp_path / "ops.db") as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32))")
        connection.execute("INSERT INTO alembic_version VALUES ('ae1027a6acf')")
        connection.execute("CREATE TABLE orders (id INTEGER)")
    result = cli("plans")
    assert result.exit_code == 1
    assert "(orders)" in one_line(result.output)


@pytest.mark.postgres
def test_a_foreign_postgresql_database_is_refused_untouched(cli, postgres_database):

    async def tables() -> set[str]:
        from db.engine import Database

        database = Database(postgres_database)
        try:
            async with database.engine.connect() as connection:
                return await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
        finally:
            await database.dispose()

    async def create_foreign() -> None:
        from db.engine import Database

        database = Database(postgres_database)
        try:
            async with database.engine.begin() as connection:
                await connection.execute(text("CREATE TABLE hoa_don (id integer)"))
        finally:
            await database.dispose()

    asyncio.run(create_foreign())
    result = cli("tasks", DATABASE_URL=postgres_database)
    assert result.exit_code == 1
    assert "(hoa_don)" in one_line(result.output)
    assert asyncio.run(tables()) == {"hoa_don"}
    assert cli("db", "upgrade", "--force", DATABASE_URL=postgres_database).exit_code == 0
    assert {"hoa_don", MARKER_TABLE, "tasks"} <= asyncio.run(tables())


def test_the_servers_own_database_is_refused_before_connecting(cli):
    # Nothing listens on port 1: the refusal comes before any connection is tried.
    result = cli("tasks", DATABASE_URL="postgresql://postgres@127.0.0.1:1/postgres")
    assert result.exit_code == 1
    line = one_line(result.output)
    assert "“postgres” là cơ sở dữ liệu quản trị" in line and "createdb dondoc" in line
