"""reports indexed by committee, task, unit, moment and id: a summary in a committee's scope finds
its (task, unit) pairs in the index alone, and each pair's latest report at the end of its range

Revision ID: 0014
Revises: 0013
"""

from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        'ix_progress_reports_committee_pair',
        'progress_reports',
        ['committee_id', 'task_id', 'unit_id', 'reported_at', 'id'],
    )


def downgrade() -> None:
    op.drop_index('ix_progress_reports_committee_pair', table_name='progress_reports')
