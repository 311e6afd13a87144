"""booking on acceptance: the per-event switch, and the slots a requester proposes

``event.booking_on_acceptance`` (on by default): after publication an accepted request
is booked at once. ``meeting_request.proposed_slots``: up to three slot numbers.

Revision ID: b3c8e2f1a6d9
Revises: c8f2d5e1a937
Create Date: 2026-12-07 03:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'b3c8e2f1a6d9'
down_revision = 'c8f2d5e1a937'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('booking_on_acceptance', sa.Boolean(), nullable=False,
                                      server_default=sa.true()))
    with op.batch_alter_table('meeting_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('proposed_slots', sa.JSON(), nullable=False,
                                      server_default='[]'))


def downgrade():
    with op.batch_alter_table('meeting_request', schema=None) as batch_op:
        batch_op.drop_column('proposed_slots')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_column('booking_on_acceptance')
