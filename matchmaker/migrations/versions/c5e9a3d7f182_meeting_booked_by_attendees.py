"""meeting.booked_by_attendees: the grid marks the meetings the attendees agreed themselves

A request booked or a freed slot accepted makes a meeting as the grid's own "Add" does,
so the organisers could not tell it from one they placed. Existing meetings are marked
from the audit log: a pair whose latest entry that placed or removed their meeting is a
booking or an accepted offer.

Revision ID: c5e9a3d7f182
Revises: b8d2f4a6c913
Create Date: 2026-12-07 22:00:00

"""
import json

import sqlalchemy as sa
from alembic import op

revision = 'c5e9a3d7f182'
down_revision = 'b8d2f4a6c913'
branch_labels = None
depends_on = None

BOOKED = ('meeting_booked', 'slot_offer_accepted')
# Entries that placed a pair's meeting or removed it (a later run may pair them again unlogged)
PLACING = ('meeting_added', *BOOKED, 'meeting_cancelled', 'meeting_given_back', 'pair_blocked')


def upgrade():
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('booked_by_attendees', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
    connection = op.get_bind()
    for event_id, first, second in booked_pairs(connection):
        connection.execute(sa.text(
            "UPDATE meeting SET booked_by_attendees = :yes WHERE event_id = :event"
            " AND attendee_a_id = :first AND attendee_b_id = :second"),
            {"yes": True, "event": event_id, "first": first, "second": second})


def booked_pairs(connection: sa.Connection) -> set[tuple[int, int, int]]:
    """(event, lower attendee id, higher) of the pairs whose latest placing was their own."""
    numbers = {(event_id, number): id_ for id_, event_id, number in connection.execute(
        sa.text("SELECT id, event_id, number FROM attendee"))}
    latest: dict[tuple[int, int, int], str] = {}
    for event_id, attendee_id, action, changes in connection.execute(sa.text(
            "SELECT event_id, attendee_id, action, changes FROM audit_entry WHERE attendee_id IS NOT NULL"
            " AND action IN :actions ORDER BY at, id").bindparams(sa.bindparam('actions', expanding=True)),
            {"actions": list(PLACING)}):
        changes = json.loads(changes) if isinstance(changes, str) else changes or {}
        number = str(changes.get('with', '')).split(' ', 1)[0]
        other = numbers.get((event_id, int(number))) if number.isdigit() else None
        if other is not None:
            latest[(event_id, min(attendee_id, other), max(attendee_id, other))] = action
    return {pair for pair, action in latest.items() if action in BOOKED}


def downgrade():
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_column('booked_by_attendees')
