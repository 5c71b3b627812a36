"""committees own plans, units, people, chats, digests and the log; channel names fit a bot's name

Existing rows move into committee 1, the deployment's committee until now ("Mặc định"; rename it
with `dondoc committee edit`).

Revision ID: 0008
Revises: 0007
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import db.base

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('committees',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=True),
    sa.Column('form', sa.String(length=10), server_default='state', nullable=False),
    sa.Column('calendar', sa.JSON(), server_default=sa.text("'{}'"), nullable=False),
    sa.Column('telegram_token_env', sa.String(length=100), nullable=True),
    sa.Column('zalo_token_env', sa.String(length=100), nullable=True),
    sa.Column('created_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['committees.id'], name=op.f('fk_committees_parent_id_committees')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_committees')),
    sa.UniqueConstraint('key', name=op.f('uq_committees_key'))
    )
    with op.batch_alter_table('committees', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_committees_parent_id'), ['parent_id'], unique=False)
    committees = sa.table(
        'committees',
        sa.column('id', sa.Integer()),
        sa.column('name', sa.String()),
        sa.column('key', sa.String()),
        sa.column('created_at', db.base.UTCDateTime(timezone=True)),
    )
    op.bulk_insert(committees, [{'id': 1, 'name': 'Mặc định', 'key': 'mặc định', 'created_at': datetime.now(UTC)}])
    if op.get_bind().dialect.name == 'postgresql':  # the next committee added is 2
        op.execute("SELECT setval(pg_get_serial_sequence('committees', 'id'), 1)")

    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('committee_id', sa.Integer(), server_default='1', nullable=False))
        batch_op.create_index(batch_op.f('ix_audit_log_committee_id'), ['committee_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_audit_log_committee_id_committees'), 'committees', ['committee_id'], ['id'])

    with op.batch_alter_table('bound_chats', schema=None) as batch_op:
        batch_op.add_column(sa.Column('committee_id', sa.Integer(), server_default='1', nullable=False))
        batch_op.alter_column('channel',
               existing_type=sa.VARCHAR(length=20),
               type_=sa.String(length=64),
               existing_nullable=False)
        batch_op.create_index(batch_op.f('ix_bound_chats_committee_id'), ['committee_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_bound_chats_committee_id_committees'), 'committees', ['committee_id'], ['id'])

    with op.batch_alter_table('chat_states', schema=None) as batch_op:
        batch_op.alter_column('channel',
               existing_type=sa.VARCHAR(length=20),
               type_=sa.String(length=64),
               existing_nullable=False)

    with op.batch_alter_table('code_attempts', schema=None) as batch_op:
        batch_op.alter_column('channel',
               existing_type=sa.VARCHAR(length=20),
               type_=sa.String(length=64),
               existing_nullable=False)

    with op.batch_alter_table('contact_endpoints', schema=None) as batch_op:
        batch_op.alter_column('channel',
               existing_type=sa.VARCHAR(length=20),
               type_=sa.String(length=64),
               existing_nullable=False)

    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('committee_id', sa.Integer(), server_default='1', nullable=False))
        batch_op.create_index(batch_op.f('ix_contacts_committee_id'), ['committee_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_contacts_committee_id_committees'), 'committees', ['committee_id'], ['id'])

    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.alter_column('channel',
               existing_type=sa.VARCHAR(length=20),
               type_=sa.String(length=64),
               existing_nullable=False)

    with op.batch_alter_table('digest_sends', schema=None) as batch_op:
        batch_op.add_column(sa.Column('committee_id', sa.Integer(), server_default='1', nullable=False))
        batch_op.alter_column('channel',
               existing_type=sa.VARCHAR(length=20),
               type_=sa.String(length=64),
               existing_nullable=False)
        batch_op.create_index(batch_op.f('ix_digest_sends_committee_id'), ['committee_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_digest_sends_committee_id_committees'), 'committees', ['committee_id'], ['id'])

    with op.batch_alter_table('inbox_updates', schema=None) as batch_op:
        batch_op.alter_column('channel',
               existing_type=sa.VARCHAR(length=20),
               type_=sa.String(length=64),
               existing_nullable=False)

    with op.batch_alter_table('invites', schema=None) as batch_op:
        batch_op.add_column(sa.Column('committee_id', sa.Integer(), server_default='1', nullable=False))
        batch_op.create_index(batch_op.f('ix_invites_committee_id'), ['committee_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_invites_committee_id_committees'), 'committees', ['committee_id'], ['id'])

    with op.batch_alter_table('link_requests', schema=None) as batch_op:
        batch_op.alter_column('channel',
               existing_type=sa.VARCHAR(length=20),
               type_=sa.String(length=64),
               existing_nullable=False)

    with op.batch_alter_table('obstacle_sends', schema=None) as batch_op:
        batch_op.alter_column('channel',
               existing_type=sa.VARCHAR(length=20),
               type_=sa.String(length=64),
               existing_nullable=False)

    with op.batch_alter_table('pending_choices', schema=None) as batch_op:
        batch_op.alter_column('channel',
               existing_type=sa.VARCHAR(length=20),
               type_=sa.String(length=64),
               existing_nullable=False)

    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('committee_id', sa.Integer(), server_default='1', nullable=False))
        batch_op.drop_constraint(batch_op.f('uq_plans_key'), type_='unique')
        batch_op.create_index(batch_op.f('ix_plans_committee_id'), ['committee_id'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_plans_committee_id_key'), ['committee_id', 'key'])
        batch_op.create_foreign_key(batch_op.f('fk_plans_committee_id_committees'), 'committees', ['committee_id'], ['id'])

    with op.batch_alter_table('progress_reports', schema=None) as batch_op:
        batch_op.alter_column('channel',
               existing_type=sa.VARCHAR(length=20),
               type_=sa.String(length=64),
               existing_nullable=True)
        # Reports are the one large table a committee's summary reads: their own column keeps
        # that read a plain comparison instead of a look at each report's unit (no index: see
        # CommitteeOwned).
        batch_op.add_column(sa.Column('committee_id', sa.Integer(), server_default='1', nullable=False))
        batch_op.create_foreign_key(batch_op.f('fk_progress_reports_committee_id_committees'), 'committees', ['committee_id'], ['id'])

    with op.batch_alter_table('unit_aliases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('committee_id', sa.Integer(), server_default='1', nullable=False))
        batch_op.drop_constraint(batch_op.f('uq_unit_aliases_key'), type_='unique')
        batch_op.create_index(batch_op.f('ix_unit_aliases_committee_id'), ['committee_id'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_unit_aliases_committee_id_key'), ['committee_id', 'key'])
        batch_op.create_foreign_key(batch_op.f('fk_unit_aliases_committee_id_committees'), 'committees', ['committee_id'], ['id'])

    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.add_column(sa.Column('committee_id', sa.Integer(), server_default='1', nullable=False))
        batch_op.drop_constraint(batch_op.f('uq_units_key'), type_='unique')
        batch_op.create_index(batch_op.f('ix_units_committee_id'), ['committee_id'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_units_committee_id_key'), ['committee_id', 'key'])
        batch_op.create_foreign_key(batch_op.f('fk_units_committee_id_committees'), 'committees', ['committee_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_units_committee_id_committees'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_units_committee_id_key'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_units_committee_id'))
        batch_op.create_unique_constraint(batch_op.f('uq_units_key'), ['key'])
        batch_op.drop_column('committee_id')

    with op.batch_alter_table('unit_aliases', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_unit_aliases_committee_id_committees'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_unit_aliases_committee_id_key'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_unit_aliases_committee_id'))
        batch_op.create_unique_constraint(batch_op.f('uq_unit_aliases_key'), ['key'])
        batch_op.drop_column('committee_id')

    with op.batch_alter_table('progress_reports', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_progress_reports_committee_id_committees'), type_='foreignkey')
        batch_op.drop_column('committee_id')
        batch_op.alter_column('channel',
               existing_type=sa.String(length=64),
               type_=sa.VARCHAR(length=20),
               existing_nullable=True)

    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_plans_committee_id_committees'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_plans_committee_id_key'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_plans_committee_id'))
        batch_op.create_unique_constraint(batch_op.f('uq_plans_key'), ['key'])
        batch_op.drop_column('committee_id')

    with op.batch_alter_table('pending_choices', schema=None) as batch_op:
        batch_op.alter_column('channel',
               existing_type=sa.String(length=64),
               type_=sa.VARCHAR(length=20),
               existing_nullable=False)

    with op.batch_alter_table('obstacle_sends', schema=None) as batch_op:
        batch_op.alter_column('channel',
               existing_type=sa.String(length=64),
               type_=sa.VARCHAR(length=20),
               existing_nullable=False)

    with op.batch_alter_table('link_requests', schema=None) as batch_op:
        batch_op.alter_column('channel',
               existing_type=sa.String(length=64),
               type_=sa.VARCHAR(length=20),
               existing_nullable=False)

    with op.batch_alter_table('invites', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_invites_committee_id_committees'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_invites_committee_id'))
        batch_op.drop_column('committee_id')

    with op.batch_alter_table('inbox_updates', schema=None) as batch_op:
        batch_op.alter_column('channel',
               existing_type=sa.String(length=64),
               type_=sa.VARCHAR(length=20),
               existing_nullable=False)

    with op.batch_alter_table('digest_sends', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_digest_sends_committee_id_committees'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_digest_sends_committee_id'))
        batch_op.alter_column('channel',
               existing_type=sa.String(length=64),
               type_=sa.VARCHAR(length=20),
               existing_nullable=False)
        batch_op.drop_column('committee_id')

    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.alter_column('channel',
               existing_type=sa.String(length=64),
               type_=sa.VARCHAR(length=20),
               existing_nullable=False)

    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_contacts_committee_id_committees'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_contacts_committee_id'))
        batch_op.drop_column('committee_id')

    with op.batch_alter_table('contact_endpoints', schema=None) as batch_op:
        batch_op.alter_column('channel',
               existing_type=sa.String(length=64),
               type_=sa.VARCHAR(length=20),
               existing_nullable=False)

    with op.batch_alter_table('code_attempts', schema=None) as batch_op:
        batch_op.alter_column('channel',
               existing_type=sa.String(length=64),
               type_=sa.VARCHAR(length=20),
               existing_nullable=False)

    with op.batch_alter_table('chat_states', schema=None) as batch_op:
        batch_op.alter_column('channel',
               existing_type=sa.String(length=64),
               type_=sa.VARCHAR(length=20),
               existing_nullable=False)

    with op.batch_alter_table('bound_chats', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_bound_chats_committee_id_committees'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_bound_chats_committee_id'))
        batch_op.alter_column('channel',
               existing_type=sa.String(length=64),
               type_=sa.VARCHAR(length=20),
               existing_nullable=False)
        batch_op.drop_column('committee_id')

    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_audit_log_committee_id_committees'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_audit_log_committee_id'))
        batch_op.drop_column('committee_id')

    with op.batch_alter_table('committees', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_committees_parent_id'))

    op.drop_table('committees')
