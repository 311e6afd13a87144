"""Reasons are phrased for the attendee who reads them, in their language."""

import pytest
from flask_babel import force_locale

from matchmaker.reasons import phrase_reasons

INDUSTRIES = {"energy_environment": "Energie und Umwelt", "maritime": "Maritime Wirtschaft"}
REASONS = [
    {"code": "shared_themes", "params": {"themes": ["open_innovation", "skills"]}},
    {"code": "offer_matches_seek", "params": {"tag": "Wasserstoff", "offered_by": 1, "sought_by": 2}},
    {"code": "cross_industry", "params": {"industries": ["energy_environment", "maritime"]}},
    {"code": "complementary_org_types", "params": {"org_types": ["sme", "research"]}},
    {"code": "must_meet_one_sided", "params": {"requested_by": 2}},
]


@pytest.fixture
def german(app):
    with app.test_request_context(), force_locale("de"):
        yield


def test_reasons_are_phrased_for_the_offering_side(german):
    assert phrase_reasons(REASONS, 1, INDUSTRIES) == [
        "Gemeinsame Themen: Open Innovation, Fachkräftesicherung durch Aus- und Weiterbildung",
        "Sie bieten „Wasserstoff“ an, was Ihr Gegenüber sucht.",
        "Branchenübergreifend: Energie und Umwelt × Maritime Wirtschaft",
        "Ergänzende Organisationen: KMU (kleines oder mittleres Unternehmen) × "
        "Forschungseinrichtung oder Hochschule",
        "Ihr Gegenüber möchte Sie gern treffen.",
    ]


def test_reasons_are_phrased_for_the_seeking_side(german):
    sentences = phrase_reasons(REASONS, 2, INDUSTRIES)
    assert "Ihr Gegenüber bietet „Wasserstoff“ an, was Sie suchen." in sentences
    assert "Sie haben sich dieses Gespräch gewünscht." in sentences


def test_reasons_in_english(app):
    with app.test_request_context(), force_locale("en"):
        assert phrase_reasons(REASONS[1:2], 2, INDUSTRIES) == [
            "Your partner offers “Wasserstoff”, which you are looking for."]


SPELLINGS = [
    {"code": "shared_keywords", "params": {"keywords": ["KI"], "keywords_of": 1,
                                           "partner_keywords": ["Künstliche Intelligenz"]}},
    {"code": "offer_matches_seek", "params": {"tag": "AI", "offered_by": 1, "sought_by": 2,
                                              "sought_tag": "KI"}},
]
CLUSTERS = [
    {"code": "same_cluster", "params": {"cluster": "Photonik BW"}},
    {"code": "cluster_exchange", "params": {"clusters": ["Photonik BW", "Cluster Leichtbau Nord"]}},
]


def test_synonymous_tags_are_shown_as_the_first_attendee_spelled_them(german):
    assert phrase_reasons(SPELLINGS, 1, INDUSTRIES) == [
        "Gemeinsame Stichworte: KI", "Sie bieten „AI“ an, was Ihr Gegenüber sucht."]


def test_synonymous_tags_are_shown_as_the_second_attendee_spelled_them(german):
    assert phrase_reasons(SPELLINGS, 2, INDUSTRIES) == [
        "Gemeinsame Stichworte: Künstliche Intelligenz",
        "Ihr Gegenüber bietet „KI“ an, was Sie suchen."]


@pytest.mark.parametrize("viewer", [1, 2])
def test_cluster_reasons_read_the_same_for_both_sides_in_german(german, viewer):
    assert phrase_reasons(CLUSTERS, viewer, INDUSTRIES) == [
        "Sie gehören beide zu Photonik BW und kennen sich vielleicht schon.",
        "Austausch zwischen zwei Clustern: Photonik BW × Cluster Leichtbau Nord",
    ]


def test_cluster_reasons_in_english(app):
    with app.test_request_context(), force_locale("en"):
        assert phrase_reasons(CLUSTERS, 2, INDUSTRIES) == [
            "You both belong to Photonik BW and may know each other already.",
            "Exchange between two clusters: Photonik BW × Cluster Leichtbau Nord",
        ]


def test_reasons_stored_before_synonyms_still_read_well(german):
    old = [{"code": "shared_keywords", "params": {"keywords": ["Leichtbau"]}},
           {"code": "offer_matches_seek", "params": {"tag": "KI", "offered_by": 1, "sought_by": 2}}]
    assert phrase_reasons(old, 2, INDUSTRIES) == [
        "Gemeinsame Stichworte: Leichtbau", "Ihr Gegenüber bietet „KI“ an, was Sie suchen."]


FAVOURITES = [{"code": "favourite", "params": {"marked_by": 1}}]


def test_a_favourite_is_phrased_only_for_the_one_who_marked(german):
    assert phrase_reasons(FAVOURITES, 1, INDUSTRIES) == ["Sie haben diese Person als interessant markiert."]
    assert phrase_reasons(FAVOURITES, 2, INDUSTRIES) == []


def test_a_mutual_favourite_tells_each_only_of_their_own_mark(app):
    with app.test_request_context(), force_locale("en"):
        assert phrase_reasons([{"code": "favourite_mutual", "params": {}}], 2, INDUSTRIES) == [
            "You marked this person as interesting."]


SIMILAR = [{"code": "similar_interest", "params": {
    "kind": "offer_seek", "tag": "H2-Elektrolyse", "tag_of": 2, "partner_tag": "Wasserstoff",
    "partner": 1}}]


def test_similar_interest_is_phrased_for_the_seeking_side(german):
    assert phrase_reasons(SIMILAR, 2, INDUSTRIES) == [
        "Sie suchen „H2-Elektrolyse“, Ihr Gegenüber bietet „Wasserstoff“ an – ähnliche Begriffe."]


def test_similar_interest_is_phrased_for_the_offering_side(german):
    assert phrase_reasons(SIMILAR, 1, INDUSTRIES) == [
        "Sie bieten „Wasserstoff“ an, Ihr Gegenüber sucht „H2-Elektrolyse“ – ähnliche Begriffe."]


def test_similar_keywords_name_the_readers_own_spelling_first(german):
    reasons = [{"code": "similar_interest", "params": {
        "kind": "keywords", "tag": "KI", "tag_of": 1, "partner_tag": "Machine Learning", "partner": 2}}]
    assert phrase_reasons(reasons, 2, INDUSTRIES) == [
        "Ihr Stichwort „Machine Learning“ und das Ihres Gegenübers, „KI“, sind ähnliche Begriffe."]


@pytest.mark.parametrize(("viewer", "sentence"), [
    (2, "You are looking for “H2-Elektrolyse”, your partner offers “Wasserstoff” – similar terms."),
    (1, "You offer “Wasserstoff”, your partner is looking for “H2-Elektrolyse” – similar terms.")])
def test_similar_interest_is_phrased_in_english_for_each_side(app, viewer, sentence):
    with app.test_request_context(), force_locale("en"):
        assert phrase_reasons(SIMILAR, viewer, INDUSTRIES) == [sentence]
