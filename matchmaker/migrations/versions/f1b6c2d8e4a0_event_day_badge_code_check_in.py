"""the event day: badge codes, check-in time, meetings confirmed as held

Every registration gets a non-secret badge code (unique within its event; the existing
ones here, at random), ``checked_in_at`` records arrival at the desk, and ``meeting.met_at``
when one of the two confirmed on the day that they met.

Revision ID: f1b6c2d8e4a0
Revises: d2f5a8c1e907
Create Date: 2026-12-07 01:40:00

"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = 'f1b6c2d8e4a0'
down_revision = 'd2f5a8c1e907'
branch_labels = None
depends_on = None

# As matchmaker.badge_code at the time of writing (a migration must not change with the app).
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def upgrade():
    with op.batch_alter_table('attendee', schema=None) as batch_op:
        batch_op.add_column(sa.Column('badge_code', sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column('checked_in_at', sa.DateTime(), nullable=True))
    connection = op.get_bind()
    taken = set()  # (event id, code) pairs given out
    update = sa.text("UPDATE attendee SET badge_code = :code WHERE id = :id")
    for id_, event_id in connection.execute(sa.text("SELECT id, event_id FROM attendee")).all():
        code = ""
        while not code or (event_id, code) in taken:
            code = "".join(secrets.choice(ALPHABET) for _ in range(8))
        taken.add((event_id, code))
        connection.execute(update, {"id": id_, "code": code})
    with op.batch_alter_table('attendee', schema=None) as batch_op:
        batch_op.alter_column('badge_code', existing_type=sa.String(length=8), nullable=False)
        batch_op.create_unique_constraint(op.f('uq_attendee_event_id_badge_code'), ['event_id', 'badge_code'])
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('met_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_column('met_at')
    with op.batch_alter_table('attendee', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('uq_attendee_event_id_badge_code'), type_='unique')
        batch_op.drop_column('checked_in_at')
        batch_op.drop_column('badge_code')
