"""plans carry updated_at, so an edit to a plan (its number, what it implements, its policy)
moves the standings read from it

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

import db.base

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('updated_at', db.base.UTCDateTime(timezone=True), nullable=True))
    op.execute('UPDATE plans SET updated_at = created_at')
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.alter_column('updated_at', existing_type=db.base.UTCDateTime(timezone=True),
                              nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_column('updated_at')
