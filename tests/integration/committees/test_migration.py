"""Upgrading a deployment from before committees: everything it had becomes the default committee's."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.migrate import upgrade
from db.models import Committee, Contact, Plan, Unit
from tests.support.database import BACKENDS, drop_schema, make_database

ROWS = [
    "INSERT INTO units (id, key, name, kind, created_at) VALUES (7, 'phòng nội vụ', 'Phòng Nội vụ', 'body', '2025-03-01 00:00:00')",
    "INSERT INTO plans (id, key, title, policy, report_settings, created_at) VALUES (3, 'kh-112', 'Kế hoạch 112', '{}', '{}', '2025-03-01 00:00:00')",
    "INSERT INTO contacts (id, display_name, role, unit_id, active, deliver_to, created_at) VALUES (5, 'Chị Lan', 'contact', 7, true, 'all', '2025-03-01 00:00:00')",
]  # fmt: skip


@pytest.mark.parametrize("backend", BACKENDS)
async def test_existing_rows_move_into_the_default_committee(backend, tmp_path):
    db, _url, schema = await make_database(backend, tmp_path, revision="0007")
    try:
        async with db.engine.begin() as connection:
            for statement in ROWS:
                await connection.exec_driver_sql(statement)
        await upgrade(db)
        async with db.transaction() as session:
            owners = [
                await session.scalar(select(model.committee_id).where(model.id == row_id))
                for model, row_id in ((Unit, 7), (Plan, 3), (Contact, 5))
            ]
            default = await session.get(Committee, 1)
            added = Committee(name="Xã Hai", key="xã hai", calendar={})
            session.add(added)
            await session.flush()
        assert owners == [1, 1, 1]
        assert (default.name, default.form) == ("Mặc định", "state")
        assert added.id == 2
    finally:
        await db.dispose()
        if schema:
            await drop_schema(schema)
