"""attendee: the e-mail address as typed, compared and unique by its key

Revision ID: e5a1c7d3b920
Revises: b9d4f2e6a813
Create Date: 2026-12-07 00:30:00

Until now ``attendee.email`` held the address's comparison key (NFKC, case-folded), so
"friederike.weiß@example.de" was stored and mailed as "friederike.weiss@example.de".
From now on ``email`` is the address as typed and the new ``email_key`` holds the key,
unique per event. Existing rows keep their stored address: what was typed is not known,
only the key, which is copied into ``email_key`` (so every existing address still finds
its registration). Hand-written; SQLite rebuilds the table (foreign keys are off during
migrations, see env.py), PostgreSQL alters it in place.
"""
import sqlalchemy as sa
from alembic import op

revision = 'e5a1c7d3b920'
down_revision = 'b9d4f2e6a813'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('attendee') as batch:
        batch.add_column(sa.Column('email_key', sa.String(length=254), nullable=True))
    op.execute("UPDATE attendee SET email_key = email")
    with op.batch_alter_table('attendee') as batch:
        batch.alter_column('email_key', existing_type=sa.String(length=254), nullable=False)
        batch.drop_constraint(op.f('uq_attendee_event_id_email'), type_='unique')
        batch.drop_constraint(op.f('ck_attendee_email_lower_case'), type_='check')
        batch.create_unique_constraint(op.f('uq_attendee_event_id_email_key'),
                                       ['event_id', 'email_key'])
        batch.create_check_constraint(op.f('ck_attendee_email_key_lower_case'),
                                      'email_key = lower(email_key)')


def downgrade():
    """Back to storing the key: the typed spelling is lost (two addresses that differ only
    in their spelling cannot both exist before this revision, so nothing collides)."""
    op.execute("UPDATE attendee SET email = email_key")
    with op.batch_alter_table('attendee') as batch:
        batch.drop_constraint(op.f('ck_attendee_email_key_lower_case'), type_='check')
        batch.drop_constraint(op.f('uq_attendee_event_id_email_key'), type_='unique')
        batch.create_unique_constraint(op.f('uq_attendee_event_id_email'), ['event_id', 'email'])
        batch.create_check_constraint(op.f('ck_attendee_email_lower_case'), 'email = lower(email)')
        batch.drop_column('email_key')
