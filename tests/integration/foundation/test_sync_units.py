"""`Database.read_sync`/`write_sync` on both backends: one unit of plain synchronous work."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select

from db.models import Unit


def keys(connection) -> set[str]:
    """The stored units' keys."""
    return set(connection.scalars(select(Unit.key)))


async def test_a_sync_writer_commits_when_it_returns_and_undoes_all_when_it_raises(db):
    def failing(connection) -> None:
        connection.execute(insert(Unit).values(key="b", name="Đơn vị B"))
        raise RuntimeError("hỏng giữa chừng")

    written = await db.write_sync(
        lambda connection: connection.execute(insert(Unit).values(key="a", name="Đơn vị A"))
    )
    assert written.rowcount == 1
    with pytest.raises(RuntimeError):
        await db.write_sync(failing)
    assert await db.read_sync(keys) == {"a"}
    async with db.reading() as session:
        assert set(await session.scalars(select(Unit.key))) == {"a"}
