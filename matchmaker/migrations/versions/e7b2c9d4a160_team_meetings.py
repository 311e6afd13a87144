"""team meetings: colleagues who join a meeting, and seats per table

``meeting_colleague``: a colleague of the same organisation who joins a meeting beside
one of its two attendees. ``meeting_table.seats``: how many people the table seats
(default 4), so that a team meeting is refused at a table too small for it.

Revision ID: e7b2c9d4a160
Revises: a7c4e9d2b315
Create Date: 2026-12-07 06:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'e7b2c9d4a160'
down_revision = 'a7c4e9d2b315'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('meeting_table', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seats', sa.Integer(), server_default='4', nullable=False))
        batch_op.create_check_constraint('seats_for_two', 'seats >= 2')
    op.create_table(
        'meeting_colleague',
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('attendee_id', sa.Integer(), nullable=False),
        sa.Column('beside_id', sa.Integer(), nullable=False),
        sa.Column('added_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint('attendee_id <> beside_id', name=op.f('ck_meeting_colleague_not_beside_self')),
        sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_colleague_meeting_id_meeting'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['attendee_id'], ['attendee.id'], name=op.f('fk_meeting_colleague_attendee_id_attendee'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['beside_id'], ['attendee.id'], name=op.f('fk_meeting_colleague_beside_id_attendee'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('meeting_id', 'attendee_id', name=op.f('pk_meeting_colleague')),
    )
    with op.batch_alter_table('meeting_colleague', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_colleague_attendee_id'), ['attendee_id'], unique=False)


def downgrade():
    with op.batch_alter_table('meeting_colleague', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_colleague_attendee_id'))
    op.drop_table('meeting_colleague')
    with op.batch_alter_table('meeting_table', schema=None) as batch_op:
        batch_op.drop_constraint('seats_for_two', type_='check')
        batch_op.drop_column('seats')
