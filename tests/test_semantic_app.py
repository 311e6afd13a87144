"""Similar interests in the app: a run stores one vector per distinct tag and scores tags
close in meaning; the setting or a missing extra leaves everything as spelled.

Without the package these skip, and fail under CI=true (tests/run.sh installs the extra)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from matchmaker import embeddings
from matchmaker.extensions import db
from matchmaker.models import Attendee, Meeting, TagVector
from matchmaker.services.attendees.participants import suggestions_for
from matchmaker.services.schedule import similar_tags
from matchmaker.services.schedule.matching_settings import set_synonyms, synonym_text
from matchmaker.services.schedule.matchmaking import run_matchmaking
from matchmaker.services.schedule.similar_tags import embed_event_tags
from matchmaker.services.schedule.synonym_proposals import accept_synonym_group, synonym_proposals
from tests.support.attendees import add_attendee
from tests.support.factories import post_form

pytestmark = pytest.mark.usefixtures("semantic_extra")


@pytest.fixture
def similar_pair(app, event):
    """Jana looks for a research partner, Karl offers research cooperation."""
    app.config["SIMILAR_INTERESTS"] = True
    add_attendee(event, "Jana", seeks=["Forschungspartner"], keywords=["Leichtbau"])
    add_attendee(event, "Karl", org_type="research", offers=["Forschungskooperation"],
                 keywords=["leichtbau "])
    return event


def stored_tags() -> list[str]:
    return list(db.session.scalars(select(TagVector.tag).order_by(TagVector.tag)))


def meeting_codes() -> list[str]:
    meeting = db.session.scalars(select(Meeting)).one()
    return [reason["code"] for reason in meeting.reasons]


def test_run_stores_one_vector_per_distinct_normalised_tag(similar_pair):
    run_matchmaking(similar_pair)
    assert stored_tags() == ["forschungskooperation", "forschungspartner", "leichtbau"]


def test_second_run_embeds_no_tag_again(similar_pair):
    run_matchmaking(similar_pair)
    assert embed_event_tags(similar_pair) == 0
    assert db.session.scalar(select(func.count()).select_from(TagVector)) == 3


def test_run_embeds_each_distinct_tag_once_in_one_call(similar_pair, monkeypatch):
    add_attendee(similar_pair, "Lena", seeks=["forschungspartner"], keywords=["Leichtbau"])
    calls = []
    encode = embeddings.encode
    monkeypatch.setattr(embeddings, "encode", lambda tags: calls.append(list(tags)) or encode(tags))
    run_matchmaking(similar_pair)
    assert calls == [["forschungskooperation", "forschungspartner", "leichtbau"]]


@pytest.mark.both_databases  # the vectors round-trip through bytea on PostgreSQL
def test_requests_read_stored_vectors_and_never_embed(similar_pair, monkeypatch):
    embed_event_tags(similar_pair)
    db.session.commit()
    monkeypatch.setattr(embeddings, "encode", lambda tags: pytest.fail("embedded in a request"))
    jana = db.session.scalars(select(Attendee).where(Attendee.first_name == "Jana")).one()
    codes = [r["code"] for row in suggestions_for(jana) for r in row.reasons]
    assert "similar_interest" in codes


def test_kept_similar_pairs_follow_a_changed_tag(similar_pair):
    embed_event_tags(similar_pair)
    db.session.commit()
    jana = db.session.scalars(select(Attendee).where(Attendee.first_name == "Jana")).one()
    assert ("forschungskooperation", "forschungspartner") in similar_tags.similar_pairs(similar_pair)
    jana.seeks = ["Leichtbau"]
    db.session.commit()
    assert similar_tags.similar_pairs(similar_pair) == frozenset()
    codes = [r["code"] for row in suggestions_for(jana) for r in row.reasons]
    assert "similar_interest" not in codes


def test_registration_page_loads_no_vector(client, similar_pair, monkeypatch):
    monkeypatch.setattr(similar_tags, "stored_vectors", lambda tags: pytest.fail("vectors loaded"))
    assert client.get("/go-cluster-2027/register").status_code == 200


def test_run_gives_similar_interest_reason_for_close_seek_and_offer(similar_pair):
    run_matchmaking(similar_pair)
    assert "similar_interest" in meeting_codes()


def test_setting_off_stores_no_vector_and_gives_no_similar_reason(app, similar_pair):
    app.config["SIMILAR_INTERESTS"] = False
    run_matchmaking(similar_pair)
    assert stored_tags() == [] and "similar_interest" not in meeting_codes()


SETTINGS = "/organiser/go-cluster-2027/settings/matchmaking"


@pytest.fixture
def compared(similar_pair):
    """The two tags close in meaning, compared (their vectors stored)."""
    embed_event_tags(similar_pair)
    db.session.commit()
    return similar_pair


def test_proposals_join_the_tags_the_model_puts_close(compared):
    assert synonym_proposals(compared) == [("Forschungskooperation", "Forschungspartner")]


def test_accepted_proposal_becomes_a_synonym_line_keeping_the_others(compared):
    before = synonym_text(compared)
    accept_synonym_group(compared, ["Forschungskooperation", "Forschungspartner"])
    assert synonym_text(compared) == before + "Forschungskooperation = Forschungspartner\n"
    assert synonym_proposals(compared) == []


def test_accepted_proposal_touching_a_group_extends_that_line(compared):
    set_synonyms(compared, "# unsere Liste\nForschungspartner = Research partner\nKI = AI\n")
    accept_synonym_group(compared, ["Forschungskooperation", "Forschungspartner"])
    assert synonym_text(compared) == ("# unsere Liste\nForschungspartner = Research partner"
                                      " = Forschungskooperation\nKI = AI\n")


def test_dashboard_lists_proposal_and_accepts_it(organiser_client, compared):
    page = organiser_client.get(SETTINGS).get_data(as_text=True)
    assert "Forschungskooperation = Forschungspartner" in page
    post_form(organiser_client, f"{SETTINGS[:-len('/matchmaking')]}/synonym-proposals",
              {"members": ["Forschungskooperation", "Forschungspartner"]}, token_from=SETTINGS)
    assert synonym_text(compared).endswith("Forschungskooperation = Forschungspartner\n")


@pytest.mark.parametrize(("language", "heading", "button"), [
    ("de", "Vorgeschlagene Synonymgruppen", "Annehmen"), ("en", "Proposed synonym groups", "Accept")])
def test_dashboard_proposals_speak_the_organisers_language(organiser_client, compared, language,
                                                           heading, button):
    organiser_client.get(f"/language/{language}")
    page = organiser_client.get(SETTINGS).get_data(as_text=True)
    assert f'<h2 id="proposals-title">{heading}</h2>' in page
    # the button's accessible name says which group it accepts
    assert (f'{button}<span class="visually-hidden">: Forschungskooperation = Forschungspartner'
            '</span></button>') in page


def test_dashboard_confirms_the_accepted_group_in_german(organiser_client, compared):
    response = post_form(organiser_client, f"{SETTINGS[:-len('/matchmaking')]}/synonym-proposals",
                         {"members": ["Forschungskooperation", "Forschungspartner"]},
                         token_from=SETTINGS)
    page = organiser_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Die Gruppe Forschungskooperation = Forschungspartner steht in der Synonymliste." in page
    assert "Vorgeschlagene Synonymgruppen" in page and "Keine Vorschläge" in page


def test_dashboard_compare_button_stores_the_missing_vectors(organiser_client, similar_pair):
    post_form(organiser_client, f"{SETTINGS[:-len('/matchmaking')]}/synonym-proposals/update",
              token_from=SETTINGS)
    assert stored_tags() == ["forschungskooperation", "forschungspartner", "leichtbau"]
