"""Alembic environment: runs on the connection `db.migrate.upgrade` hands over."""

from alembic import context

from db import models  # noqa: F401  (registers every table)
from db.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
