"""``matchmaker backup`` and ``restore``: a round trip survives losing the database."""

from pathlib import Path

import pytest
from sqlalchemy import select, text

from matchmaker.extensions import db
from matchmaker.models import Attendee
from tests.support.factories import submit_sign_up

pytestmark = pytest.mark.both_databases


def lose_database() -> None:
    """Delete the database as a failed disk would (PostgreSQL: every table)."""
    url = db.engine.url
    db.session.remove()
    if url.get_backend_name() == "sqlite":
        db.engine.dispose()
        Path(url.database).unlink()
    else:
        db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.session.commit()
        db.engine.dispose()


def test_backup_then_restore_after_losing_the_database_brings_everything_back(
        client, event, runner, tmp_path):
    submit_sign_up(client)
    backup = tmp_path / "backup.file"
    result = runner.invoke(args=["backup", "--output", str(backup)])
    assert result.exit_code == 0, result.output
    lose_database()
    result = runner.invoke(args=["restore", str(backup)])
    assert result.exit_code == 0, result.output
    assert db.session.scalars(select(Attendee.email)).all() == ["juergen.mueller@example.org"]


def test_backup_file_is_readable_by_its_owner_only(event, runner, tmp_path):
    backup = tmp_path / "backup.file"
    runner.invoke(args=["backup", "--output", str(backup)])
    assert backup.stat().st_mode & 0o777 == 0o600


def test_restore_over_a_database_with_data_is_refused_without_force(client, event, runner, tmp_path):
    backup = tmp_path / "backup.file"
    runner.invoke(args=["backup", "--output", str(backup)])
    submit_sign_up(client)
    result = runner.invoke(args=["restore", str(backup)])
    assert result.exit_code != 0 and "--force" in result.output
    assert db.session.scalar(select(Attendee.email)) == "juergen.mueller@example.org"


def test_restore_with_force_replaces_the_data(client, event, runner, tmp_path):
    backup = tmp_path / "backup.file"
    runner.invoke(args=["backup", "--output", str(backup)])
    submit_sign_up(client)
    result = runner.invoke(args=["restore", "--force", str(backup)])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(Attendee.email)) is None
