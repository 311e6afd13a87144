"""round tables: a session's table layout and the groups formed per round

Revision ID: c5d1e7a2f380
Revises: b3c8e2f1d4a7
Create Date: 2026-12-07 04:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'c5d1e7a2f380'
down_revision = 'b3c8e2f1d4a7'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'round_table_layout',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('tables', sa.Integer(), nullable=False),
        sa.Column('seats', sa.Integer(), nullable=False),
        sa.Column('rounds', sa.Integer(), nullable=False),
        sa.Column('topics', sa.JSON(), nullable=False),
        sa.Column('formed_at', sa.DateTime(), nullable=True),
        sa.Column('repeats', sa.Integer(), nullable=True),
        sa.Column('mixed_tables', sa.Integer(), nullable=True),
        sa.CheckConstraint('tables >= 1 AND seats >= 1 AND rounds >= 1',
                           name=op.f('ck_round_table_layout_layout_positive')),
        sa.ForeignKeyConstraint(['session_id'], ['programme_session.id'],
                                name=op.f('fk_round_table_layout_session_id_programme_session'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_round_table_layout')),
        sa.UniqueConstraint('session_id', name=op.f('uq_round_table_layout_session_id')),
    )
    op.create_table(
        'round_table_group',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('round', sa.Integer(), nullable=False),
        sa.Column('table_number', sa.Integer(), nullable=False),
        sa.Column('reasons', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['session_id'], ['programme_session.id'],
                                name=op.f('fk_round_table_group_session_id_programme_session'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_round_table_group')),
        sa.UniqueConstraint('session_id', 'round', 'table_number',
                            name=op.f('uq_round_table_group_session_id_round_table_number')),
    )
    op.create_table(
        'round_table_seat',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('group_id', sa.Integer(), nullable=False),
        sa.Column('attendee_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['attendee_id'], ['attendee.id'],
                                name=op.f('fk_round_table_seat_attendee_id_attendee'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['group_id'], ['round_table_group.id'],
                                name=op.f('fk_round_table_seat_group_id_round_table_group'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_round_table_seat')),
        sa.UniqueConstraint('group_id', 'attendee_id',
                            name=op.f('uq_round_table_seat_group_id_attendee_id')),
    )
    op.create_index(op.f('ix_round_table_seat_attendee_id'), 'round_table_seat', ['attendee_id'],
                    unique=False)


def downgrade():
    op.drop_table('round_table_seat')
    op.drop_table('round_table_group')
    op.drop_table('round_table_layout')
