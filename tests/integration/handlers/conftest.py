"""Fixtures of the conversation handlers' tests: a seeded world on a fresh SQLite copy."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.core import Core
from bot.services.units import get_unit
from db.engine import Database
from db.migrate import upgrade
from db.models import Task
from tests.fakes import FakeChannel
from tests.support.world import GROUP, MEMBER, SEEDED_AT, UNIT_A, UNIT_B, World, seed


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory) -> Path:
    """One migrated, seeded SQLite file that each test copies (migrating is the slow part)."""
    path = tmp_path_factory.mktemp("handlers-template") / "seeded.db"

    async def build() -> None:
        database = Database(f"sqlite:///{path}")
        await upgrade(database)
        await seed(database, SEEDED_AT)
        await database.dispose()

    asyncio.run(build())
    return path


@pytest.fixture
async def world(seeded_template, tmp_path, clock, settings) -> AsyncIterator[World]:
    """A Core with a fake Telegram channel on a fresh copy of the seeded database."""
    path = tmp_path / "world.db"
    shutil.copyfile(seeded_template, path)
    database = Database(f"sqlite:///{path}")
    core = Core(settings=settings, db=database, clock=clock, channels={"telegram": FakeChannel()})
    world = World(core=core, clock=clock)
    async with database.reading() as session:
        for name in (UNIT_A, UNIT_B, GROUP, MEMBER):
            world.units[name] = (await get_unit(session, name)).id
        for task in await session.scalars(select(Task)):
            world.tasks[task.code] = task.id
    yield world
    await database.dispose()
