"""Invite and link codes are stored hashed; codes issued before the change keep working."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from bot.domain import Role
from bot.services.invites import create_invite, hash_code, redeem_invite
from db.engine import Database
from db.migrate import upgrade
from tests.support.database import BACKENDS, POSTGRES_URL, drop_schema

NOW = datetime(2025, 3, 24, 1, 0, tzinfo=UTC)


async def test_the_database_keeps_only_the_hash(db):
    async with db.transaction() as session:
        invite = await create_invite(session, Role.LEADER, None, "test", NOW)
    code = invite.code
    async with db.reading() as session:
        [row] = (await session.execute(text("SELECT * FROM invites"))).all()
        stored = (await session.execute(text("SELECT code_hash FROM invites"))).scalar_one()
    assert code not in " ".join(str(value) for value in row)
    assert stored == hash_code(code) != code
    async with db.transaction() as session:
        binding = await redeem_invite(
            session, code.upper(), channel="telegram", user_id="u1", chat_id="u1",
            display_name="A", now=NOW,
        )  # fmt: skip
    assert binding.contact.role == Role.LEADER.value


@pytest.fixture(params=BACKENDS)
async def before_hashing(request, tmp_path):
    """A database at revision 0001 (plain codes); PostgreSQL in a fresh schema."""
    schema = None
    if request.param == "sqlite":
        database = Database(f"sqlite:///{tmp_path / 'old.db'}")
    else:
        schema = f"t_{uuid.uuid4().hex[:12]}"
        admin = Database(POSTGRES_URL)
        async with admin.engine.begin() as connection:
            await connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
        await admin.dispose()
        database = Database(POSTGRES_URL, schema=schema)
    await upgrade(database, "0001")
    yield database
    await database.dispose()
    if schema:
        await drop_schema(schema)


async def test_codes_issued_before_the_migration_still_work(before_hashing):
    database = before_hashing
    async with database.transaction() as session:
        await session.execute(
            text(
                "INSERT INTO invites (code, role, created_by, created_at, expires_at) "
                "VALUES (:code, 'leader', 'cli', :now, :expires)"
            ),
            {"code": "abcdefghjk", "now": NOW, "expires": NOW + timedelta(days=14)},
        )
    await upgrade(database)
    async with database.reading() as session:
        stored = (await session.execute(text("SELECT code_hash FROM invites"))).scalar_one()
    assert stored == hash_code("abcdefghjk")
    async with database.transaction() as session:
        binding = await redeem_invite(
            session, "abcdefghjk", channel="telegram", user_id="u1", chat_id="u1",
            display_name="A", now=NOW,
        )  # fmt: skip
    assert binding.contact.role == "leader"
