"""the attendee on the day: the secret link of the meeting area's display screen

``event.display_secret`` is the random part of ``/<slug>/display/<secret>`` (None: no
link; revoking it sets None again, so the old address answers 404).

Revision ID: a7d4e9b2c610
Revises: f1b6c2d8e4a0
Create Date: 2026-12-07 01:50:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'a7d4e9b2c610'
down_revision = 'f1b6c2d8e4a0'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('display_secret', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_column('display_secret')
