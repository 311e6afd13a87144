"""the conference programme: sessions and the attendees' choices (with waiting lists)

Revision ID: b8e2f4a6c913
Revises: a7d4e9b2c610
Create Date: 2026-12-07 03:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'b8e2f4a6c913'
down_revision = 'a7d4e9b2c610'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'programme_session',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('kind', sa.Enum('talk', 'workshop', 'panel', 'round_table', name='sessionkind',
                                  native_enum=False, create_constraint=True, length=20),
                  nullable=False),
        sa.Column('starts_at', sa.DateTime(), nullable=False),
        sa.Column('ends_at', sa.DateTime(), nullable=False),
        sa.Column('room', sa.String(length=120), nullable=False),
        sa.Column('capacity', sa.Integer(), nullable=True),
        sa.Column('themes', sa.JSON(), nullable=False),
        sa.Column('description', sa.Text(), nullable=False),
        sa.CheckConstraint('capacity IS NULL OR capacity >= 0',
                           name=op.f('ck_programme_session_capacity_not_negative')),
        sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_programme_session_ends_after_start')),
        sa.ForeignKeyConstraint(['event_id'], ['event.id'],
                                name=op.f('fk_programme_session_event_id_event'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_session')),
        sa.UniqueConstraint('event_id', 'title', name=op.f('uq_programme_session_event_id_title')),
    )
    op.create_index('ix_programme_session_event_starts_at', 'programme_session',
                    ['event_id', 'starts_at'], unique=False)
    op.create_table(
        'session_choice',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('attendee_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.Enum('chosen', 'waiting', name='choicestatus', native_enum=False,
                                    create_constraint=True, length=20), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['attendee_id'], ['attendee.id'],
                                name=op.f('fk_session_choice_attendee_id_attendee'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['session_id'], ['programme_session.id'],
                                name=op.f('fk_session_choice_session_id_programme_session'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_session_choice')),
        sa.UniqueConstraint('session_id', 'attendee_id', name=op.f('uq_session_choice_session_id_attendee_id')),
    )
    op.create_index(op.f('ix_session_choice_attendee_id'), 'session_choice', ['attendee_id'],
                    unique=False)


def downgrade():
    op.drop_index(op.f('ix_session_choice_attendee_id'), table_name='session_choice')
    op.drop_table('session_choice')
    op.drop_index('ix_programme_session_event_starts_at', table_name='programme_session')
    op.drop_table('programme_session')
