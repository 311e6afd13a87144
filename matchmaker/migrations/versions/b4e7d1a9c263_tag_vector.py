"""tag_vector: cached text-embedding vectors of interest tags (similar interests)

Revision ID: b4e7d1a9c263
Revises: c9d4e2b7a610
Create Date: 2026-12-07 07:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'b4e7d1a9c263'
down_revision = 'c9d4e2b7a610'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'tag_vector',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('model', sa.String(length=60), nullable=False),
        sa.Column('tag', sa.String(length=200), nullable=False),
        sa.Column('vector', sa.LargeBinary(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_tag_vector')),
        sa.UniqueConstraint('model', 'tag', name=op.f('uq_tag_vector_model_tag')),
    )


def downgrade():
    op.drop_table('tag_vector')
