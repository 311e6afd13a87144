"""Scores and reasons of single pairs, and the vectorised scorer's agreement with them."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings

from matchmaker.matching import Event, Reason, Weights, pair_score, suggestions
from matchmaker.matching.matrix import ScoreMatrix
from matchmaker.matching.synonyms import parse_synonyms
from tests.matching.strategies import attendee, events

W = Weights()


def codes(a, b, **kwargs) -> list[str]:
    return [r.code for r in pair_score(a, b, W, **kwargs).reasons]


def test_shared_themes_score_per_theme():
    a = attendee(1, themes=frozenset({"skills", "open_innovation"}), industry="logistics")
    b = attendee(2, themes=frozenset({"skills", "open_innovation", "non_technical"}),
                 industry="logistics")
    scored = pair_score(a, b)
    assert scored.reasons == (Reason("shared_themes", {"themes": ("open_innovation", "skills")}),)
    assert scored.score == 2 * W.shared_theme


def test_shared_keywords_compare_case_and_space_insensitively():
    a = attendee(1, keywords=("Predictive  Maintenance", "KI"))
    b = attendee(2, keywords=("predictive maintenance",))
    scored = pair_score(a, b)
    assert scored.reasons == (Reason("shared_keywords", {
        "keywords": ("Predictive Maintenance",), "keywords_of": 1,
        "partner_keywords": ("predictive maintenance",)}),)
    assert scored.score == W.shared_keyword


def test_offer_matching_seek_counts_both_directions():
    a = attendee(1, offers=("Wasserstoff",), seeks=("KI",))
    b = attendee(2, offers=("ki",), seeks=("wasserstoff",))
    scored = pair_score(a, b)
    assert scored.reasons == (
        Reason("offer_matches_seek", {"tag": "Wasserstoff", "offered_by": 1, "sought_by": 2,
                                      "sought_tag": "wasserstoff"}),
        Reason("offer_matches_seek", {"tag": "ki", "offered_by": 2, "sought_by": 1,
                                      "sought_tag": "KI"}),
    )
    assert scored.score == 2 * W.offer_matches_seek


def test_different_industries_with_common_ground_get_cross_industry_bonus():
    a = attendee(1, industry="logistics", offers=("KI",))
    b = attendee(2, industry="ict_software", seeks=("KI",))
    assert "cross_industry" in codes(a, b)


def test_different_industries_without_common_ground_get_no_bonus():
    a = attendee(1, industry="logistics", keywords=("KI",))
    b = attendee(2, industry="ict_software", keywords=("KI",))
    assert "cross_industry" not in codes(a, b)


def test_sme_with_research_institute_is_complementary():
    a = attendee(1, org_type="sme")
    b = attendee(2, org_type="research")
    assert pair_score(a, b).reasons == (
        Reason("complementary_org_types", {"org_types": ("sme", "research")}),
    )


def test_two_smes_are_not_complementary():
    assert pair_score(attendee(1), attendee(2)).score == 0


def test_same_organisation_ignoring_case_and_spaces_is_excluded():
    a = attendee(1, organisation="ACME  GmbH", org_type="sme", offers=("KI",))
    b = attendee(2, organisation=" acme gmbh", org_type="large", seeks=("KI",))
    assert pair_score(a, b) == pair_score(a, b).__class__(0, (), "same_organisation")


def test_blocked_pair_is_excluded():
    a, b = attendee(1, org_type="sme"), attendee(2, org_type="large")
    assert pair_score(b, a, W, frozenset({(1, 2)})).excluded == "blocked"


def test_attendee_without_consent_is_excluded():
    a, b = attendee(1, org_type="sme", consent=False), attendee(2, org_type="large")
    assert pair_score(a, b).excluded == "no_consent"


def test_one_sided_must_meet_gets_bonus_naming_requester():
    a, b = attendee(1), attendee(2, must_meet=frozenset({1}))
    scored = pair_score(a, b)
    assert scored.reasons == (Reason("must_meet_one_sided", {"requested_by": 2}),)
    assert scored.score == W.must_meet_one_sided


def test_mutual_must_meet_gets_higher_bonus():
    a, b = attendee(1, must_meet=frozenset({2})), attendee(2, must_meet=frozenset({1}))
    assert pair_score(a, b).score == W.must_meet_mutual > W.must_meet_one_sided


def test_favourite_gets_small_bonus_naming_who_marked():
    a, b = attendee(1, favourites=frozenset({2})), attendee(2)
    scored = pair_score(a, b)
    assert scored.reasons == (Reason("favourite", {"marked_by": 1}),)
    assert scored.score == W.favourite < W.must_meet_one_sided


def test_mutual_favourite_scores_like_one_sided_request():
    a, b = attendee(1, favourites=frozenset({2})), attendee(2, favourites=frozenset({1}))
    scored = pair_score(a, b)
    assert scored.reasons == (Reason("favourite_mutual"),)
    assert scored.score == W.must_meet_one_sided


def test_favourite_of_excluded_pair_gives_nothing():
    a = attendee(1, organisation="ACME", favourites=frozenset({2}))
    assert pair_score(a, attendee(2, organisation="ACME")).score == 0


SYNONYMS = parse_synonyms("KI = Künstliche Intelligenz = AI\nWasserstoff = H2\n")


def test_synonymous_keywords_match_with_each_attendees_spelling():
    a = attendee(1, keywords=("KI",))
    b = attendee(2, keywords=("künstliche  intelligenz",))
    assert pair_score(a, b, synonyms=SYNONYMS).reasons == (Reason("shared_keywords", {
        "keywords": ("KI",), "keywords_of": 1, "partner_keywords": ("künstliche intelligenz",)}),)


def test_synonymous_offer_and_seek_match_with_both_spellings():
    a = attendee(1, seeks=("AI",))
    b = attendee(2, offers=("KI",))
    assert pair_score(a, b, synonyms=SYNONYMS).reasons == (Reason("offer_matches_seek", {
        "tag": "KI", "offered_by": 2, "sought_by": 1, "sought_tag": "AI"}),)


def test_tags_of_different_groups_do_not_match():
    a, b = attendee(1, offers=("KI",)), attendee(2, seeks=("H2",))
    assert pair_score(a, b, synonyms=SYNONYMS).score == 0


def test_same_cluster_gets_penalty_reason_ignoring_case():
    a = attendee(1, org_type="sme", cluster="Photonik BW")
    b = attendee(2, org_type="large", cluster="photonik  bw")
    scored = pair_score(a, b)
    assert scored.reasons[-1] == Reason("same_cluster", {"cluster": "Photonik BW"})
    assert scored.score == W.complementary_org_types + W.same_cluster


def test_member_meeting_own_cluster_manager_counts_as_same_cluster():
    member = attendee(1, org_type="large", cluster="Cluster Leichtbau Nord")
    manager = attendee(2, org_type="cluster", organisation="Cluster Leichtbau Nord")
    assert "same_cluster" in codes(member, manager)


def test_cluster_managers_of_two_clusters_sharing_a_theme_get_exchange_bonus():
    themes = frozenset({"cluster_management"})
    a = attendee(1, org_type="cluster", organisation="Photonik BW", themes=themes)
    b = attendee(2, org_type="cluster", organisation="Cluster Leichtbau Nord", themes=themes)
    scored = pair_score(a, b)
    assert scored.reasons[-1] == Reason(
        "cluster_exchange", {"clusters": ("Photonik BW", "Cluster Leichtbau Nord")})
    assert scored.score == W.shared_theme + W.cluster_exchange


def test_cluster_managers_without_shared_theme_get_no_exchange_bonus():
    a = attendee(1, org_type="cluster", themes=frozenset({"skills"}))
    b = attendee(2, org_type="cluster", themes=frozenset({"non_technical"}))
    assert "cluster_exchange" not in codes(a, b)


def test_custom_weights_change_the_score():
    a = attendee(1, org_type="startup")
    b = attendee(2, org_type="large")
    assert pair_score(a, b, Weights(complementary_org_types=11)).score == 11


@settings(max_examples=40, deadline=None)
@given(event=events(locked=False))
def test_any_pair_score_symmetric_with_same_reasons(event):
    for a in event.attendees:
        for b in event.attendees:
            assert pair_score(a, b, event.weights, event.blocked_pairs, event.synonyms) == (
                pair_score(b, a, event.weights, event.blocked_pairs, event.synonyms))


@settings(max_examples=40, deadline=None)
@given(event=events(locked=False))
def test_vectorised_scores_equal_pair_scores(event):
    matrix = ScoreMatrix(event)
    people = sorted(event.attendees, key=lambda a: a.id)
    expected = np.array([[pair_score(a, b, event.weights, event.blocked_pairs,
                                     event.synonyms).score for b in people] for a in people])
    assert (matrix.block(0, matrix.n) == expected).all()
    assert all((scores == expected[start:start + len(scores)]).all()
               for start, scores in matrix.blocks())


def test_cached_scores_above_int16_range_stay_exact():
    people = (attendee(1, offers=("KI",)), attendee(2, seeks=("KI",)), attendee(3))
    event = Event(people, slots=1, tables=1, weights=Weights(offer_matches_seek=100_000))
    assert ScoreMatrix(event).dense[0].tolist() == [0, 100_000, 0]


def test_suggestions_best_first_with_reasons():
    me = attendee(1, org_type="sme", offers=("KI",))
    good = attendee(2, org_type="research", seeks=("KI",), industry="logistics")
    fair = attendee(3, org_type="large")
    same_org = attendee(4, organisation="Org 1", org_type="large", seeks=("KI",))
    event = Event((me, good, fair, same_org), slots=3, tables=2)
    found = suggestions(event, 1, limit=5)
    assert [(s.partner_id, s.score) for s in found] == [
        (2, pair_score(me, good).score), (3, W.complementary_org_types)]
    assert found[0].reasons == pair_score(me, good).reasons


def test_suggestions_respect_limit():
    people = tuple(attendee(i, org_type="large" if i > 1 else "sme") for i in range(1, 6))
    assert len(suggestions(Event(people, 3, 2), 1, limit=2)) == 2
