"""desk staff: a role on the organiser-event link ("organiser" or "check-in")

Existing links, and invitations not yet accepted, are full organisers.

Revision ID: b3c8e2f1d4a7
Revises: b8e2c4f6a913
Create Date: 2026-12-07 03:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'b3c8e2f1d4a7'
down_revision = 'b8e2c4f6a913'
branch_labels = None
depends_on = None

ROLES = "role IN ('organiser', 'check-in')"


def upgrade():
    for table in ('organiser_event', 'organiser_invite'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('role', sa.String(length=20), nullable=False,
                                          server_default='organiser'))
            batch_op.create_check_constraint('eventrole', ROLES)


def downgrade():
    for table in ('organiser_invite', 'organiser_event'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(f'ck_{table}_eventrole'), type_='check')
            batch_op.drop_column('role')
