"""Apply Alembic migrations, only to dondoc's own database; every `dondoc` command calls this first."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect
from sqlalchemy.ext.asyncio import AsyncConnection

from db.engine import Database
from db.failures import DatabaseProblem
from db.models.meta import DondocMeta
from db.sqlite_setup import BEGIN_OPTION, LONE, WRITE

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
MARKER_TABLE = DondocMeta.__tablename__
# A database migrated before the marker existed is recognised by its first tables.
FIRST_TABLES = {"plans", "tasks", "units"}
# A PostgreSQL server's own databases: never an application's, refused before connecting.
MAINTENANCE_DATABASES = {"postgres", "template0", "template1"}


class ForeignDatabase(DatabaseProblem):
    """The database holds tables that are not dondoc's."""


def alembic_config() -> Config:
    """Alembic configuration pointing at the packaged migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def known_revisions() -> set[str]:
    """Every revision this version of dondoc ships."""
    script = ScriptDirectory.from_config(alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


def head_revision() -> str:
    """The newest revision this version of dondoc ships."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def check_ownership(connection: Connection) -> None:
    """Refuse a database holding someone else's tables, or a schema newer than this dondoc."""
    tables = set(inspect(connection).get_table_names())
    if not tables:
        return
    revisions = set(MigrationContext.configure(connection).get_current_heads())
    unknown = revisions - known_revisions()
    marked = MARKER_TABLE in tables and "alembic_version" in tables
    premarker = bool(revisions) and not unknown and tables >= FIRST_TABLES
    if not (marked or premarker):
        others = sorted(tables - {"alembic_version"}) or sorted(tables)
        raise ForeignDatabase("db.foreign", tables=", ".join(others[:3]))
    if unknown:
        raise DatabaseProblem("db.newer", revision=", ".join(sorted(unknown)), head=head_revision())


async def upgrade(database: Database, revision: str = "head", *, force: bool = False) -> None:
    """Create or upgrade the schema on the database's own connection (never someone else's,
    unless `force`; never a downgrade)."""

    name = database.url.database or ""
    if database.is_postgres and name in MAINTENANCE_DATABASES and not force:
        raise ForeignDatabase("db.maintenance", name=name)

    def _run(sync_connection: Connection) -> None:
        try:
            check_ownership(sync_connection)
        except ForeignDatabase:
            if not force:
                raise
        config = alembic_config()
        config.attributes["connection"] = sync_connection
        command.upgrade(config, revision)

    async with database.engine.connect() as connection:
        if database.is_sqlite:  # batch moves rebuild tables other tables point at
            await _sqlite_foreign_keys(connection, on=False)
        try:
            async with connection.begin():
                await connection.run_sync(_run)
                if database.is_sqlite:
                    await _refuse_broken_references(connection)
        finally:
            if database.is_sqlite:
                await _sqlite_foreign_keys(connection, on=True)


async def _sqlite_foreign_keys(connection: AsyncConnection, *, on: bool) -> None:
    """Switch SQLite's foreign key checks; only outside a transaction does the switch hold
    (SQLite's procedure for rebuilding a table: https://sqlite.org/lang_altertable.html)."""
    await connection.execution_options(**{BEGIN_OPTION: LONE})
    await connection.exec_driver_sql(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
    await connection.commit()
    await connection.execution_options(**{BEGIN_OPTION: WRITE})


async def _refuse_broken_references(connection: AsyncConnection) -> None:
    """Roll the upgrade back if a rebuilt table left a reference pointing nowhere."""
    broken = (await connection.exec_driver_sql("PRAGMA foreign_key_check")).first()
    if broken is not None:
        raise RuntimeError(f"migration broke a reference: {tuple(broken)}")
