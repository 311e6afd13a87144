"""attendees book themselves: favourites, meeting moves, notices, slot offers

``attendee_favourite``: people an attendee marked as interesting (a bonus in the engine).
``meeting_move``: a proposed new slot and table for a published meeting, open until the
partner answers. ``meeting_notice``: what a partner's change tells the attendee on their
page. ``slot_offer``: a slot given back, offered to one person at a time until
``expires_at`` (``event.offer_minutes`` after the offer); ``attendee.fills_free_slots``
is the attendee's "fill my free slots" setting.

Revision ID: b8f3e2a1c940
Revises: c5d1e7a2f380
Create Date: 2026-12-07 03:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'b8f3e2a1c940'
down_revision = 'c5d1e7a2f380'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('offer_minutes', sa.Integer(), server_default='30',
                                      nullable=False))
        batch_op.create_check_constraint('offer_minutes_positive', 'offer_minutes >= 1')
    with op.batch_alter_table('attendee', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fills_free_slots', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
    op.create_table(
        'attendee_favourite',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('attendee_id', sa.Integer(), nullable=False),
        sa.Column('favourite_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint('attendee_id <> favourite_id', name=op.f('ck_attendee_favourite_not_self')),
        sa.ForeignKeyConstraint(['attendee_id'], ['attendee.id'], name=op.f('fk_attendee_favourite_attendee_id_attendee'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['favourite_id'], ['attendee.id'], name=op.f('fk_attendee_favourite_favourite_id_attendee'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_attendee_favourite')),
        sa.UniqueConstraint('attendee_id', 'favourite_id', name=op.f('uq_attendee_favourite_attendee_id_favourite_id')),
    )
    op.create_table(
        'meeting_move',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('proposed_by_id', sa.Integer(), nullable=False),
        sa.Column('slot_id', sa.Integer(), nullable=False),
        sa.Column('table_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_move_meeting_id_meeting'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['proposed_by_id'], ['attendee.id'], name=op.f('fk_meeting_move_proposed_by_id_attendee'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['slot_id'], ['slot.id'], name=op.f('fk_meeting_move_slot_id_slot'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['table_id'], ['meeting_table.id'], name=op.f('fk_meeting_move_table_id_meeting_table'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_move')),
        sa.UniqueConstraint('meeting_id', name=op.f('uq_meeting_move_meeting_id')),
    )
    op.create_table(
        'meeting_notice',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('attendee_id', sa.Integer(), nullable=False),
        sa.Column('partner_id', sa.Integer(), nullable=True),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('starts_at', sa.DateTime(), nullable=False),
        sa.Column('note', sa.String(length=500), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['attendee_id'], ['attendee.id'], name=op.f('fk_meeting_notice_attendee_id_attendee'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['partner_id'], ['attendee.id'], name=op.f('fk_meeting_notice_partner_id_attendee'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_notice')),
    )
    with op.batch_alter_table('meeting_notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_notice_attendee_id'), ['attendee_id'], unique=False)
    op.create_table(
        'slot_offer',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('slot_id', sa.Integer(), nullable=False),
        sa.Column('table_id', sa.Integer(), nullable=False),
        sa.Column('partner_id', sa.Integer(), nullable=False),
        sa.Column('offered_to_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.Enum('pending', 'accepted', 'expired', 'void', name='offerstatus',
                                    native_enum=False, create_constraint=True, length=20), nullable=False),
        sa.Column('score', sa.Integer(), nullable=False),
        sa.Column('reasons', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('answered_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_slot_offer_event_id_event'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['slot_id'], ['slot.id'], name=op.f('fk_slot_offer_slot_id_slot'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['table_id'], ['meeting_table.id'], name=op.f('fk_slot_offer_table_id_meeting_table'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['partner_id'], ['attendee.id'], name=op.f('fk_slot_offer_partner_id_attendee'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['offered_to_id'], ['attendee.id'], name=op.f('fk_slot_offer_offered_to_id_attendee'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_slot_offer')),
        sa.UniqueConstraint('slot_id', 'partner_id', 'offered_to_id', name=op.f('uq_slot_offer_slot_id_partner_id_offered_to_id')),
    )
    with op.batch_alter_table('slot_offer', schema=None) as batch_op:
        batch_op.create_index('ix_slot_offer_event_status', ['event_id', 'status'], unique=False)


def downgrade():
    op.drop_table('slot_offer')
    op.drop_table('meeting_notice')
    op.drop_table('meeting_move')
    op.drop_table('attendee_favourite')
    with op.batch_alter_table('attendee', schema=None) as batch_op:
        batch_op.drop_column('fills_free_slots')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_constraint('offer_minutes_positive', type_='check')
        batch_op.drop_column('offer_minutes')
