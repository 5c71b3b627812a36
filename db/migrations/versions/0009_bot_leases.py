"""bot leases: each bot is polled by one process at a time

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

import db.base

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('bot_leases',
    sa.Column('channel', sa.String(length=64), nullable=False),
    sa.Column('owner', sa.String(length=100), nullable=False),
    sa.Column('expires_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('channel', name=op.f('pk_bot_leases'))
    )


def downgrade() -> None:
    op.drop_table('bot_leases')
