"""bot leases say whether their holder sends reminders: a bot's reminders are sent by its holder

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('bot_leases', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('sends_reminders', sa.Boolean(), server_default=sa.true(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table('bot_leases', schema=None) as batch_op:
        batch_op.drop_column('sends_reminders')
