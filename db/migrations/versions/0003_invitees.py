"""invitees: who an invite is for, and which invite replaced an expired one

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

import db.base

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('invites', schema=None) as batch_op:
        batch_op.add_column(sa.Column('invitee_name', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('invitee_title', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('invitee_phone', sa.String(length=40), nullable=True))
        batch_op.add_column(
            sa.Column('replaced_at', db.base.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table('invites', schema=None) as batch_op:
        batch_op.drop_column('replaced_at')
        batch_op.drop_column('invitee_phone')
        batch_op.drop_column('invitee_title')
        batch_op.drop_column('invitee_name')
