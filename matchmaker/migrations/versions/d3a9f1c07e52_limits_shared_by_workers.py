"""limits every worker sees: log-in failures per account and client, client requests

Revision ID: d3a9f1c07e52
Revises: e5a1c7d3b920
Create Date: 2026-12-07 00:30:00

``login_failure`` gains the scope ``pair`` (an account from one client address), so that
failures from one client lock out only that client. ``client_request`` counts sign-ups,
link requests and the mails they trigger per client in the database, where every
gunicorn worker sees them (Flask-Limiter's default ``memory://`` counted per worker).
"""
import sqlalchemy as sa
from alembic import op

revision = 'd3a9f1c07e52'
down_revision = 'e5a1c7d3b920'
branch_labels = None
depends_on = None


def set_scopes(scopes: str) -> None:
    with op.batch_alter_table('login_failure') as batch:
        batch.drop_constraint(op.f('ck_login_failure_scope_known'), type_='check')
        batch.create_check_constraint('scope_known', f"scope IN ({scopes})")


def upgrade():
    set_scopes("'account', 'address', 'pair'")
    op.create_table('client_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=20), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('made_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_client_request'))
    )
    with op.batch_alter_table('client_request') as batch:
        batch.create_index('ix_client_request_scope_key_made_at', ['scope', 'key', 'made_at'],
                           unique=False)


def downgrade():
    op.drop_table('client_request')
    op.execute("DELETE FROM login_failure WHERE scope = 'pair'")
    set_scopes("'account', 'address'")
