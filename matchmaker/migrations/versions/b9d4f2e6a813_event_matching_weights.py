"""event: matching weights chosen by the organisers

Revision ID: b9d4f2e6a813
Revises: a7e3c0d5f1b2
Create Date: 2026-12-02 10:30:00

Existing events keep the engine's default weights (an empty map).
"""
import sqlalchemy as sa
from alembic import op

revision = 'b9d4f2e6a813'
down_revision = 'a7e3c0d5f1b2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('event') as batch:
        batch.add_column(sa.Column('matching_weights', sa.JSON(), nullable=False,
                                   server_default='{}'))


def downgrade():
    with op.batch_alter_table('event') as batch:
        batch.drop_column('matching_weights')
