"""hardening: index for the per-address mail limit

Every sign-up and link request counts the mails sent to the address in the last day;
without an index that is a scan of all recorded mails, which grow with every attendee.

Revision ID: 5e1f0c2a9b74
Revises: c0b5e1a7f3d2
Create Date: 2026-12-02 09:30:00

"""
from alembic import op

revision = "5e1f0c2a9b74"
down_revision = "c0b5e1a7f3d2"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("outgoing_mail", schema=None) as batch_op:
        batch_op.create_index("ix_outgoing_mail_recipient_created_at", ["recipient", "created_at"],
                              unique=False)


def downgrade():
    with op.batch_alter_table("outgoing_mail", schema=None) as batch_op:
        batch_op.drop_index("ix_outgoing_mail_recipient_created_at")
