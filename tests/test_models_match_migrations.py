"""The models and the migrations describe the same schema: a database migrated from
scratch differs in nothing (tables, columns, types, indexes, foreign keys and their
ON DELETE) from what ``models.py`` declares."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from matchmaker.extensions import db


@pytest.mark.both_databases
def test_freshly_migrated_database_matches_the_models(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []
