"""own sign-up questions and answers: the organiser's questions per event, the attendees'
answers (erased with the attendee), consent for special-category answers

Revision ID: b3c8e1f4a702
Revises: b3c8e2f1a6d9
Create Date: 2026-12-07 03:14:16.634961

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b3c8e1f4a702'
down_revision = 'b3c8e2f1a6d9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.Enum('text', 'choice', 'choices', 'yes_no', name='questionkind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('label_de', sa.String(length=300), nullable=False),
    sa.Column('label_en', sa.String(length=300), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('special_category', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint('NOT (required AND special_category)', name=op.f('ck_question_special_never_required')),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_question_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question')),
    sa.UniqueConstraint('event_id', 'key', name=op.f('uq_question_event_id_key'))
    )
    op.create_table('question_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('attendee_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('consent_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['attendee_id'], ['attendee.id'], name=op.f('fk_question_answer_attendee_id_attendee'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_question_answer_question_id_question'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_answer')),
    sa.UniqueConstraint('question_id', 'attendee_id', name=op.f('uq_question_answer_question_id_attendee_id'))
    )
    with op.batch_alter_table('question_answer', schema=None) as batch_op:
        batch_op.create_index('ix_question_answer_attendee', ['attendee_id'], unique=False)



def downgrade():
    with op.batch_alter_table('question_answer', schema=None) as batch_op:
        batch_op.drop_index('ix_question_answer_attendee')

    op.drop_table('question_answer')
    op.drop_table('question')
