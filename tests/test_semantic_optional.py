"""Without the `semantic` extra everything is as before: no vectors, no similar-interest
reasons, no proposals, file mode as spelled. The package is hidden from the import
system here (``sys.modules[...] = None``), so these run with or without it installed."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from matchmaker import PROJECT_DIR, embeddings
from matchmaker.commands.matching import match_command
from matchmaker.extensions import db
from matchmaker.models import Meeting, TagVector
from matchmaker.services.schedule.matchmaking import run_matchmaking
from tests.support.attendees import add_attendee

EXAMPLE = Path(PROJECT_DIR) / "docs" / "examples" / "attendees.csv"


@pytest.fixture
def without_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, embeddings.PACKAGE, None)
    embeddings._model.cache_clear()
    yield
    embeddings._model.cache_clear()


@pytest.fixture
def similar_on(app, event, without_extra):
    """Similar interests switched on, two attendees whose tags a model would put close."""
    app.config["SIMILAR_INTERESTS"] = True
    add_attendee(event, "Jana", seeks=["Forschungspartner"], keywords=["Leichtbau"])
    add_attendee(event, "Karl", org_type="research", offers=["Forschungskooperation"],
                 keywords=["leichtbau "])
    return event


def test_hidden_package_counts_as_missing(without_extra):
    assert not embeddings.available()
    with pytest.raises(embeddings.MissingExtra):
        embeddings.encode(["Wasserstoff"])


def test_run_without_extra_stores_no_vector_and_scores_as_spelled(similar_on):
    run_matchmaking(similar_on)
    assert db.session.scalar(select(func.count()).select_from(TagVector)) == 0
    meeting = db.session.scalars(select(Meeting)).one()
    assert [r["code"] for r in meeting.reasons] == ["shared_keywords", "complementary_org_types"]


def test_settings_page_without_extra_proposes_nothing(organiser_client, similar_on):
    page = organiser_client.get("/organiser/go-cluster-2027/settings/matchmaking").get_data(as_text=True)
    assert "Matchmaking-Einstellungen" in page and "Vorgeschlagene Synonymgruppen" not in page


def test_file_mode_without_extra_has_no_similar_interest_reasons(tmp_path, without_extra):
    out = tmp_path / "schedule.json"
    result = CliRunner().invoke(match_command, ["--input", str(EXAMPLE), "--slots", "10",
                                                "--tables", "6", "--output", str(out)])
    assert result.exit_code == 0, result.output
    codes = {r["code"] for m in json.loads(out.read_text(encoding="utf-8"))["meetings"]
             for r in m["reasons"]}
    assert "similar_interest" not in codes and "offer_matches_seek" in codes
