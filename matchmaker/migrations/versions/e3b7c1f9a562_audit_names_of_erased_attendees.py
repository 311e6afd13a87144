"""audit_entry: the names of attendees erased before erasure reached the log's other entries

An erasure deleted the entries about the person, but entries about others still named
them: as a meeting's partner ("with": "7 Anna Beispiel"), a colleague, or the attendee
who acted ("attendee 7 Anna Beispiel"). Erasure now takes the name out
(``services.audit.forget``); this does the same for everyone erased before, recognised
by a number that no attendee of the event has any more (numbers are never reused).
Nothing to undo on downgrade: the names are gone.

Revision ID: e3b7c1f9a562
Revises: c5e9a3d7f182
Create Date: 2026-12-07 23:00:00

"""
import json
import re

import sqlalchemy as sa
from alembic import op

from matchmaker.services.audit import NAMING_KEYS, without_name

revision = 'e3b7c1f9a562'
down_revision = 'c5e9a3d7f182'
branch_labels = None
depends_on = None

NUMBER = re.compile(r"(\d+) ")


def upgrade() -> None:
    connection = op.get_bind()
    existing: dict[int, set[int]] = {}
    for event_id, number in connection.execute(sa.text("SELECT event_id, number FROM attendee")):
        existing.setdefault(event_id, set()).add(number)
    update = sa.text("UPDATE audit_entry SET actor = :actor, changes = :changes WHERE id = :id").bindparams(
        sa.bindparam('changes', type_=sa.JSON))
    for id_, event_id, actor, changes in connection.execute(sa.text(
            "SELECT id, event_id, actor, changes FROM audit_entry")).all():
        changes = (json.loads(changes) if isinstance(changes, str) else changes) or {}
        new_actor, new_changes = actor, changes
        for number in named_numbers(actor, changes) - existing.get(event_id, set()):
            new_actor, new_changes = without_name(new_actor, new_changes, number)
        if (new_actor, new_changes) != (actor, changes):
            connection.execute(update, {"id": id_, "actor": new_actor, "changes": new_changes})


def named_numbers(actor: str, changes: dict[str, object]) -> set[int]:
    """The numbers of the attendees the entry names (besides the one it is about)."""
    texts = [actor.removeprefix("attendee ")] if actor.startswith("attendee ") else []
    texts += [value for key in NAMING_KEYS if isinstance(value := changes.get(key), str)]
    return {int(found.group(1)) for found in map(NUMBER.match, texts) if found}


def downgrade() -> None:
    pass
