"""Fixtures of the isolation tests: a province (P; its children A and B; A's child D) on a fresh
copy of one seeded SQLite file."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core import Core
from db.engine import Database
from db.migrate import upgrade
from tests.fakes import FakeChannel
from tests.support.province import Member, Province, build_province
from tests.support.world import SEEDED_AT


@pytest.fixture(scope="session")
def province_template(tmp_path_factory) -> tuple[Path, dict[str, Member]]:
    """One migrated province database that each test copies, and what each committee holds."""
    path = tmp_path_factory.mktemp("province-template") / "province.db"

    async def build() -> dict[str, Member]:
        database = Database(f"sqlite:///{path}")
        await upgrade(database)
        members = await build_province(database, SEEDED_AT)
        await database.dispose()
        return members

    return path, asyncio.run(build())


@pytest.fixture
async def province(province_template, tmp_path, clock, settings) -> AsyncIterator[Province]:
    """A Core with a fake Telegram channel on a fresh copy of the province."""
    template, members = province_template
    path = tmp_path / "province.db"
    shutil.copyfile(template, path)
    database = Database(f"sqlite:///{path}")
    core = Core(settings=settings, db=database, clock=clock, channels={"telegram": FakeChannel()})
    yield Province(core=core, members=members)
    await database.dispose()
