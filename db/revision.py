"""Autogenerate a migration from the models.

`python -m db.revision "message"` adds a revision; `python -m db.revision --initial`
rewrites 0001 from scratch (only while nothing has been released).
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from alembic import command

from db.engine import Database
from db.migrate import MIGRATIONS_DIR, alembic_config, upgrade

INITIAL = MIGRATIONS_DIR / "versions" / "0001_initial_schema.py"


async def _autogenerate(message: str, revision_id: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = Database(f"sqlite:///{Path(folder) / 'revision.db'}")
        await upgrade(database)

        def _run(sync_connection) -> None:
            config = alembic_config()
            config.attributes["connection"] = sync_connection
            command.revision(config, message=message, autogenerate=True, rev_id=revision_id)

        async with database.engine.begin() as connection:
            await connection.run_sync(_run)
        await database.dispose()


def main(argv: list[str]) -> None:
    """Generate the requested revision."""
    if argv[:1] == ["--initial"]:
        INITIAL.unlink(missing_ok=True)
        asyncio.run(_autogenerate("initial schema", "0001"))
        generated = next(MIGRATIONS_DIR.glob("versions/0001_*.py"))
        generated.rename(INITIAL)
    else:
        asyncio.run(_autogenerate(argv[0] if argv else "change", None))


if __name__ == "__main__":
    main(sys.argv[1:])
