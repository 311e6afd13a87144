"""organiser sessions, log-in limits, invitations and administrators

Revision ID: a7e3c0d5f1b2
Revises: a7e12d5c0f31
Create Date: 2026-12-02 09:20:00

Organisers who exist already become administrators, so nobody loses access.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a7e3c0d5f1b2'
down_revision = 'a7e12d5c0f31'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('organiser_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organiser_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organiser_id'], ['organiser.id'], name=op.f('fk_organiser_session_organiser_id_organiser'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organiser_session')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_organiser_session_token_hash'))
    )
    with op.batch_alter_table('organiser_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organiser_session_organiser_id'), ['organiser_id'], unique=False)

    op.create_table('login_failure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=10), nullable=False),
    sa.Column('key', sa.String(length=254), nullable=False),
    sa.Column('failed_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("scope IN ('account', 'address')", name=op.f('ck_login_failure_scope_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_failure'))
    )
    with op.batch_alter_table('login_failure', schema=None) as batch_op:
        batch_op.create_index('ix_login_failure_scope_key_failed_at', ['scope', 'key', 'failed_at'], unique=False)

    op.create_table('organiser_invite',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('is_admin', sa.Boolean(), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('email = lower(email)', name=op.f('ck_organiser_invite_email_lower_case')),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_organiser_invite_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['invited_by_id'], ['organiser.id'], name=op.f('fk_organiser_invite_invited_by_id_organiser'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organiser_invite')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_organiser_invite_token_hash'))
    )
    with op.batch_alter_table('organiser_invite', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organiser_invite_email'), ['email'], unique=False)


def downgrade():
    op.drop_table('organiser_invite')
    op.drop_table('login_failure')
    op.drop_table('organiser_session')
