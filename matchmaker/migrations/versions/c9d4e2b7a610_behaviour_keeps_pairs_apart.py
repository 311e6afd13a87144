"""learning from behaviour: "not interested", "not valuable", last year's feedback bonus

``attendee_not_interested``: whom an attendee marked "not interested" (the engine never
pairs the two). ``meeting_feedback.outcome`` may be ``not_valuable`` (the meeting took
place but was not worth it). ``event.feedback_bonus_from_id``: the earlier event whose
valuable pairings get a small bonus (None for every existing event: off).

Revision ID: c9d4e2b7a610
Revises: e7b2c9d4a160
Create Date: 2026-12-08 12:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'c9d4e2b7a610'
down_revision = 'e7b2c9d4a160'
branch_labels = None
depends_on = None

OUTCOMES = "outcome IN ('took_place', 'did_not_happen', 'valuable'{})"


def upgrade():
    op.create_table(
        'attendee_not_interested',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('attendee_id', sa.Integer(), nullable=False),
        sa.Column('other_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint('attendee_id <> other_id', name=op.f('ck_attendee_not_interested_not_self')),
        sa.ForeignKeyConstraint(['attendee_id'], ['attendee.id'],
                                name=op.f('fk_attendee_not_interested_attendee_id_attendee'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['other_id'], ['attendee.id'],
                                name=op.f('fk_attendee_not_interested_other_id_attendee'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_attendee_not_interested')),
        sa.UniqueConstraint('attendee_id', 'other_id',
                            name=op.f('uq_attendee_not_interested_attendee_id_other_id')),
    )
    with op.batch_alter_table('meeting_feedback', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_meeting_feedback_feedbackoutcome'), type_='check')
        batch_op.create_check_constraint(op.f('ck_meeting_feedback_feedbackoutcome'),
                                         OUTCOMES.format(", 'not_valuable'"))
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('feedback_bonus_from_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(op.f('fk_event_feedback_bonus_from_id_event'), 'event',
                                    ['feedback_bonus_from_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('fk_event_feedback_bonus_from_id_event'), type_='foreignkey')
        batch_op.drop_column('feedback_bonus_from_id')
    op.execute("UPDATE meeting_feedback SET outcome = 'took_place' WHERE outcome = 'not_valuable'")
    with op.batch_alter_table('meeting_feedback', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_meeting_feedback_feedbackoutcome'), type_='check')
        batch_op.create_check_constraint(op.f('ck_meeting_feedback_feedbackoutcome'), OUTCOMES.format(""))
    op.drop_table('attendee_not_interested')
