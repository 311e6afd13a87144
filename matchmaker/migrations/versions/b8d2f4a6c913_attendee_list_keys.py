"""attendee.name_key, profile_words, scored_at: the participant list in SQL; suggestion_list

At 5,000 attendees the participant list took a second, sorting and filtering everybody
in Python on every visit. The phone-book sort key and the case-folded words of the
keyword filter are written by the app on every change of an attendee; this fills them
for the rows that exist. The suggestions scored everybody on every visit (5 s): each
attendee's best partners are kept in suggestion_list (filled on the first visit).

Revision ID: b8d2f4a6c913
Revises: b4e7d1a9c263
Create Date: 2026-12-07 07:00:00

"""
import json

import sqlalchemy as sa
from alembic import op

from matchmaker.models import attendee_list_keys

revision = 'b8d2f4a6c913'
down_revision = 'b4e7d1a9c263'
branch_labels = None
depends_on = None


def tags(value):
    return (json.loads(value) if isinstance(value, str) else value) or []


def upgrade():
    with op.batch_alter_table('attendee', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_key', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('profile_words', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('scored_at', sa.DateTime(), nullable=True))
        batch_op.create_index('ix_attendee_event_name_key', ['event_id', 'name_key'], unique=False)
    connection = op.get_bind()
    rows = connection.execute(sa.text(
        "SELECT id, first_name, last_name, organisation, keywords, offers, seeks FROM attendee")).all()
    update = sa.text("UPDATE attendee SET name_key = :key, profile_words = :words WHERE id = :id")
    for id_, first_name, last_name, organisation, keywords, offers, seeks in rows:
        key, words = attendee_list_keys(first_name, last_name, organisation,
                                        [*tags(keywords), *tags(offers), *tags(seeks)])
        connection.execute(update, {"id": id_, "key": key, "words": words})
    connection.execute(sa.text("UPDATE attendee SET scored_at = updated_at"))
    with op.batch_alter_table('attendee', schema=None) as batch_op:
        batch_op.alter_column('scored_at', existing_type=sa.DateTime(), nullable=False)
        batch_op.create_index('ix_attendee_event_scored', ['event_id', 'scored_at'], unique=False)
    op.create_table(
        'suggestion_list',
        sa.Column('attendee_id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('computed_at', sa.DateTime(), nullable=False),
        sa.Column('settings', sa.String(length=64), nullable=False),
        sa.Column('partners', sa.JSON(), nullable=False),
        sa.Column('complete', sa.Boolean(), nullable=False),
        sa.Column('touched', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['attendee_id'], ['attendee.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['event_id'], ['event.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('attendee_id'),
    )
    with op.batch_alter_table('suggestion_list', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_suggestion_list_event_id'), ['event_id'], unique=False)


def downgrade():
    op.drop_table('suggestion_list')
    with op.batch_alter_table('attendee', schema=None) as batch_op:
        batch_op.drop_index('ix_attendee_event_name_key')
        batch_op.drop_index('ix_attendee_event_scored')
        batch_op.drop_column('scored_at')
        batch_op.drop_column('profile_words')
        batch_op.drop_column('name_key')
