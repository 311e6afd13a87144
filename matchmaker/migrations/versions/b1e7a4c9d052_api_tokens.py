"""the read-only JSON API: its tokens, one event each, stored as hashes

Revision ID: b1e7a4c9d052
Revises: b8f3e2a1c940
Create Date: 2026-12-07 03:50:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'b1e7a4c9d052'
down_revision = 'b8f3e2a1c940'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('api_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_by', sa.String(length=254), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_used_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_api_token_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_token')),
    sa.UniqueConstraint('event_id', 'name', name=op.f('uq_api_token_event_id_name')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_token_token_hash'))
    )


def downgrade():
    op.drop_table('api_token')
