"""Proposed synonym groups join only tags the model put close to each other (no package
needed: the pairs, or the stored vectors, are given)."""

import numpy as np

from matchmaker import embeddings
from matchmaker.extensions import db
from matchmaker.matching.synonyms import NO_SYNONYMS, parse_synonyms
from matchmaker.models import TagVector
from matchmaker.services.schedule.synonym_proposals import close_groups, synonym_proposals
from tests.support.attendees import add_attendee


def test_chain_of_close_tags_is_not_proposed_as_one_group():
    chain = NO_SYNONYMS.with_similar([("Fördermittel", "Fördermittelberatung"),
                                      ("Fördermittelberatung", "Standortberatung")])
    assert close_groups(chain) == [["fördermittel", "fördermittelberatung"]]


def test_tags_all_close_to_each_other_are_one_group():
    triangle = NO_SYNONYMS.with_similar([("KI", "AI"), ("AI", "Machine Learning"),
                                         ("KI", "Machine Learning")])
    assert close_groups(triangle) == [["ai", "ki", "machine learning"]]


def test_tag_close_to_a_synonym_group_extends_it():
    synonyms = parse_synonyms("Wasserstoff = H2").with_similar([("H2", "H2-Elektrolyse")])
    assert close_groups(synonyms) == [["h2-elektrolyse", "wasserstoff"]]


def unit(*parts: float) -> bytes:
    vector = np.zeros(embeddings.DIMENSIONS, dtype="<f4")
    vector[:len(parts)] = parts
    return (vector / np.linalg.norm(vector)).astype("<f4").tobytes()


def test_event_proposal_leaves_out_the_far_end_of_a_chain(app, event, monkeypatch):
    """Stored vectors: Materialforschung~Materialprüfung and Materialprüfung~Messtechnik
    at cosine 0.707, Materialforschung and Messtechnik at 0."""
    app.config["SIMILAR_INTERESTS"] = True
    monkeypatch.setattr(embeddings, "available", lambda: True)  # vectors given, no model runs
    add_attendee(event, "Jana", seeks=["Materialforschung"])
    add_attendee(event, "Karl", offers=["Materialprüfung", "Messtechnik"])
    for tag, vector in [("materialforschung", unit(1, 0)), ("materialprüfung", unit(1, 1)),
                        ("messtechnik", unit(0, 1))]:
        db.session.add(TagVector(model=embeddings.MODEL, tag=tag, vector=vector))
    db.session.commit()
    assert synonym_proposals(event) == [("Materialforschung", "Materialprüfung")]
