"""dondoc's marker table

Revision ID: 0002
Revises: 0001
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import db.base

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    meta = op.create_table('dondoc_meta',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('app', sa.String(length=20), nullable=False),
    sa.Column('created_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_dondoc_meta_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dondoc_meta'))
    )
    op.bulk_insert(meta, [{'id': 1, 'app': 'dondoc', 'created_at': datetime.now(UTC)}])


def downgrade() -> None:
    op.drop_table('dondoc_meta')
