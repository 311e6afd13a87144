"""event.search_key and event.theme, an index on event.starts_on: the list of events
searched, filtered and paged in SQL

A cluster week puts 150 events in one installation; the public and the organiser's list
search title and venue however umlauts are typed (the folded key, as for attendees),
filter by date and theme, and show 20 at a time. This fills the key for existing events.

Revision ID: a7c3e9d1f524
Revises: c5d9f2a6b813
Create Date: 2027-01-10 00:00:00

"""
import sqlalchemy as sa
from alembic import op

from matchmaker.models import event_search_key

revision = 'a7c3e9d1f524'
down_revision = 'c5d9f2a6b813'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('theme', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('search_key', sa.Text(), server_default='', nullable=False))
        batch_op.create_index('ix_event_starts_on', ['starts_on'], unique=False)
    connection = op.get_bind()
    update = sa.text("UPDATE event SET search_key = :key WHERE id = :id")
    for id_, title, venue in connection.execute(sa.text("SELECT id, title, venue FROM event")).all():
        connection.execute(update, {"id": id_, "key": event_search_key(title, venue)})


def downgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index('ix_event_starts_on')
        batch_op.drop_column('search_key')
        batch_op.drop_column('theme')
