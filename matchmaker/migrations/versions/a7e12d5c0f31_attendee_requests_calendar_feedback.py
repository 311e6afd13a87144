"""attendee side of matchmaking: answered requests, blocks, calendar entries and feeds, feedback

Existing meeting requests were one-sided must-meet wishes (from imported files). They
become ``pending`` requests without ``expires_at``: they never expire and keep counting
as one-sided wishes, exactly as before, until the person asked accepts or declines.

Revision ID: a7e12d5c0f31
Revises: c4e1d0a7print
Create Date: 2026-12-02 09:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'a7e12d5c0f31'
down_revision = 'c4e1d0a7print'
branch_labels = None
depends_on = None

REQUEST_STATUSES = ('pending', 'accepted', 'declined', 'withdrawn', 'expired')
FEEDBACK_OUTCOMES = ('took_place', 'did_not_happen', 'valuable')


def status_enum(name, values):
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=20)


def upgrade():
    with op.batch_alter_table('meeting_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=20), nullable=False,
                                      server_default='pending'))
        batch_op.add_column(sa.Column('message', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('answered_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('expires_at', sa.DateTime(), nullable=True))
        batch_op.create_check_constraint(
            'requeststatus', 'status IN ({})'.format(', '.join(f"'{s}'" for s in REQUEST_STATUSES)))
        batch_op.create_index('ix_meeting_request_target_status', ['target_id', 'status'], unique=False)

    op.create_table('attendee_block',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('blocker_id', sa.Integer(), nullable=False),
    sa.Column('blocked_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('blocker_id <> blocked_id', name=op.f('ck_attendee_block_not_self')),
    sa.ForeignKeyConstraint(['blocker_id'], ['attendee.id'], name=op.f('fk_attendee_block_blocker_id_attendee'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['blocked_id'], ['attendee.id'], name=op.f('fk_attendee_block_blocked_id_attendee'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendee_block')),
    sa.UniqueConstraint('blocker_id', 'blocked_id', name=op.f('uq_attendee_block_blocker_id_blocked_id'))
    )
    op.create_table('calendar_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attendee_id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=True),
    sa.Column('uid', sa.String(length=64), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('table_name', sa.String(length=80), nullable=False),
    sa.Column('cancelled_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['attendee_id'], ['attendee.id'], name=op.f('fk_calendar_entry_attendee_id_attendee'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['partner_id'], ['attendee.id'], name=op.f('fk_calendar_entry_partner_id_attendee'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_entry')),
    sa.UniqueConstraint('attendee_id', 'partner_id', name=op.f('uq_calendar_entry_attendee_id_partner_id')),
    sa.UniqueConstraint('uid', name=op.f('uq_calendar_entry_uid'))
    )
    op.create_table('calendar_feed',
    sa.Column('attendee_id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['attendee_id'], ['attendee.id'], name=op.f('fk_calendar_feed_attendee_id_attendee'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('attendee_id', name=op.f('pk_calendar_feed')),
    sa.UniqueConstraint('token', name=op.f('uq_calendar_feed_token'))
    )
    op.create_table('meeting_feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('attendee_id', sa.Integer(), nullable=False),
    sa.Column('outcome', status_enum('feedbackoutcome', FEEDBACK_OUTCOMES), nullable=False),
    sa.Column('answered_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_feedback_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['attendee_id'], ['attendee.id'], name=op.f('fk_meeting_feedback_attendee_id_attendee'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_feedback')),
    sa.UniqueConstraint('meeting_id', 'attendee_id', name=op.f('uq_meeting_feedback_meeting_id_attendee_id'))
    )


def downgrade():
    op.drop_table('meeting_feedback')
    op.drop_table('calendar_feed')
    op.drop_table('calendar_entry')
    op.drop_table('attendee_block')
    with op.batch_alter_table('meeting_request', schema=None) as batch_op:
        batch_op.drop_index('ix_meeting_request_target_status')
        batch_op.drop_constraint('requeststatus', type_='check')
        batch_op.drop_column('expires_at')
        batch_op.drop_column('answered_at')
        batch_op.drop_column('message')
        batch_op.drop_column('status')
