"""attendee.search_key: name, organisation and address folded for searching

SQLite's lower() knows no umlauts, so a search for "Öztürk" or "muller" found nobody.
The key is written by the app on every change of an attendee; this fills it for the
rows that exist.

Revision ID: d2f5a8c1e907
Revises: d3a9f1c07e52
Create Date: 2026-12-07 00:30:00

"""
import sqlalchemy as sa
from alembic import op

from matchmaker.models import attendee_search_key

revision = 'd2f5a8c1e907'
down_revision = 'd3a9f1c07e52'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('attendee', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_key', sa.Text(), server_default='', nullable=False))
    connection = op.get_bind()
    rows = connection.execute(sa.text(
        "SELECT id, first_name, last_name, organisation, email FROM attendee")).all()
    update = sa.text("UPDATE attendee SET search_key = :key WHERE id = :id")
    for id_, first_name, last_name, organisation, email in rows:
        connection.execute(update, {"id": id_, "key": attendee_search_key(
            first_name, last_name, organisation, email)})


def downgrade():
    with op.batch_alter_table('attendee', schema=None) as batch_op:
        batch_op.drop_column('search_key')
