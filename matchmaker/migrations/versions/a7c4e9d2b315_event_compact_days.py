"""event.compact_days: the engine re-times meetings so attendees wait fewer idle slots

On for every event, existing ones included (the engine's default).

Revision ID: a7c4e9d2b315
Revises: a7c3e9d1f524
Create Date: 2026-12-08 10:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'a7c4e9d2b315'
down_revision = 'a7c3e9d1f524'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('compact_days', sa.Boolean(), server_default=sa.true(),
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_column('compact_days')
