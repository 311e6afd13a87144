"""The database away for a few seconds (a PostgreSQL restart): visitors get a clear 503,
no acknowledged registration is lost, and the app recovers by itself."""

import gc
import warnings
from urllib.error import HTTPError

import pytest
from flask_migrate import upgrade
from sqlalchemy import select

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.models import Attendee
from tests.conftest import app_config, cannot_run
from tests.public.test_capacity_concurrency import post_sign_up_form
from tests.support.factories import make_event
from tests.support.live_server import live_server
from tests.support.postgres import create_database, postgres_cluster, server_binaries

pytestmark = pytest.mark.postgres


class NoBarrier:
    def wait(self) -> None:
        return None


def test_restarted_database_loses_nothing_and_the_app_recovers(instance_folder):
    bin_dir = server_binaries()
    if bin_dir is None:
        cannot_run("PostgreSQL server binaries are not installed")
    with postgres_cluster(bin_dir) as cluster:
        app = create_app(app_config(create_database(cluster.url, "outage"), instance_folder))
        with app.app_context():
            upgrade()
            make_event()
            db.session.remove()
        with live_server(app) as base_url:
            assert post_sign_up_form(base_url, "before@example.org", NoBarrier()) == "0"
            cluster.stop()
            with pytest.raises(HTTPError) as refused:
                post_sign_up_form(base_url, "during@example.org", NoBarrier())
            assert refused.value.code == 503
            assert "Kurz nicht erreichbar" in refused.value.read().decode()
            cluster.start()
            assert post_sign_up_form(base_url, "after@example.org", NoBarrier()) == "0"
        with app.app_context():
            emails = sorted(db.session.scalars(select(Attendee.email)))
            db.engine.dispose()
        forget_broken_connections()
    assert emails == ["after@example.org", "before@example.org"]


def forget_broken_connections() -> None:
    """The connections the outage broke are collected here, where that is expected, and
    not in a later test (psycopg warns when it deletes a connection it could not close)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
