"""many events: registration window, archive, organiser access per event

Revision ID: 3a1f0c9e7b21
Revises: 2667c6a3b0ae
Create Date: 2026-12-02 09:00:00

Organisers who existed before become administrators, so that nobody loses access.
"""
import sqlalchemy as sa
from alembic import op

revision = '3a1f0c9e7b21'
down_revision = '2667c6a3b0ae'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('event') as batch:
        batch.add_column(sa.Column('registration_opens_at', sa.DateTime(), nullable=True))
        batch.add_column(sa.Column('registration_closes_at', sa.DateTime(), nullable=True))
        batch.add_column(sa.Column('archived_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('organiser') as batch:
        batch.add_column(sa.Column('is_admin', sa.Boolean(), nullable=False,
                                   server_default=sa.true()))
    with op.batch_alter_table('organiser') as batch:
        batch.alter_column('is_admin', server_default=sa.false())
    op.create_table(
        'organiser_event',
        sa.Column('organiser_id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['event.id'],
                                name=op.f('fk_organiser_event_event_id_event'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['organiser_id'], ['organiser.id'],
                                name=op.f('fk_organiser_event_organiser_id_organiser'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('organiser_id', 'event_id', name=op.f('pk_organiser_event')),
    )


def downgrade():
    op.drop_table('organiser_event')
    with op.batch_alter_table('organiser') as batch:
        batch.drop_column('is_admin')
    with op.batch_alter_table('event') as batch:
        batch.drop_column('archived_at')
        batch.drop_column('registration_closes_at')
        batch.drop_column('registration_opens_at')
