"""Files with personal data and private links are readable by the app's user only."""

import stat
from pathlib import Path

import pytest

from matchmaker.extensions import db
from tests.support.factories import submit_sign_up

pytestmark = pytest.mark.both_databases


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_sqlite_database_and_its_wal_are_private(client, event):
    if db.engine.dialect.name != "sqlite":
        return
    submit_sign_up(client)
    database = Path(db.engine.url.database)
    files = [database, database.with_name(database.name + "-wal")]
    assert [mode(path) for path in files if path.exists()] == [0o600, 0o600]


def test_outbox_folder_is_private(client, event):
    submit_sign_up(client)
    assert mode(Path(client.application.config["MAIL_OUTBOX_DIR"])) == 0o700
