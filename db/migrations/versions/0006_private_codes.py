"""private codes: invite codes stored hashed, link requests to confirm, refused code attempts

Revision ID: 0006
Revises: 0005
"""

import hashlib

import sqlalchemy as sa
from alembic import op

import db.base

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def _hash(code: str) -> str:
    # Frozen here on purpose: bot.services.invites.hash_code may change, this revision may not.
    return hashlib.sha256(code.strip().lower().encode()).hexdigest()


def upgrade() -> None:
    invites = sa.table('invites', sa.column('id', sa.Integer), sa.column('code', sa.String))
    connection = op.get_bind()
    for invite_id, code in connection.execute(sa.select(invites.c.id, invites.c.code)).all():
        connection.execute(
            invites.update().where(invites.c.id == invite_id).values(code=_hash(code))
        )
    with op.batch_alter_table('invites', schema=None) as batch_op:
        batch_op.drop_constraint('uq_invites_code', type_='unique')
        batch_op.alter_column('code', new_column_name='code_hash')
    with op.batch_alter_table('invites', schema=None) as batch_op:  # after the rename
        batch_op.create_unique_constraint(batch_op.f('uq_invites_code_hash'), ['code_hash'])
    op.create_table('link_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invite_id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('user_id', sa.String(length=100), nullable=False),
    sa.Column('chat_id', sa.String(length=100), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('requested_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('decided_at', db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('approved', sa.Boolean(), nullable=True),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_link_requests_contact_id_contacts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['invite_id'], ['invites.id'], name=op.f('fk_link_requests_invite_id_invites'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_link_requests'))
    )
    op.create_table('code_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('user_id', sa.String(length=100), nullable=False),
    sa.Column('at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_code_attempts'))
    )
    with op.batch_alter_table('code_attempts', schema=None) as batch_op:
        batch_op.create_index('ix_code_attempts_account', ['channel', 'user_id', 'at'], unique=False)


def downgrade() -> None:
    # The plain codes are gone: codes issued before this revision cannot be redeemed after it.
    with op.batch_alter_table('code_attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_code_attempts_account')
    op.drop_table('code_attempts')
    op.drop_table('link_requests')
    with op.batch_alter_table('invites', schema=None) as batch_op:
        batch_op.drop_constraint('uq_invites_code_hash', type_='unique')
        batch_op.alter_column('code_hash', new_column_name='code')
    with op.batch_alter_table('invites', schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f('uq_invites_code'), ['code'])
