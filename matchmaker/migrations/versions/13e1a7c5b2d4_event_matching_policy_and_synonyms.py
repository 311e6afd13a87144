"""event: matching policy and tag synonyms

Revision ID: 13e1a7c5b2d4
Revises: 5e1f0c2a9b74
Create Date: 2026-12-02 09:30:00

Existing events get the balanced policy and no stored synonym list (NULL: the engine's
starter list applies until an organiser replaces it).
"""
import sqlalchemy as sa
from alembic import op

revision = '13e1a7c5b2d4'
down_revision = '5e1f0c2a9b74'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('matching_policy', sa.String(length=20), nullable=False,
                                      server_default='balanced'))
        batch_op.add_column(sa.Column('tag_synonyms', sa.Text(), nullable=True))
        batch_op.create_check_constraint(
            op.f('ck_event_matching_policy_known'), "matching_policy IN ('balanced', 'total')")
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.alter_column('matching_policy', server_default=None)


def downgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_event_matching_policy_known'), type_='check')
        batch_op.drop_column('tag_synonyms')
        batch_op.drop_column('matching_policy')
