"""``matchmaker demo`` runs background jobs without a second command."""

import os
import subprocess
import sys

import pytest
from sqlalchemy import select

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.jobs import start_job
from matchmaker.models import Event
from tests.conftest import app_config
from tests.jobs.conftest import ORGANISER, wait_until_finished
from tests.support.postgres import free_port
from tests.test_demo import wait_for_page


@pytest.fixture
def demo(tmp_path):
    """The demo serving on a free port, with its instance folder."""
    instance, port = tmp_path / "demo", free_port()
    env = {**os.environ, "MATCHMAKER_INSTANCE_PATH": str(instance)}
    command = [sys.executable, "-m", "matchmaker", "demo", "--attendees", "30", "--port", str(port)]
    with subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as server:
        try:
            wait_for_page(f"http://127.0.0.1:{port}/", server=server)
            yield instance
        finally:
            server.terminate()


def test_demo_runs_a_matchmaking_job_in_its_own_worker(demo, monkeypatch):
    monkeypatch.setenv("MATCHMAKER_INSTANCE_PATH", str(demo))
    app = create_app(app_config(f"sqlite:///{demo / 'matchmaker.sqlite'}", demo))
    with app.app_context():
        event = db.session.scalars(select(Event).where(Event.slug == "go-cluster-2027")).one()
        view = wait_until_finished(event, start_job(event, "matchmaking", {}, ORGANISER).id)
        db.session.remove()
        db.engine.dispose()
    assert view.status == "done" and view.result["quality"]["meetings"] > 0
