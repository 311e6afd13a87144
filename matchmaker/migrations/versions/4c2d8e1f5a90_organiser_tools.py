"""organiser tools: internal notes, blocked pairs, audit log

Revision ID: 4c2d8e1f5a90
Revises: 3a1f0c9e7b21
Create Date: 2026-12-02 09:15:00

"""
import sqlalchemy as sa
from alembic import op

revision = '4c2d8e1f5a90'
down_revision = '3a1f0c9e7b21'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('attendee') as batch:
        batch.add_column(sa.Column('organiser_notes', sa.Text(), nullable=False, server_default=''))
    op.create_table(
        'blocked_pair',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('attendee_a_id', sa.Integer(), nullable=False),
        sa.Column('attendee_b_id', sa.Integer(), nullable=False),
        sa.Column('created_by', sa.String(length=254), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint('attendee_a_id < attendee_b_id', name=op.f('ck_blocked_pair_pair_ordered')),
        sa.ForeignKeyConstraint(['attendee_a_id'], ['attendee.id'], name=op.f('fk_blocked_pair_attendee_a_id_attendee'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['attendee_b_id'], ['attendee.id'], name=op.f('fk_blocked_pair_attendee_b_id_attendee'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_blocked_pair_event_id_event'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_blocked_pair')),
        sa.UniqueConstraint('event_id', 'attendee_a_id', 'attendee_b_id', name=op.f('uq_blocked_pair_event_id_attendee_a_id_attendee_b_id')),
    )
    op.create_table(
        'audit_entry',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('attendee_id', sa.Integer(), nullable=True),
        sa.Column('actor', sa.String(length=254), nullable=False),
        sa.Column('action', sa.String(length=40), nullable=False),
        sa.Column('changes', sa.JSON(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['attendee_id'], ['attendee.id'], name=op.f('fk_audit_entry_attendee_id_attendee'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_audit_entry_event_id_event'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry')),
    )
    op.create_index('ix_audit_entry_event_at', 'audit_entry', ['event_id', 'at'], unique=False)


def downgrade():
    op.drop_index('ix_audit_entry_event_at', table_name='audit_entry')
    op.drop_table('audit_entry')
    op.drop_table('blocked_pair')
    with op.batch_alter_table('attendee') as batch:
        batch.drop_column('organiser_notes')
