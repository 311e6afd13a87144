"""The migration keeps every existing organiser able to do what they did: they become
administrators of all events."""

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from matchmaker import create_app
from matchmaker.extensions import db
from tests.conftest import app_config

BEFORE = "2667c6a3b0ae"


def test_existing_organisers_become_administrators(tmp_path, instance_folder):
    app = create_app(app_config(f"sqlite:///{tmp_path / 'old.sqlite'}", instance_folder))
    with app.app_context():
        upgrade(revision=BEFORE)
        db.session.execute(text("INSERT INTO organiser (email, password_hash, created_at) "
                                "VALUES ('alt@example.org', 'x', '2026-11-29 10:00:00')"))
        db.session.commit()
        upgrade()
        assert db.session.execute(text("SELECT is_admin FROM organiser")).scalar_one() == 1
        db.session.remove()
        db.engine.dispose()


def test_migration_downgrades_and_upgrades_again(tmp_path, instance_folder):
    app = create_app(app_config(f"sqlite:///{tmp_path / 'round.sqlite'}", instance_folder))
    with app.app_context():
        upgrade()
        downgrade(revision=BEFORE)
        upgrade()
        assert db.session.execute(text("SELECT count(*) FROM organiser_session")).scalar_one() == 0
        db.session.remove()
        db.engine.dispose()
