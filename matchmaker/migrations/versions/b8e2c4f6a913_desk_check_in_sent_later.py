"""the offline check-in desk: check-ins sent later, by the desk's own id

``desk_check_in`` remembers each id a desk made for a check-in it queued while offline,
with what the server answered, so a second sending of the same queue changes nothing.

Revision ID: b8e2c4f6a913
Revises: b8e2f4a6c913
Create Date: 2026-12-07 03:20:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'b8e2c4f6a913'
down_revision = 'b8e2f4a6c913'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'desk_check_in',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.String(length=64), nullable=False),
        sa.Column('attendee_id', sa.Integer(), nullable=True),
        sa.Column('outcome', sa.String(length=20), nullable=False),
        sa.Column('received_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['attendee_id'], ['attendee.id'],
                                name=op.f('fk_desk_check_in_attendee_id_attendee'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['event_id'], ['event.id'],
                                name=op.f('fk_desk_check_in_event_id_event'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_check_in')),
        sa.UniqueConstraint('event_id', 'client_id', name=op.f('uq_desk_check_in_event_id_client_id')),
    )


def downgrade():
    op.drop_table('desk_check_in')
