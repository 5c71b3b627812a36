"""obstacles, their notice ledger, and one report per task named in a message

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

import db.base

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('obstacles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('opened_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('announced_at', db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('direction', sa.Text(), nullable=True),
    sa.Column('directed_by', sa.String(length=200), nullable=True),
    sa.Column('directed_at', db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_at', db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_by', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['report_id'], ['progress_reports.id'], name=op.f('fk_obstacles_report_id_progress_reports'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_obstacles_task_id_tasks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_obstacles_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_obstacles')),
    sa.UniqueConstraint('report_id', name=op.f('uq_obstacles_report_id'))
    )
    with op.batch_alter_table('obstacles', schema=None) as batch_op:
        batch_op.create_index('ix_obstacles_task_unit_closed', ['task_id', 'unit_id', 'closed_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_obstacles_announced_at'), ['announced_at'], unique=False)

    op.create_table('obstacle_sends',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('obstacle_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('chat_id', sa.String(length=100), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('message_id', sa.String(length=100), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('created_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', db.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['obstacle_id'], ['obstacles.id'], name=op.f('fk_obstacle_sends_obstacle_id_obstacles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_obstacle_sends')),
    sa.UniqueConstraint('obstacle_id', 'channel', 'chat_id', name=op.f('uq_obstacle_sends_obstacle_id_channel_chat_id'))
    )

    with op.batch_alter_table('progress_reports', schema=None) as batch_op:
        batch_op.drop_constraint('uq_progress_reports_channel_chat_id_message_id', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_progress_reports_channel_chat_id_message_id_task_id'), ['channel', 'chat_id', 'message_id', 'task_id'])


def downgrade() -> None:
    with op.batch_alter_table('progress_reports', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_progress_reports_channel_chat_id_message_id_task_id'), type_='unique')
        batch_op.create_unique_constraint('uq_progress_reports_channel_chat_id_message_id', ['channel', 'chat_id', 'message_id'])
    op.drop_table('obstacle_sends')
    with op.batch_alter_table('obstacles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_obstacles_announced_at'))
        batch_op.drop_index('ix_obstacles_task_unit_closed')
    op.drop_table('obstacles')
