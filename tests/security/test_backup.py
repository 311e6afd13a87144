"""``matchmaker backup`` and ``restore``: a round trip survives losing the database."""

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select, text

from matchmaker.commands.backup import exclusive_sqlite
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


# A second process with an idle connection, as a gunicorn worker or the job worker keeps
# one in its pool after its first request; it stays until its standard input is closed.
HOLDER = """
import sys
from sqlalchemy import create_engine, text
connection = create_engine(sys.argv[1]).connect()
connection.execute(text("SELECT count(*) FROM attendee"))
connection.commit()
print("connected", flush=True)
sys.stdin.read()
"""


@contextmanager
def another_process_connected() -> Iterator[None]:
    url = db.engine.url.render_as_string(hide_password=False)
    with subprocess.Popen([sys.executable, "-c", HOLDER, url], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout.readline() == "connected\n"
            yield
        finally:
            process.stdin.close()
            process.wait(timeout=60)


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


@pytest.mark.both_databases
def test_restore_while_another_process_has_the_database_open_is_refused(client, event, runner, tmp_path):
    backup = tmp_path / "backup.file"
    runner.invoke(args=["backup", "--output", str(backup)])
    submit_sign_up(client)
    with another_process_connected():
        result = runner.invoke(args=["restore", "--force", str(backup)])
    assert result.exit_code == 1 and "stop gunicorn and the worker before restoring" in result.output
    assert db.session.scalar(select(Attendee.email)) == "juergen.mueller@example.org"


def test_sqlite_restore_keeps_other_processes_out_until_the_copy_is_done(tmp_path):
    path = tmp_path / "live.sqlite"
    with sqlite3.connect(path) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE attendee (email TEXT)")
    setup.close()
    reader = ("import sqlite3, sys\n"
              "try:\n    sqlite3.connect(sys.argv[1], timeout=0.2).execute('SELECT 1 FROM attendee')\n"
              "except sqlite3.OperationalError as error:\n    print(error)\n")
    with exclusive_sqlite(path):
        during = subprocess.run([sys.executable, "-c", reader, str(path)], capture_output=True,
                                text=True, check=True, timeout=60).stdout
    after = subprocess.run([sys.executable, "-c", reader, str(path)], capture_output=True,
                           text=True, check=True, timeout=60).stdout
    assert (during.strip(), after.strip()) == ("database is locked", "")
