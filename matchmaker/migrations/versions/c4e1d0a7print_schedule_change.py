"""schedule_change: when each attendee's printable schedule last changed

Revision ID: c4e1d0a7print
Revises: 13e1a7c5b2d4
Create Date: 2026-12-02 09:25:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'c4e1d0a7print'
down_revision = '13e1a7c5b2d4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('schedule_change',
    sa.Column('attendee_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['attendee_id'], ['attendee.id'], name=op.f('fk_schedule_change_attendee_id_attendee'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_schedule_change_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('attendee_id', name=op.f('pk_schedule_change'))
    )
    with op.batch_alter_table('schedule_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_schedule_change_event_id'), ['event_id'], unique=False)


def downgrade():
    with op.batch_alter_table('schedule_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_schedule_change_event_id'))

    op.drop_table('schedule_change')
