"""committee standings: each child committee's roll-up line, kept until its inputs change

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

import db.base

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('committee_standings',
    sa.Column('committee_id', sa.Integer(), nullable=False),
    sa.Column('computed_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('as_of_day', sa.Date(), nullable=False),
    sa.Column('fingerprint', sa.Text(), nullable=False),
    sa.Column('counts', sa.JSON(), nullable=False),
    sa.Column('overdue', sa.Integer(), nullable=False),
    sa.Column('obstacles', sa.Integer(), nullable=False),
    sa.Column('reported_units', sa.Integer(), nullable=False),
    sa.Column('units_with_tasks', sa.Integer(), nullable=False),
    sa.Column('plans', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['committee_id'], ['committees.id'], name=op.f('fk_committee_standings_committee_id_committees'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('committee_id', name=op.f('pk_committee_standings'))
    )


def downgrade() -> None:
    op.drop_table('committee_standings')
